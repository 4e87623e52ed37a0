/** Calls a listener and ignores what it throws: a failing listener (e.g. a UI that went away) must not break a recording. */
export function callSafely<A extends unknown[]>(hook: ((...args: A) => void) | undefined, ...args: A): void {
  try {
    hook?.(...args);
  } catch {
    // the run is recorded whatever its listeners do
  }
}
