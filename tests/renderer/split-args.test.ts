import { describe, expect, it } from 'vitest';
import { joinArgs, splitArgs } from '../../renderer/src/logic/split-args.ts';

describe('splitArgs', () => {
  it.each([
    ['', []],
    ['   ', []],
    ['a b  c', ['a', 'b', 'c']],
    ['--n 4 "two words" \'single $x\'', ['--n', '4', 'two words', 'single $x']],
    ['a\\ b', ['a b']],
    ['"a \\"q\\" b"', ['a "q" b']],
    ['"back\\slash"', ['back\\slash']],
    ["''", ['']],
    ['x""y', ['xy']],
    ['--opt="a b"', ['--opt=a b']],
    ['tab\there', ['tab', 'here']],
  ])('%j → %j', (text, args) => {
    expect(splitArgs(text)).toEqual({ kind: 'ok', args });
  });

  it('reports an unclosed quote', () => {
    expect(splitArgs('a "b')).toEqual({ kind: 'error', message: 'unclosed double quote' });
    expect(splitArgs("a 'b")).toEqual({ kind: 'error', message: 'unclosed single quote' });
  });

  it('joinArgs round-trips', () => {
    for (const args of [['a', 'b c', "it's", '', '--x=1', '$HOME']]) {
      const result = splitArgs(joinArgs(args));
      expect(result).toEqual({ kind: 'ok', args });
    }
  });
});
