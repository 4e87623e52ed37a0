import type { TickColumns } from '../store/run-types.ts';

/** Finds the time of a tick index; ticks are stored in index order, usually without gaps. */
export function makeTickTimeLookup(ticks: TickColumns): (tickIndex: number) => number | undefined {
  const first = ticks.index[0] ?? 0;
  const contiguous = ticks.index.length === 0 || ticks.index[ticks.index.length - 1] === first + ticks.index.length - 1;
  if (contiguous) return (tickIndex) => ticks.timeNs[tickIndex - first];
  const byIndex = new Map<number, number>();
  ticks.index.forEach((index, position) => byIndex.set(index, ticks.timeNs[position] ?? 0));
  return (tickIndex) => byIndex.get(tickIndex);
}
