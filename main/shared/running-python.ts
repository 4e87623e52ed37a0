// A running CPython process, as the engine finds it (engine/launch/list-python-processes.ts) and "Attach to
// process…" lists it: one definition for the engine, the contract and the renderer.

export interface RunningPythonView {
  pid: number;
  /** "3.12.1", or "3.12" from the binary's name when its runtime could not be read; null when unknown. */
  pythonVersion: string | null;
  /** Null when the runtime could not be read. */
  freeThreaded: boolean | null;
  commandLine: string[];
  threadCount: number;
  /** The process's real user id. */
  uid: number;
  /** Null when GILscope may attach; else one line saying why not and how to fix it. */
  refusal: string | null;
}
