import { STATE_CODE, type StateCode, type Tid } from '../model.ts';
import type { FrameShare, FunctionShare } from '../../shared/run-summary-types.ts';
import type { StackTable, Timeline } from '../store/run-types.ts';
import { contendedTicks } from './gil-figures.ts';

export type { FrameShare, FunctionShare } from '../../shared/run-summary-types.ts';

export interface SampleFilter {
  tid?: Tid;
  states?: readonly StateCode[];
}

/** CPU-visible states: a profile of "where the time goes" counts running and runnable samples. */
export const ON_CPU_STATES: readonly StateCode[] = [STATE_CODE.running, STATE_CODE.runnable];

/**
 * Samples the filter keeps, counted per stack id (-1 = no stack). Every per-function figure is then
 * computed once per distinct stack, which are far fewer than samples in any long run.
 */
export function countStacks(
  timeline: Timeline,
  filter: SampleFilter,
): { counts: Map<number, number>; total: number; firstTick: Map<number, number> } {
  const counts = new Map<number, number>();
  // The earliest tick each stack was seen at, for a flame graph in time order.
  const firstTick = new Map<number, number>();
  let total = 0;
  const states = filter.states ? new Set<number>(filter.states) : null;
  for (const [tid, thread] of timeline.threads) {
    if (filter.tid !== undefined && tid !== filter.tid) continue;
    const { stackId, state } = thread;
    for (let i = 0; i < stackId.length; i++) {
      if (states && !states.has(state[i] ?? -1)) continue;
      total++;
      const id = stackId[i] ?? -1;
      counts.set(id, (counts.get(id) ?? 0) + 1);
      const tick = thread.tickIndex[i] ?? 0;
      if (tick < (firstTick.get(id) ?? Infinity)) firstTick.set(id, tick);
    }
  }
  return { counts, total, firstTick };
}

/** Functions ranked by self time (then total), over the samples the filter keeps; fractions of those samples. */
export function topFunctions(
  table: StackTable,
  timeline: Timeline,
  filter: SampleFilter = {},
  limit = 20,
): FunctionShare[] {
  type Entry = {
    function: string;
    file: string;
    self: number;
    total: number;
    lines: Map<number, number>;
    stackLines: Map<number, number>;
  };
  const byFunction = new Map<string, Entry>();
  const entryOf = (frame: number): Entry => {
    const fn = table.frames.function[frame] ?? '?';
    const file = table.frames.file[frame] ?? '?';
    const key = `${fn}\0${file}`;
    let entry = byFunction.get(key);
    if (!entry)
      byFunction.set(key, (entry = { function: fn, file, self: 0, total: 0, lines: new Map(), stackLines: new Map() }));
    return entry;
  };
  const { counts, total } = countStacks(timeline, filter);
  for (const [stackId, count] of counts) {
    if (stackId < 0) continue;
    const innermost = table.stacks.frame[stackId] ?? -1;
    const self = entryOf(innermost);
    self.self += count;
    const line = table.frames.line[innermost] ?? 0;
    self.lines.set(line, (self.lines.get(line) ?? 0) + count);
    const counted = new Set<Entry>(); // recursion counts a function once per sample
    for (let stack = stackId; stack >= 0; stack = table.stacks.prefix[stack] ?? -1) {
      const frame = table.stacks.frame[stack] ?? -1;
      const entry = entryOf(frame);
      const stackLine = table.frames.line[frame] ?? 0;
      entry.stackLines.set(stackLine, (entry.stackLines.get(stackLine) ?? 0) + count);
      if (!counted.has(entry)) {
        counted.add(entry);
        entry.total += count;
      }
    }
  }
  if (total === 0) return [];
  return [...byFunction.values()]
    .sort((a, b) => b.self - a.self || b.total - a.total)
    .slice(0, limit)
    .map((entry) => ({
      function: entry.function,
      file: entry.file,
      line: mostCommon(entry.lines) ?? mostCommon(entry.stackLines) ?? 0,
      selfFraction: entry.self / total,
      totalFraction: entry.total / total,
    }));
}

function mostCommon(counts: Map<number, number>): number | undefined {
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
}

/** Innermost frames ranked by how often they were seen in the samples the filter keeps. */
export function topInnermostFrames(
  table: StackTable,
  timeline: Timeline,
  filter: SampleFilter,
  limit = 10,
): FrameShare[] {
  const { counts: byStack, total } = countStacks(timeline, filter);
  const counts = new Map<number, number>();
  for (const [stackId, count] of byStack) if (stackId >= 0) countInnermost(counts, table, stackId, count);
  return rankFrames(table, counts, total, limit);
}

/**
 * What the GIL holder was executing while at least one other thread waited for the GIL: the
 * holder's innermost frame at each contended tick, ranked.
 */
export function gilHolderFrames(table: StackTable, timeline: Timeline, limit = 10): FrameShare[] {
  const { ticks } = timeline;
  const first = ticks.index[0] ?? 0;
  const contended = contendedTicks(timeline);
  const counts = new Map<number, number>();
  let total = 0;
  for (const [tid, thread] of timeline.threads) {
    for (let i = 0; i < thread.tickIndex.length; i++) {
      const position = (thread.tickIndex[i] ?? 0) - first;
      const stackId = thread.stackId[i] ?? -1;
      if (!contended[position] || ticks.gilHolderTid[position] !== tid || stackId < 0) continue;
      total++;
      countInnermost(counts, table, stackId);
    }
  }
  return rankFrames(table, counts, total, limit);
}

function countInnermost(counts: Map<number, number>, table: StackTable, stackId: number, count = 1): void {
  const frame = table.stacks.frame[stackId] ?? -1;
  counts.set(frame, (counts.get(frame) ?? 0) + count);
}

function rankFrames(table: StackTable, counts: Map<number, number>, total: number, limit: number): FrameShare[] {
  if (total === 0) return [];
  return [...counts]
    .sort((a, b) => b[1] - a[1])
    .slice(0, limit)
    .map(([frame, count]) => ({
      function: table.frames.function[frame] ?? '?',
      file: table.frames.file[frame] ?? '?',
      line: table.frames.line[frame] ?? 0,
      fraction: count / total,
    }));
}
