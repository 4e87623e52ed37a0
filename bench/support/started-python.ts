// Starts a Python workload outside any profiler and waits for its "started" line (for synchronous sampler probes).
import { spawn, type ChildProcess } from 'node:child_process';

/** A running workload; stop() kills it and waits for its exit. */
export interface StartedPython {
  pid: number;
  stop(): Promise<void>;
}

/** Spawns `python script args` and resolves once it prints "started". */
export function startPython(python: string, script: string, args: string[]): Promise<StartedPython> {
  const child: ChildProcess = spawn(python, [script, ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, PYTHONUNBUFFERED: '1' },
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    let seen = '';
    child.once('error', reject);
    child.stdout?.setEncoding('utf8').on('data', (text: string) => {
      seen += text;
      if (!seen.includes('started')) return;
      seen = '';
      resolve({
        pid: child.pid!,
        stop: async () => {
          child.kill('SIGKILL');
          await exited;
        },
      });
    });
    void exited.then(() => reject(new Error(`${script} exited before it started`)));
  });
}
