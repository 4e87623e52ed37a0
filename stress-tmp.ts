import { ProfileSession } from './main/engine/profile/profile-session.ts';
const n = Number(process.argv[2] ?? 200);
for (let i = 0; i < n; i++) {
  const s = new ProfileSession({ python: process.env.HOME + '/.pyenv/versions/3.12.1/bin/python3.12', script: '/tmp/stress/work.py', args: [], cwd: '/tmp/stress', gilMode: 'default', rateHz: 1000, dbFile: '/tmp/stress/runs.sqlite' } as never);
  const out = await s.done;
  if (i % 20 === 0) console.log(i, out.kind);
}
console.log('done');
