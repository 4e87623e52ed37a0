// A run in Chrome's trace event format (a JSON object with `traceEvents`; spec:
// https://docs.google.com/document/d/1CvAClvFfyA5R-PhYUmn5OOQtYMH4h6I0nSsKchNAySU), shaped for Firefox
// Profiler's importer (src/profile-logic/import/chrome.ts in firefox-devtools/profiler). Per thread: its
// name, one sampled CPU profile (Profile + ProfileChunk events, the V8 shape) whose leaf says the thread's
// state when it was not running, and complete ('X') events for every stretch of GIL wait, lock wait and
// GIL holding, which Firefox Profiler shows as markers. Times are microseconds since the run started.
//
// Firefox Profiler makes one function per (name, file, line) of a node. A node's line is therefore the
// first line sampled in that function, not the line being run, so a function stays one function there.
import { STATE_CODE, type ThreadInfo } from '../model.ts';
import type { StackTable, Timeline } from '../store/run-types.ts';
import { makeTickTimeLookup } from '../analysis/tick-time-lookup.ts';

/** One V8 CPU-profile node: a frame under its parent (absent for the root). Line numbers are 0-based. */
interface ProfileNode {
  id: number;
  parent?: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number; scriptId: number };
}

/** What the two sample events (a thread's Profile and its ProfileChunks) share; `id` ties them together. */
interface SampleEvent {
  ph: 'P';
  cat: string;
  id: string;
  pid: number;
  tid: number;
  ts: number;
}

export type TraceEvent =
  | { name: 'process_name' | 'thread_name'; ph: 'M'; pid: number; tid: number; ts: 0; args: { name: string } }
  | { name: 'thread_sort_index'; ph: 'M'; pid: number; tid: number; ts: 0; args: { sort_index: number } }
  | (SampleEvent & { name: 'Profile'; args: { data: { startTime: number } } })
  | (SampleEvent & {
      name: 'ProfileChunk';
      args: { data: { cpuProfile: { nodes: ProfileNode[]; samples: number[] }; timeDeltas: number[] } };
    })
  | { name: string; ph: 'X'; cat: string; pid: number; tid: number; ts: number; dur: number };

export interface TraceFile {
  traceEvents: TraceEvent[];
  displayTimeUnit: 'ms';
  otherData: { exporter: string; run: string };
}

const PROFILER_CATEGORY = 'disabled-by-default-v8.cpu_profiler';

/** The leaf added under a sample's Python frames for each state but running ("(idle)" is the name both viewers treat as idle). */
const STATE_LEAF: Record<number, string | undefined> = {
  [STATE_CODE.runnable]: '(runnable: waiting for a CPU)',
  [STATE_CODE.gilWait]: '(waiting for the GIL)',
  [STATE_CODE.lockWait]: '(waiting on a lock)',
  [STATE_CODE.idle]: '(idle)',
  [STATE_CODE.unclassifiedWait]: '(waiting: GIL or lock, unclassified)',
};

/** Marker name and category of the states that get one. */
const STATE_MARKER: Record<number, { name: string; cat: string } | undefined> = {
  [STATE_CODE.gilWait]: { name: 'GIL wait', cat: 'GIL' },
  [STATE_CODE.lockWait]: { name: 'Lock wait', cat: 'Locks' },
  [STATE_CODE.unclassifiedWait]: { name: 'Unclassified wait', cat: 'Locks' },
};

const us = (ns: number): number => Math.round(ns / 100) / 10;

/**
 * Builds the file. Node ids are unique and consecutive across all threads (Firefox Profiler turns node
 * id N into frame N − 1 of one shared table), and every node comes after its parent.
 */
