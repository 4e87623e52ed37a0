import fs from 'node:fs';
import { readCommandLine, readProcessStat } from '../proc/process-files.ts';
import type { LaunchedScript, ScriptExit } from './launch-script.ts';
import { explainPtraceDenied } from './ptrace-permission.ts';

/** How often an attached process is checked for having ended (the sampler notices sooner while it samples). */
const POLL_MS = 100;

/** A running process GILscope attached to: never signalled; Stop only detaches. */
export interface AttachedProcess extends LaunchedScript {
  kind: 'attached';
  /** Ends the run without touching the process. */
  detach(): void;
  /** What the process runs: its executable (for the interpreter probe), argv and working directory. */
  executable: string;
  commandLine: string[];
  cwd: string;
}

/**
 * Checks that `pid` is a live process whose memory we may read (the same check ptrace makes), and returns
 * it as a target that ends when the process does or when detached. Refusals are one line that says how to fix them.
 */
export function attachToProcess(pid: number): AttachedProcess | { kind: 'refused'; message: string } {
  const stat = readProcessStat(pid);
  if (stat === null || stat.state === 'Z' || stat.state === 'X')
    return { kind: 'refused', message: `no process ${pid}` };
  if (pid === process.pid) return { kind: 'refused', message: `process ${pid} is GILscope itself` };
  try {
    fs.closeSync(fs.openSync(`/proc/${pid}/mem`, 'r'));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ESRCH') return { kind: 'refused', message: `no process ${pid}` };
    return { kind: 'refused', message: explainPtraceDenied(pid) };
  }
  let executable: string;
  let cwd: string;
  try {
    executable = fs.readlinkSync(`/proc/${pid}/exe`);
    cwd = fs.readlinkSync(`/proc/${pid}/cwd`);
  } catch {
    return { kind: 'refused', message: `process ${pid} ended, or is a kernel thread` };
  }

  let settle: (exit: ScriptExit) => void = () => {};
  const exit = new Promise<ScriptExit>((resolve) => (settle = resolve));
  const poll = setInterval(() => {
    const now = readProcessStat(pid);
    if (now === null || now.state === 'Z' || now.state === 'X') settle({ kind: 'target-ended' });
  }, POLL_MS);
  void exit.then(() => clearInterval(poll));
  return {
    kind: 'attached',
    pid,
    executable,
    commandLine: readCommandLine(pid) ?? [executable],
    cwd,
    start: () => {}, // already running
    exit,
    outputDone: Promise.resolve(),
    signalGroup: () => false,
    finish: () => clearInterval(poll),
    detach: () => settle({ kind: 'detached' }),
  };
}
