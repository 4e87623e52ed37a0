// Who is recording a run or an experiment: this process, named so that another process can tell,
// later, whether the recorder is still alive (PIDs are reused, so the process start time and the
// boot id come along). A "running" row whose recorder is gone was interrupted (GILscope was killed).
import fs from 'node:fs';

/** This boot of the machine, this PID, and when this process started (clock ticks since boot). */
export interface RecorderIdentity {
  bootId: string;
  pid: number;
  startTicks: number;
}

function readBootId(): string {
  try {
    return fs.readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
  } catch {
    return 'unknown';
  }
}

function startTicksOf(pid: number): number | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Field 22 (starttime), counting from the state letter after the last ')' as field 3.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const value = Number(fields[19]);
    return Number.isFinite(value) ? value : null;
  } catch {
    return null;
  }
}

/** This process as a recorder. */
export function currentRecorder(): RecorderIdentity {
  return { bootId: readBootId(), pid: process.pid, startTicks: startTicksOf(process.pid) ?? -1 };
}

/** True only when the recorder is provably gone: another boot, or its PID is free or taken by a younger process. */
export function isRecorderGone(recorder: RecorderIdentity): boolean {
  if (recorder.bootId !== readBootId()) return true;
  const startTicks = startTicksOf(recorder.pid);
  return startTicks === null || (recorder.startTicks >= 0 && startTicks !== recorder.startTicks);
}
