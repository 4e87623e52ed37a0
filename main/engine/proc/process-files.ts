// Process-level /proc reads for following a process tree: who is whose parent, what a process runs, and
// how much CPU it has used. Every read returns null when the process is gone (or unreadable).
import fs from 'node:fs';
import type { Nanoseconds, Pid } from '../model.ts';

/** /proc reports utime and stime in USER_HZ ticks, which Linux fixes at 100 per second on x86-64. */
const NS_PER_USER_HZ_TICK = 1e7;

/** Every process id in /proc now. */
export function listProcessIds(): Pid[] {
  const pids: Pid[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    const code = entry.charCodeAt(0);
    if (code >= 48 && code <= 57) pids.push(Number(entry));
  }
  return pids;
}

/** The fields of /proc/PID/stat after the command name (which may itself hold spaces and parentheses). */
function readStatFields(pid: Pid): string[] | null {
  try {
    const text = fs.readFileSync(`/proc/${pid}/stat`, 'latin1');
    return text.slice(text.lastIndexOf(')') + 2).split(' ');
  } catch {
    return null;
  }
}

/** State letter, parent and CPU of a process (stat fields 3, 4, 14 and 15). */
export interface ProcessStat {
  state: string;
  parentPid: Pid;
  /** utime + stime over every thread, exited ones included; 10 ms resolution. */
  cpuNs: Nanoseconds;
}

export function readProcessStat(pid: Pid): ProcessStat | null {
  const fields = readStatFields(pid);
  if (fields === null || fields.length < 13) return null;
  return {
    state: fields[0] ?? '?',
    parentPid: Number(fields[1]),
    cpuNs: (Number(fields[11]) + Number(fields[12])) * NS_PER_USER_HZ_TICK,
  };
}

/** argv of a process; [] for a zombie or a kernel thread, null when it is gone. */
export function readCommandLine(pid: Pid): string[] | null {
  try {
    const text = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    const parts = text.split('\0');
    if (parts.at(-1) === '') parts.pop();
    return parts;
  } catch {
    return null;
  }
}

/** /proc/loadavg, kept open: it is read every 20 ms while a tree is followed. */
let loadavgFd: number | null = null;
const loadavgBuffer = Buffer.alloc(128);

/** The most recently created PID in our PID namespace (last field of /proc/loadavg); null if unreadable. */
export function readLastCreatedPid(): Pid | null {
  try {
    loadavgFd ??= fs.openSync('/proc/loadavg', 'r');
    const n = fs.readSync(loadavgFd, loadavgBuffer, 0, loadavgBuffer.length, 0);
    const text = loadavgBuffer.toString('latin1', 0, n).trimEnd();
    const last = Number(text.slice(text.lastIndexOf(' ') + 1));
    return Number.isInteger(last) ? last : null;
  } catch {
    return null;
  }
}
