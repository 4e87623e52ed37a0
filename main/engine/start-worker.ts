// Starts worker threads, keeping them off a V8 crash that Node's TypeScript support can reach.
//
// Node strips the types of a `.ts` module with swc compiled to WebAssembly (amaro), in the isolate that loads
// it: each worker thread has its own instance. Once a wasm-to-JS call has been made often enough
// (--wasm-wrapper-tiering-budget calls), V8 compiles a specialised wrapper for it into a cache that all
// isolates of the process share. On V8 13.6 (Node 24), with several isolates doing that, freeing a wrapper
// can end in V8_Fatal in ThreadIsolation::UnregisterWasmAllocation, and the process dies of SIGILL. A CI run
// died of it in a test that starts many sampler workers; docs/worker-threads.md has the reproduction.
//
// Before the first `.ts` worker starts, the budget is raised so far that no wrapper is ever compiled: every
// instance created from then on keeps V8's generic wrapper (the budget is read when an instance is made).
// The generic wrapper costs a little per call, and only while modules load. Bundled `.js` workers
// (Electron) load no TypeScript and are started as they are.
import v8 from 'node:v8';
import { Worker, type WorkerOptions } from 'node:worker_threads';

/** V8 13 and later have --wasm-wrapper-tiering-budget; on older ones the flag would print an error line. */
const V8_HAS_BUDGET_FLAG = Number(process.versions.v8.split('.')[0]) >= 13;
/** C's INT_MAX: a budget no module load spends. */
const NEVER = 2147483647;

let wrapperTierUpOff = false;

/** `new Worker(url, options)`, with V8's wasm wrapper tier-up switched off first when `url` is TypeScript. */
export function startWorker(url: URL | string, options: WorkerOptions): Worker {
  if (!wrapperTierUpOff && String(url).endsWith('.ts')) {
    wrapperTierUpOff = true;
    if (V8_HAS_BUDGET_FLAG) v8.setFlagsFromString(`--wasm-wrapper-tiering-budget=${NEVER}`);
  }
  return new Worker(url, options);
}