export function toTraceEvents(
  runLabel: string,
  pid: number,
  threads: readonly ThreadInfo[],
  table: StackTable,
  timeline: Timeline,
  periodNs: number,
  processLabels: ReadonlyMap<number, string> = new Map(),
): TraceFile {
  const timeOf = makeTickTimeLookup(timeline.ticks);
  const runPid = pid;
  // One trace process per process of the run (the main one carries the run's name).
  const events: TraceEvent[] = [{ name: 'process_name', ph: 'M', pid, tid: pid, ts: 0, args: { name: runLabel } }];
  for (const [otherPid, label] of processLabels) {
    if (otherPid !== runPid)
      events.push({ name: 'process_name', ph: 'M', pid: otherPid, tid: otherPid, ts: 0, args: { name: label } });
  }
  const firstLine = firstLinesByFunction(table);
  const sampledTids = new Set<number>();
  let nextNodeId = 1;

  threads.forEach((info, order) => {
    const samples = timeline.threads.get(info.tid);
    if (!samples || samples.tickIndex.length === 0) return;
    const tid = info.tid;
    const pid = info.pid !== undefined && processLabels.has(info.pid) ? info.pid : runPid;
    sampledTids.add(tid);
    events.push({ name: 'thread_name', ph: 'M', pid, tid, ts: 0, args: { name: info.name || `thread ${tid}` } });
    events.push({ name: 'thread_sort_index', ph: 'M', pid, tid, ts: 0, args: { sort_index: order } });

    // This thread's call tree: a node per (parent node, frame) and per (parent node, state leaf).
    const nodes: ProfileNode[] = [];
    const children = new Map<number, Map<number | string, number>>();
    const childOf = (parent: number | undefined, key: number | string, callFrame: ProfileNode['callFrame']): number => {
      const parentKey = parent ?? 0;
      let byKey = children.get(parentKey);
      if (!byKey) children.set(parentKey, (byKey = new Map()));
      let id = byKey.get(key);
      if (id === undefined) {
        id = nextNodeId++;
        byKey.set(key, id);
        nodes.push(parent === undefined ? { id, callFrame } : { id, parent, callFrame });
      }
      return id;
    };
    const root = childOf(undefined, 'root', {
      functionName: '(root)',
      url: '',
      lineNumber: -1,
      columnNumber: -1,
      scriptId: 0,
    });
    const stackNodes = new Map<number, number>([[-1, root]]);
    const nodeOfStack = (stackId: number): number => {
      const known = stackNodes.get(stackId);
      if (known !== undefined) return known;
      const frame = table.stacks.frame[stackId] ?? -1;
      const parent = nodeOfStack(table.stacks.prefix[stackId] ?? -1);
      const functionName = table.frames.function[frame] ?? '?';
      const url = table.frames.file[frame] ?? '';
      const line = firstLine.get(functionKey(functionName, url)) ?? 0;
      // Nodes are per function under a parent (lines of one function fold into one node).
      const id = childOf(parent, functionKey(functionName, url), {
        functionName,
        url,
        lineNumber: line > 0 ? line - 1 : -1,
        columnNumber: -1,
        scriptId: 0,
      });
      stackNodes.set(stackId, id);
      return id;
    };

    const sampleNodes: number[] = [];
    const timeDeltas: number[] = [];
    const firstTime = timeOf(samples.tickIndex[0] ?? 0) ?? 0;
    const startUs = us(Math.max(0, firstTime - periodNs));
    let previousUs = startUs;
    // The stretch of equal states being extended (state -1: none yet).
    const stretch = { state: -1, fromUs: 0, toUs: 0 };
    const closeStretch = (): void => {
      const marker = STATE_MARKER[stretch.state];
      if (marker)
        events.push({
          name: marker.name,
          ph: 'X',
          cat: marker.cat,
          pid,
          tid,
          ts: stretch.fromUs,
          dur: Math.max(0, stretch.toUs - stretch.fromUs),
        });
    };
    for (let i = 0; i < samples.tickIndex.length; i++) {
      const timeUs = us(timeOf(samples.tickIndex[i] ?? 0) ?? 0);
      const state = samples.state[i] ?? STATE_CODE.running;
      let node = nodeOfStack(Math.max(-1, samples.stackId[i] ?? -1));
      const leaf = STATE_LEAF[state];
      if (leaf !== undefined)
        node = childOf(node, leaf, { functionName: leaf, url: '', lineNumber: -1, columnNumber: -1, scriptId: 0 });
      sampleNodes.push(node);
      timeDeltas.push(Math.max(0, Math.round((timeUs - previousUs) * 10) / 10));
      // A sample stands for the interval since the thread's previous one.
      if (stretch.state !== state) {
        closeStretch();
        stretch.state = state;
        stretch.fromUs = previousUs;
      }
      stretch.toUs = timeUs;
      previousUs = timeUs;
    }
    closeStretch();

    const sampleEvent: SampleEvent = {
      ph: 'P',
      cat: PROFILER_CATEGORY,
      id: `0x${tid.toString(16)}`,
      pid,
      tid,
      ts: startUs,
    };
    events.push({ ...sampleEvent, name: 'Profile', args: { data: { startTime: startUs } } });
    events.push({
      ...sampleEvent,
      name: 'ProfileChunk',
      args: { data: { cpuProfile: { nodes, samples: sampleNodes }, timeDeltas } },
    });
  });

  // A holder that was never sampled would get a nameless thread of its own.
  events.push(...gilHeldEvents(pid, timeline, timeOf, periodNs).filter((event) => sampledTids.has(event.tid)));
  return { traceEvents: events, displayTimeUnit: 'ms', otherData: { exporter: 'GILscope', run: runLabel } };
}

const functionKey = (name: string, file: string): string => `${name}\0${file}`;

/** The first (lowest) line sampled in each function, by functionKey. */
function firstLinesByFunction(table: StackTable): Map<string, number> {
  const lines = new Map<string, number>();
  table.frames.function.forEach((name, frame) => {
    const line = table.frames.line[frame] ?? 0;
    if (line <= 0) return;
    const key = functionKey(name, table.frames.file[frame] ?? '');
    const known = lines.get(key);
    if (known === undefined || line < known) lines.set(key, line);
  });
  return lines;
}

/** A 'GIL held' event on the holder's thread for every run of ticks in which that thread held the GIL. */
function gilHeldEvents(
  pid: number,
  timeline: Timeline,
  timeOf: (tickIndex: number) => number | undefined,
  periodNs: number,
): TraceEvent[] {
  const events: TraceEvent[] = [];
  const { index, gilHeld, gilHolderTid } = timeline.ticks;
  let holder = -1;
  let fromUs = 0;
  let toUs = 0;
  let previousUs: number | null = null;
  const close = (): void => {
    if (holder >= 0)
      events.push({
        name: 'GIL held',
        ph: 'X',
        cat: 'GIL',
        pid,
        tid: holder,
        ts: fromUs,
        dur: Math.max(0, toUs - fromUs),
      });
  };
  for (let i = 0; i < index.length; i++) {
    const timeUs = us(timeOf(index[i] ?? 0) ?? 0);
    const tid = gilHeld[i] ? (gilHolderTid[i] ?? -1) : -1;
    if (tid === holder) toUs = timeUs;
    else {
      close();
      holder = tid;
      fromUs = previousUs ?? us(Math.max(0, (timeOf(index[i] ?? 0) ?? 0) - periodNs));
      toUs = timeUs;
    }
    previousUs = timeUs;
  }
  close();
  return events;
}
