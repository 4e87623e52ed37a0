import type { StackFrame, StackTableDelta } from '../model.ts';

/**
 * Turns stacks read at each tick into small integer ids, appending new frames and stacks to the
 * run's table (a prefix tree: each stack is a frame on top of its caller's stack). Identical stacks
 * cost two map lookups per frame and nothing in the database.
 */
export class StackInterner {
  private readonly frameIds = new Map<string, number>();
  private readonly stackIds = new Map<number, Map<number, number>>();
  private delta: StackTableDelta = { frames: [], stacks: [] };
  private nextFrame = 0;
  private nextStack = 0;

  /** The id of a stack given innermost frame first; -1 for an empty stack. */
  intern(framesInnermostFirst: readonly StackFrame[]): number {
    let stack = -1;
    for (let i = framesInnermostFirst.length - 1; i >= 0; i--) {
      const frame = this.frameId(framesInnermostFirst[i]!);
      let children = this.stackIds.get(stack);
      if (!children) this.stackIds.set(stack, (children = new Map()));
      let id = children.get(frame);
      if (id === undefined) {
        id = this.nextStack++;
        children.set(frame, id);
        this.delta.stacks.push({ id, prefix: stack, frame });
      }
      stack = id;
    }
    return stack;
  }

  /** Frames and stacks added since the last call. */
  takeDelta(): StackTableDelta {
    const delta = this.delta;
    this.delta = { frames: [], stacks: [] };
    return delta;
  }

  private frameId(frame: StackFrame): number {
    const key = `${frame.function}\0${frame.file}\0${frame.line}`;
    let id = this.frameIds.get(key);
    if (id === undefined) {
      id = this.nextFrame++;
      this.frameIds.set(key, id);
      this.delta.frames.push({ id, function: frame.function, file: frame.file, line: frame.line });
    }
    return id;
  }
}
