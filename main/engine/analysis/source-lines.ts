// Per-line samples of one source file: for each line, how many samples had it on their stack while on
// CPU, waiting for the GIL and waiting on another lock. Pure, over a stack table and a timeline.
import { STATE_CODE, type Tid } from '../model.ts';
import type { SourceLineCounts, SourceView } from '../../shared/run-views.ts';
import type { StackTable, Timeline } from '../store/run-types.ts';

type Column = 'onCpu' | 'gilWait' | 'lockWait';

/** The column each stored state code counts in (undefined: idle and unclassified waits count nowhere). */
const COLUMN_OF_STATE: Partial<Record<number, Column>> = {
  [STATE_CODE.running]: 'onCpu',
  [STATE_CODE.runnable]: 'onCpu',
  [STATE_CODE.gilWait]: 'gilWait',
  [STATE_CODE.lockWait]: 'lockWait',
};
const COLUMNS: readonly Column[] = ['onCpu', 'gilWait', 'lockWait'];

/**
 * Lines of `file` with the samples (of thread `tid`, or all) whose stack passes through them. A line is
 * counted once per sample however often it appears on the stack (recursion), like a function's total.
 */
export function countSourceLines(
  table: StackTable,
  timeline: Timeline,
  file: string,
  tid?: Tid,
): Pick<SourceView, 'counts' | 'totals'> {
  // Samples per stack id and column: every per-line figure is then computed once per distinct stack.
  const perStack = new Map<number, Record<Column, number>>();
  const totals = { onCpu: 0, gilWait: 0, lockWait: 0 };
  for (const [threadId, samples] of timeline.threads) {
    if (tid !== undefined && threadId !== tid) continue;
    for (let i = 0; i < samples.state.length; i++) {
      const column = COLUMN_OF_STATE[samples.state[i] ?? -1];
      if (!column) continue;
      totals[column]++;
      const stackId = samples.stackId[i] ?? -1;
      if (stackId < 0) continue;
      let counts = perStack.get(stackId);
      if (!counts) perStack.set(stackId, (counts = { onCpu: 0, gilWait: 0, lockWait: 0 }));
      counts[column]++;
    }
  }
  const inFile = table.frames.file.map((name) => name === file);
  const byLine = new Map<number, SourceLineCounts>();
  const lineCounts = (line: number): SourceLineCounts => {
    let counts = byLine.get(line);
    if (!counts) byLine.set(line, (counts = { onCpu: 0, onCpuSelf: 0, gilWait: 0, lockWait: 0 }));
    return counts;
  };
  for (const [stackId, counts] of perStack) {
    const innermost = table.stacks.frame[stackId] ?? -1;
    if (inFile[innermost]) lineCounts(table.frames.line[innermost] ?? 0).onCpuSelf += counts.onCpu;
    const seen = new Set<number>();
    for (let stack = stackId; stack >= 0; stack = table.stacks.prefix[stack] ?? -1) {
      const frame = table.stacks.frame[stack] ?? -1;
      if (!inFile[frame]) continue;
      const line = table.frames.line[frame] ?? 0;
      if (seen.has(line)) continue;
      seen.add(line);
      const target = lineCounts(line);
      for (const column of COLUMNS) target[column] += counts[column];
    }
  }
  return {
    counts: [...byLine]
      .filter(([, c]) => c.onCpu + c.gilWait + c.lockWait > 0)
      .sort((a, b) => a[0] - b[0])
      .map(([line, c]) => ({ line, ...c })),
    totals,
  };
}
