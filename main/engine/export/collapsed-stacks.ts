// Collapsed ("folded") stacks, the text format of Brendan Gregg's flamegraph.pl, also read by
// speedscope and Firefox Profiler: one line per distinct stack, frames outermost first separated by
// ';', then a space and the sample count. GILscope puts the thread first: `name (tid);outer (f:l);… N`,
// and in a run of several processes the process before it: `worker 1 (pid);name (tid);… N`.
import type { ThreadInfo } from '../model.ts';
import type { StackTable, Timeline } from '../store/run-types.ts';
import { describeFrame, framesOuterFirst } from '../analysis/stack-walk.ts';

/** ';' separates frames and newlines separate stacks: neither may appear inside a frame's text. */
function clean(text: string): string {
  return text.replace(/[;\r\n]/g, ' ');
}

/** Every sample of every thread, as collapsed-stack lines sorted by thread then stack text. */
export function toCollapsedStacks(
  threads: readonly ThreadInfo[],
  table: StackTable,
  timeline: Timeline,
  processLabels: ReadonlyMap<number, string> = new Map(),
): string {
  const lines: string[] = [];
  const frameText = new Map<number, string>();
  const textOf = (frame: number): string => {
    let text = frameText.get(frame);
    if (text === undefined) frameText.set(frame, (text = clean(describeFrame(table, frame))));
    return text;
  };
  for (const info of threads) {
    const samples = timeline.threads.get(info.tid);
    if (!samples) continue;
    const counts = new Map<number, number>();
    for (const stackId of samples.stackId) counts.set(stackId, (counts.get(stackId) ?? 0) + 1);
    const head = clean(`${info.name || 'thread'} (${info.tid})`);
    const process = info.pid === undefined ? undefined : processLabels.get(info.pid);
    const heads = process === undefined ? [head] : [clean(process), head];
    const threadLines = [...counts].map(([stackId, count]) => {
      const frames = stackId < 0 ? [] : framesOuterFirst(table, stackId).map(textOf);
      return `${[...heads, ...frames].join(';')} ${count}`;
    });
    lines.push(...threadLines.sort());
  }
  return lines.length ? lines.join('\n') + '\n' : '';
}
