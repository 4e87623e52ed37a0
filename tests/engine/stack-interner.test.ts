// The sampler's stack interner: ids stay stable for the same stack, shared callers share a prefix,
// and only what is new reaches the delta the store writes.
import { describe, expect, it } from 'vitest';
import { sameFrames, StackInterner } from '../../main/engine/sampler/stack-interner.ts';

const frame = (fn: string, line: number | null, file = 'app.py') => ({ function: fn, file, line });

describe('StackInterner', () => {
  it('gives the same stack the same id and writes it to the delta once', () => {
    const interner = new StackInterner();
    const stack = [frame('leaf', 3), frame('main', 10)];
    const id = interner.intern(stack);
    expect(interner.intern([frame('leaf', 3), frame('main', 10)])).toBe(id);
    const delta = interner.takeDelta();
    expect(delta.frames).toEqual([
      { id: 0, function: 'main', file: 'app.py', line: 10 },
      { id: 1, function: 'leaf', file: 'app.py', line: 3 },
    ]);
    expect(delta.stacks).toEqual([
      { id: 0, prefix: -1, frame: 0 },
      { id: 1, prefix: 0, frame: 1 },
    ]);
    expect(id).toBe(1);
    expect(interner.intern(stack)).toBe(id);
    expect(interner.takeDelta()).toEqual({ frames: [], stacks: [] });
  });

  it('shares the caller prefix and tells frames apart by function, file and line', () => {
    const interner = new StackInterner();
    const a = interner.intern([frame('work', 5), frame('main', 10)]);
    interner.takeDelta();
    const b = interner.intern([frame('work', 6), frame('main', 10)]);
    const c = interner.intern([frame('work', 5, 'other.py'), frame('main', 10)]);
    const d = interner.intern([frame('rest', 5), frame('main', 10)]);
    expect(new Set([a, b, c, d]).size).toBe(4);
    const delta = interner.takeDelta();
    expect(delta.frames.map((f) => `${f.function}@${f.file}:${f.line}`)).toEqual([
      'work@app.py:6',
      'work@other.py:5',
      'rest@app.py:5',
    ]);
    expect(delta.stacks.every((s) => s.prefix === 0)).toBe(true);
  });

  it('stores an unknown line as 0, and an empty stack as -1', () => {
    const interner = new StackInterner();
    const unknown = interner.intern([frame('f', null)]);
    expect(interner.intern([frame('f', 0)])).toBe(unknown);
    expect(interner.takeDelta().frames).toEqual([{ id: 0, function: 'f', file: 'app.py', line: 0 }]);
    expect(interner.intern([])).toBe(-1);
  });

  it('sameFrames: equal walks (new objects, same values) are the same stack; any other difference is not', () => {
    const interner = new StackInterner();
    const base = [frame('work', 6), frame('main', 10)];
    const copy = base.map((f) => ({ ...f }));
    expect(sameFrames(copy, base)).toBe(true);
    expect(interner.intern(copy)).toBe(interner.intern(base));
    for (const other of [
      [frame('work', 7), frame('main', 10)],
      [frame('work', 6, 'other.py'), frame('main', 10)],
      [frame('rest', 6), frame('main', 10)],
      [frame('work', 6)],
      [frame('work', 6), frame('main', 10), frame('boot', 1)],
    ]) {
      expect(sameFrames(other, base)).toBe(false);
      expect(interner.intern(other)).not.toBe(interner.intern(base));
    }
    expect(sameFrames(base, null)).toBe(false);
  });
});
