// The order interpreters are shown in.
import type { Interpreter } from './interpreter.ts';

/** Newest minor version first; within a minor version GIL builds then free-threaded ones, newest micro first; then path. */
export function compareInterpreters(a: Interpreter, b: Interpreter): number {
  const [aMajor, aMinor, aMicro] = a.versionTuple;
  const [bMajor, bMinor, bMicro] = b.versionTuple;
  return (
    bMajor - aMajor ||
    bMinor - aMinor ||
    Number(a.freeThreaded) - Number(b.freeThreaded) ||
    bMicro - aMicro ||
    (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)
  );
}
