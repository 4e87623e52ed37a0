// The per-sample API of the unwinder: every thread's Python stack, read without pausing the target.
// A walk whose top frame moved, or that hit a bad read or a cycle, is retried once and then dropped
// (counted in cache.stats). Only a MemoryReadError of a process that is gone escapes.
import fs from 'node:fs';
import type { Tid } from '../model.ts';
import { MemoryReadError } from '../proc/process-memory.ts';
import type { MemoryReader } from '../proc/process-memory.ts';
import { listThreadStates } from '../python/python-process.ts';
import type { PythonProcessInfo, ThreadStateEntry } from '../python/python-process.ts';
import { bindStackCache } from './stack-cache.ts';
import type { StackCache } from './stack-cache.ts';
import type { DropReason, StackResult, UnwindOptions } from './stack-types.ts';
import { walkStack } from './walk-stack.ts';
import { forgetReadAheads, readAheadMany } from './walk-prefetch.ts';
import type { WalkOutcome, WalkParams } from './walk-stack.ts';

export { createStackCache, UnsupportedStacksError } from './stack-cache.ts';
export type { StackCache } from './stack-cache.ts';
export type { DropReason, StackFrame, StackResult, UnwindOptions, UnwindStats } from './stack-types.ts';

const DEFAULTS = { maxDepth: 512, maxStringChars: 1024, copyDataStack: true, verifyTop: true };

/** Whether process `pid` has exited (gone or a zombie): then a failed read means "stop", not "torn". */
export function isProcessGone(pid: number): boolean {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'latin1');
    const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    return state === 'Z' || state === 'X';
  } catch {
    return true;
  }
}

function attempt(cache: StackCache, tstate: number, params: WalkParams): WalkOutcome {
  try {
    return walkStack(cache, tstate, params);
  } catch (error) {
    if (!(error instanceof MemoryReadError)) throw error;
    if (isProcessGone(cache.pid)) throw error;
    return { kind: 'retry', reason: 'unreadable' };
  }
}

function countDrop(cache: StackCache, reason: DropReason): void {
  if (reason === 'torn') cache.stats.droppedTorn++;
  else if (reason === 'cycle') cache.stats.droppedCycle++;
  else cache.stats.droppedUnreadable++;
}

/**
 * One thread's stack, innermost frame first. Never throws, except MemoryReadError when the process is gone.
 * `thread` comes from listThreadStates (the sampler may keep its own list).
 */
export function readThreadStack(
  mem: MemoryReader,
  _info: PythonProcessInfo,
  cache: StackCache,
  thread: Pick<ThreadStateEntry, 'address'>,
  options: UnwindOptions = {},
): StackResult {
  const o = { ...DEFAULTS, ...options };
  bindStackCache(cache, mem, o.maxStringChars);
  const params: WalkParams = {
    maxDepth: Math.max(1, o.maxDepth),
    copyDataStack: o.copyDataStack,
    verifyTop: o.verifyTop,
  };
  cache.stats.stacks++;
  let outcome = attempt(cache, thread.address, params);
  if (outcome.kind === 'retry') {
    cache.stats.retried++;
    outcome = attempt(cache, thread.address, params);
  }
  if (outcome.kind === 'ok') {
    cache.stats.ok++;
    if (outcome.truncated) cache.stats.truncated++;
    return outcome;
  }
  countDrop(cache, outcome.reason);
  return { kind: 'dropped', reason: outcome.reason };
}

/**
 * Before several readThreadStack calls in a row: reads ahead for all those thread states in one call
 * (walk-prefetch.ts), so each walk that finds its addresses unchanged makes no read of its own. A no-op
 * without the native reader. Call endStackReads after the walks.
 */
export function beginStackReads(
  mem: MemoryReader,
  cache: StackCache,
  addresses: readonly number[],
  options: UnwindOptions = {},
): void {
  const bound = bindStackCache(cache, mem, options.maxStringChars ?? DEFAULTS.maxStringChars);
  if (bound.ahead === null || !mem.readRegions || addresses.length === 0) return;
  readAheadMany(bound.ahead, mem.readRegions, addresses, cache.aheadShape);
}

/** After the walks that beginStackReads prepared: read-aheads not used are dropped. */
export function endStackReads(cache: StackCache): void {
  if (cache.bound?.ahead) forgetReadAheads(cache.bound.ahead);
}

/** One thread's stack with its kernel TID, pthread id (threading.get_ident()) and PyThreadState address. */
export interface ThreadStack {
  tid: Tid;
  threadId: number;
  address: number;
  stack: StackResult;
}

/**
 * Every thread of the main interpreter: its stack by TID (threads whose TID is unknown are left out).
 * Never throws, except MemoryReadError when the process is gone.
 */
export function readThreadStacks(
  mem: MemoryReader,
  info: PythonProcessInfo,
  cache: StackCache,
  options: UnwindOptions = {},
): Map<Tid, StackResult> {
  const result = new Map<Tid, StackResult>();
  for (const entry of readThreadStackList(mem, info, cache, options)) result.set(entry.tid, entry.stack);
  return result;
}

/** Like readThreadStacks, as a list newest thread first with each thread's pthread id. */
export function readThreadStackList(
  mem: MemoryReader,
  info: PythonProcessInfo,
  cache: StackCache,
  options: UnwindOptions = {},
): ThreadStack[] {
  let threads: ThreadStateEntry[];
  try {
    threads = listThreadStates(mem, info, cache.lastListing);
    cache.lastListing = threads;
  } catch (error) {
    if (error instanceof MemoryReadError && !isProcessGone(cache.pid)) return [];
    throw error;
  }
  const listed = threads.filter((thread) => thread.tid !== null);
  const result: ThreadStack[] = [];
  beginStackReads(
    mem,
    cache,
    listed.map((thread) => thread.address),
    options,
  );
  try {
    for (const thread of listed) {
      result.push({
        tid: thread.tid!,
        threadId: thread.threadId,
        address: thread.address,
        stack: readThreadStack(mem, info, cache, thread, options),
      });
    }
  } finally {
    endStackReads(cache);
  }
  return result;
}
