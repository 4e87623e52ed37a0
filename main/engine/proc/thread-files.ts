import fs from 'node:fs';
import { parseSchedstat, parseStatState, parseSyscall, type Schedstat, type SyscallActivity } from './parse-proc.ts';

// One scratch buffer for every read: the sampler is single-threaded and parses before the next read.
const scratch = Buffer.allocUnsafe(512);

/** Room for a children list of ~9,000 PIDs in one read. */
const childrenScratch = Buffer.allocUnsafe(64 * 1024);

function preadText(fd: number, buffer = scratch): string | null {
  try {
    const n = fs.readSync(fd, buffer, 0, buffer.length, 0);
    return buffer.toString('latin1', 0, n);
  } catch {
    return null;
  }
}

function tryOpen(path: string): number | null {
  try {
    return fs.openSync(path, 'r');
  } catch {
    return null;
  }
}

/**
 * The /proc files of one thread, kept open and re-read with pread at offset 0 each tick (one syscall
 * per file instead of open/read/close). `syscall` needs ptrace access; without it readSyscall() is null.
 */
export class ThreadFiles {
  readonly tid: number;
  private readonly taskDir: string;
  private readonly schedstatFd: number;
  private readonly syscallFd: number | null;
  private statFd: number | null = null;
  /** -1: not opened yet; null: unavailable (a kernel without CONFIG_PROC_CHILDREN, or the thread is gone). */
  private childrenFd: number | null | -1 = -1;

  private constructor(tid: number, taskDir: string, schedstatFd: number, syscallFd: number | null) {
    this.tid = tid;
    this.taskDir = taskDir;
    this.schedstatFd = schedstatFd;
    this.syscallFd = syscallFd;
  }

  /** Opens a thread's files; null when the thread is already gone. */
  static open(pid: number, tid: number): ThreadFiles | null {
    const taskDir = `/proc/${pid}/task/${tid}`;
    const schedstatFd = tryOpen(`${taskDir}/schedstat`);
    if (schedstatFd === null) return null;
    return new ThreadFiles(tid, taskDir, schedstatFd, tryOpen(`${taskDir}/syscall`));
  }

  /** CPU and run-queue totals so far; null when the thread has exited. */
  readSchedstat(): Schedstat | null {
    let length: number;
    try {
      length = fs.readSync(this.schedstatFd, scratch, 0, scratch.length, 0);
    } catch {
      return null;
    }
    return parseSchedstat(scratch, length);
  }

  /** What the thread is blocked on, or null when unreadable (exited, or no permission). */
  readSyscall(): SyscallActivity | null {
    if (this.syscallFd === null) return null;
    const text = preadText(this.syscallFd);
    return text === null ? null : parseSyscall(text);
  }

  /** The state letter from stat (R, S, D, …): the fallback when `syscall` is unreadable. */
  readStatState(): string | null {
    this.statFd ??= tryOpen(`${this.taskDir}/stat`);
    if (this.statFd === null) return null;
    const text = preadText(this.statFd);
    return text === null ? null : parseStatState(text);
  }

  /**
   * PIDs of the processes this thread created that still exist (zombies included), from
   * /proc/PID/task/TID/children; null when that file is unavailable. The list is read whole in one pread:
   * proc(5) warns that one read in pieces can miss entries while it changes.
   */
  readChildren(): number[] | null {
    if (this.childrenFd === -1) this.childrenFd = tryOpen(`${this.taskDir}/children`);
    if (this.childrenFd === null) return null;
    const text = preadText(this.childrenFd, childrenScratch);
    if (text === null) return null;
    const pids: number[] = [];
    for (const word of text.split(' ')) if (word !== '' && word !== '\n') pids.push(Number(word));
    return pids;
  }

  /** The OS thread name (comm, at most 15 bytes). */
  readComm(): string | null {
    try {
      return fs.readFileSync(`${this.taskDir}/comm`, 'utf8').replace(/\n$/, '');
    } catch {
      return null;
    }
  }

  close(): void {
    for (const fd of [this.schedstatFd, this.syscallFd, this.statFd, this.childrenFd]) {
      if (fd !== null && fd !== -1) {
        try {
          fs.closeSync(fd);
        } catch {
          // already closed by the kernel side going away: nothing to release
        }
      }
    }
  }
}

/**
 * How many threads a process has, from the link count of its open /proc/PID/task folder (threads + 2): one
 * fstat, where listing the folder is a getdents plus a string per thread. Null once it cannot be read.
 */
export class ThreadCounter {
  private fd: number | null;

  constructor(pid: number) {
    try {
      this.fd = fs.openSync(`/proc/${pid}/task`, 'r');
    } catch {
      this.fd = null;
    }
  }

  count(): number | null {
    if (this.fd === null) return null;
    try {
      return fs.fstatSync(this.fd).nlink - 2;
    } catch {
      return null;
    }
  }

  close(): void {
    if (this.fd !== null) fs.closeSync(this.fd);
    this.fd = null;
  }
}

/** Lists the TIDs of a process; null when the process is gone. */
export function listThreadIds(pid: number): number[] | null {
  try {
    return fs.readdirSync(`/proc/${pid}/task`).map(Number);
  } catch {
    return null;
  }
}
