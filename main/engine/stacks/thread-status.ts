// A thread's status as `gilscope dump` shows it: active or idle (from /proc/PID/task/TID/syscall, else the
// stat letter) and its relation to the GIL (holder from the GIL struct; a futex wait inside it = waiting).
import fs from 'node:fs';
import type { Address } from '../model.ts';
import { parseStatState, parseSyscall } from '../proc/parse-proc.ts';
import type { GilLocation, GilReading } from '../python/python-process.ts';
import { waitsForGil } from '../python/gil-state.ts';

/** `holds`/`waiting`/`none`; `disabled` on a free-threaded build running without the GIL; `unknown` if unreadable. */
export type GilRelation = 'holds' | 'waiting' | 'none' | 'disabled' | 'unknown';

/** What dump prints in a thread's header. */
export interface ThreadStatus {
  active: boolean;
  gil: GilRelation;
}

function readText(path: string): string | null {
  try {
    return fs.readFileSync(path, 'latin1');
  } catch {
    return null;
  }
}

/** The status of thread `tid` whose PyThreadState is at `tstate`, given one GIL reading. Never throws. */
export function readThreadStatus(
  pid: number,
  tid: number,
  tstate: Address,
  gil: GilLocation | null,
  reading: GilReading | null,
): ThreadStatus {
  const dir = `/proc/${pid}/task/${tid}`;
  const syscallText = readText(`${dir}/syscall`);
  const activity = syscallText === null ? null : parseSyscall(syscallText);
  let active: boolean;
  if (activity) active = activity.kind === 'running';
  else {
    const statText = readText(`${dir}/stat`);
    active = (statText === null ? null : parseStatState(statText)) === 'R';
  }
  let relation: GilRelation;
  if (!reading || !gil?.exact) relation = 'unknown';
  else if (!reading.enabled) relation = 'disabled';
  else if (reading.locked && reading.lastHolder === tstate) relation = 'holds';
  else if (waitsForGil(activity, gil)) relation = 'waiting';
  else relation = 'none';
  return { active, gil: relation };
}

/** "active", "idle, waiting for the GIL", "active, holds the GIL", … */
export function describeStatus(status: ThreadStatus): string {
  const activity = status.active ? 'active' : 'idle';
  if (status.gil === 'holds') return `${activity}, holds the GIL`;
  if (status.gil === 'waiting') return `${activity}, waiting for the GIL`;
  if (status.gil === 'disabled') return `${activity}, GIL disabled`;
  return activity;
}
