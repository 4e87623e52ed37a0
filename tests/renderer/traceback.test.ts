// The failed run's cause: the last traceback found in real CPython output (runtime error, chained
// exceptions, syntax error in the script, syntax error in an imported module), or none.
import { describe, expect, it } from 'vitest';
import { lastTraceback } from '../../renderer/src/logic/traceback.ts';

const zeroDivision = `starting
Traceback (most recent call last):
  File "/tmp/boom.py", line 9, in <module>
    main()
  File "/tmp/boom.py", line 7, in main
    helper(0)
  File "/tmp/boom.py", line 4, in helper
    return 1 / x
           ~~^~~
ZeroDivisionError: division by zero
`;

const scriptSyntaxError = `  File "/tmp/syn.py", line 2
    def f(:
          ^
SyntaxError: invalid syntax
`;

const chained = `Traceback (most recent call last):
  File "/tmp/c.py", line 2, in <module>
    {}["k"]
KeyError: 'k'

During handling of the above exception, another exception occurred:

Traceback (most recent call last):
  File "/tmp/c.py", line 4, in <module>
    raise RuntimeError("lookup failed")
RuntimeError: lookup failed
`;

const importedSyntaxError = `Traceback (most recent call last):
  File "/tmp/main.py", line 1, in <module>
    import broken
  File "/tmp/broken.py", line 3
    x = = 1
        ^
SyntaxError: invalid syntax
`;

/** A readable digest: exception, then file:line (function) per frame. */
function digest(output: string): string[] | null {
  const parsed = lastTraceback(output);
  if (!parsed) return null;
  return [parsed.exception, ...parsed.frames.map((f) => `${f.file}:${f.line} ${f.func ?? '-'} | ${f.code ?? '-'}`)];
}

describe('lastTraceback', () => {
  it('reads a runtime exception with every frame and its source line, outermost first', () => {
    expect(digest(zeroDivision)).toEqual([
      'ZeroDivisionError: division by zero',
      '/tmp/boom.py:9 <module> | main()',
      '/tmp/boom.py:7 main | helper(0)',
      '/tmp/boom.py:4 helper | return 1 / x',
    ]);
    expect(lastTraceback(zeroDivision)?.text.split('\n')).toHaveLength(9);
  });

  it('reads a syntax error in the script itself (no Traceback header)', () => {
    expect(digest(scriptSyntaxError)).toEqual(['SyntaxError: invalid syntax', '/tmp/syn.py:2 - | def f(:']);
  });

  it('takes the last of chained exceptions', () => {
    expect(digest(chained)).toEqual([
      'RuntimeError: lookup failed',
      '/tmp/c.py:4 <module> | raise RuntimeError("lookup failed")',
    ]);
  });

  it('keeps the frames of a syntax error raised by an import', () => {
    expect(digest(importedSyntaxError)).toEqual([
      'SyntaxError: invalid syntax',
      '/tmp/main.py:1 <module> | import broken',
      '/tmp/broken.py:3 - | x = = 1',
    ]);
  });

  it('finds nothing in output without a traceback', () => {
    expect(lastTraceback('hello\nworld\n')).toBeNull();
    expect(lastTraceback('')).toBeNull();
  });
});
