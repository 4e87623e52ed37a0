import type { StackTable } from '../store/run-types.ts';

/** Frame ids of a stack, outermost first (the order flame graphs and collapsed stacks use). */
export function framesOuterFirst(table: StackTable, stackId: number): number[] {
  const frames: number[] = [];
  for (let stack = stackId, guard = 0; stack >= 0 && guard < 100_000; guard++) {
    frames.push(table.stacks.frame[stack] ?? -1);
    stack = table.stacks.prefix[stack] ?? -1;
  }
  return frames.reverse();
}

/** "function (file:line)", the way py-spy and our collapsed output show a frame. */
export function describeFrame(table: StackTable, frameId: number): string {
  return `${table.frames.function[frameId] ?? '?'} (${table.frames.file[frameId] ?? '?'}:${table.frames.line[frameId] ?? 0})`;
}
