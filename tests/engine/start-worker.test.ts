// startWorker keeps V8 from compiling wasm-to-JS wrappers in TypeScript workers (main/engine/start-worker.ts
// says why). V8 prints each wrapper it compiles under --print-wasm-stub-code; a child process starts a worker
// that loads the sampler's modules, once with a plain `new Worker` and once through startWorker.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { makeTempDir } from '../support/profile-fixture.ts';

const START_WORKER = pathToFileURL(path.resolve(import.meta.dirname, '../../main/engine/start-worker.ts')).href;
const WORKER = pathToFileURL(path.resolve(import.meta.dirname, '../fixtures/workers/load-sampler-modules.ts')).href;

const CHILD = `
import { Worker } from 'node:worker_threads';
const { startWorker } = await import(${JSON.stringify(START_WORKER)});
const start = process.env.START === 'guarded' ? startWorker : (url, options) => new Worker(url, options);
await new Promise((resolve, reject) => start(new URL(${JSON.stringify(WORKER)}), {}).on('exit', resolve).on('error', reject));
`;

/** Wasm-to-JS wrappers V8 compiled in a child that starts the worker `how`. */
function wrappersCompiled(how: 'plain' | 'guarded'): number {
  // A budget of 100 calls (default 1000) makes the plain worker compile a few; loading start-worker.ts
  // itself in the child's main thread stays under it. No compile cache: every module is stripped afresh.
  const env: NodeJS.ProcessEnv = { ...process.env, START: how };
  delete env.NODE_COMPILE_CACHE;
  // A file, not --eval: the worker inherits the child's options, and --input-type would refuse its file.
  const child = path.join(makeTempDir('start-worker'), 'child.mjs');
  fs.writeFileSync(child, CHILD);
  const output = execFileSync(
    process.execPath,
    ['--wasm-wrapper-tiering-budget=100', '--print-wasm-stub-code', child],
    { encoding: 'utf8', env, maxBuffer: 64 * 1024 * 1024 },
  );
  return output.split('\n').filter((line) => line === 'kind: wasm-to-js').length;
}

describe('startWorker', () => {
  it('starts TypeScript workers that compile no wasm-to-JS wrapper', () => {
    expect(wrappersCompiled('plain')).toBeGreaterThan(0);
    expect(wrappersCompiled('guarded')).toBe(0);
  });
});
