// speedscope's JSON file format (https://www.speedscope.app/file-format-schema.json, shipped in the
// speedscope npm package): one "sampled" profile per thread, sample weights being the real time
// between that thread's samples, in nanoseconds.
import type { ThreadInfo } from '../model.ts';
import type { StackTable, Timeline } from '../store/run-types.ts';
import { framesOuterFirst } from '../analysis/stack-walk.ts';
import { makeTickTimeLookup } from '../analysis/tick-time-lookup.ts';

export interface SpeedscopeFile {
  $schema: 'https://www.speedscope.app/file-format-schema.json';
  name: string;
  exporter: string;
  activeProfileIndex: number;
  shared: { frames: Array<{ name: string; file?: string; line?: number }> };
  profiles: Array<{
    type: 'sampled';
    name: string;
    unit: 'nanoseconds';
    startValue: number;
    endValue: number;
    samples: number[][];
    weights: number[];
  }>;
}

/** A run's samples as a speedscope file; `periodNs` weighs each thread's first sample. */
export function toSpeedscope(
  name: string,
  threads: readonly ThreadInfo[],
  table: StackTable,
  timeline: Timeline,
  periodNs: number,
): SpeedscopeFile {
  const frames = table.frames.function.map((fn, i) => ({
    name: fn,
    file: table.frames.file[i] ?? '',
    line: table.frames.line[i] ?? 0,
  }));
  const timeOf = makeTickTimeLookup(timeline.ticks);
  const stackCache = new Map<number, number[]>();
  const stackOf = (stackId: number): number[] => {
    if (stackId < 0) return [];
    let stack = stackCache.get(stackId);
    if (!stack) stackCache.set(stackId, (stack = framesOuterFirst(table, stackId)));
    return stack;
  };
  const profiles: SpeedscopeFile['profiles'] = [];
  for (const info of threads) {
    const samples = timeline.threads.get(info.tid);
    if (!samples || samples.tickIndex.length === 0) continue;
    const weights: number[] = [];
    const stacks: number[][] = [];
    let previous: number | null = null;
    for (let i = 0; i < samples.tickIndex.length; i++) {
      const time = timeOf(samples.tickIndex[i] ?? 0) ?? 0;
      weights.push(Math.max(0, previous === null ? periodNs : time - previous));
      stacks.push(stackOf(samples.stackId[i] ?? -1));
      previous = time;
    }
    const end = previous ?? 0;
    const start = end - weights.reduce((sum, weight) => sum + weight, 0);
    profiles.push({
      type: 'sampled',
      name: `${info.name || 'thread'} (${info.tid})`,
      unit: 'nanoseconds',
      startValue: start,
      endValue: end,
      samples: stacks,
      weights,
    });
  }
  return {
    $schema: 'https://www.speedscope.app/file-format-schema.json',
    name,
    exporter: 'GILscope',
    activeProfileIndex: 0,
    shared: { frames },
    profiles,
  };
}
