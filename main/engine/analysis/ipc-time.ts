// Time threads spent moving data between processes: pickling, pipes (multiprocessing.connection) and
// multiprocessing queues, read from their Python stacks. A sample whose innermost such frame pickles counts as
// pickling; else one inside a multiprocessing queue counts as queues (a queue reads and writes through a
// pipe), else one inside multiprocessing.connection as pipes. Unpickling runs in C called from
// Connection.recv / Queue.get, so it counts as pipes or queues.
import type { StackTable, Timeline } from '../store/run-types.ts';
import type { IpcTime } from '../../shared/run-summary-types.ts';

type IpcKind = keyof IpcTime;

/** Which kind of inter-process work a source file does, or null. Paths end in the stdlib's own names. */
export function ipcKindOfFile(file: string): IpcKind | null {
  if (/(^|\/)(pickle|copyreg)\.py$/.test(file) || file.endsWith('multiprocessing/reduction.py')) return 'pickling';
  if (file.endsWith('multiprocessing/connection.py')) return 'pipes';
  if (file.endsWith('multiprocessing/queues.py')) return 'queues';
  return null;
}

/**
 * Thread time per kind over every sampled thread: each sample weighs its thread's lifetime ÷ its sample count
 * (`lifetimeSeconds` by tid); `cpuSeconds` adds each sample's CPU delta (the CPU used since the thread's previous sample).
 */
export function ipcTime(table: StackTable, timeline: Timeline, lifetimeSeconds: ReadonlyMap<number, number>): IpcTime {
  const result: IpcTime = {
    pickling: { seconds: 0, cpuSeconds: 0 },
    pipes: { seconds: 0, cpuSeconds: 0 },
    queues: { seconds: 0, cpuSeconds: 0 },
  };
  const kindOfStack = new Map<number, IpcKind | null>();
  const classify = (stackId: number): IpcKind | null => {
    const known = kindOfStack.get(stackId);
    if (known !== undefined) return known;
    let innermost: IpcKind | null = null;
    let inQueue = false;
    for (let stack = stackId, guard = 0; stack >= 0 && guard < 100_000; guard++) {
      const found = ipcKindOfFile(table.frames.file[table.stacks.frame[stack] ?? -1] ?? '');
      innermost ??= found;
      inQueue ||= found === 'queues';
      stack = table.stacks.prefix[stack] ?? -1;
    }
    const kind = innermost === 'pickling' ? 'pickling' : inQueue ? 'queues' : innermost;
    kindOfStack.set(stackId, kind);
    return kind;
  };
  for (const [tid, samples] of timeline.threads) {
    const count = samples.stackId.length;
    const weight = count > 0 ? (lifetimeSeconds.get(tid) ?? 0) / count : 0;
    for (let i = 0; i < count; i++) {
      const stackId = samples.stackId[i] ?? -1;
      const kind = stackId >= 0 ? classify(stackId) : null;
      if (kind === null) continue;
      result[kind].seconds += weight;
      result[kind].cpuSeconds += (samples.cpuNs[i] ?? 0) / 1e9;
    }
  }
  return result;
}
