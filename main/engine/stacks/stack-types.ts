// The unwinder's public types: one Python frame, one thread's stack (or why it was dropped), options and
// the counters a run reports.

/** One Python frame as a user reads it. `line` is null when the instruction has no line (or was out of range). */
export interface StackFrame {
  /** co_qualname on 3.11+ (e.g. "Class.method"), co_name on 3.10. */
  function: string;
  /** co_filename, e.g. "/path/app.py" or "<string>". */
  file: string;
  line: number | null;
}

/**
 * A thread's stack, innermost frame first. `truncated`: the walk stopped at `maxDepth` frames (the outer
 * frames are missing). A dropped stack was unreadable or changed under the reader twice in a row.
 */
export type StackResult =
  { kind: 'ok'; frames: StackFrame[]; truncated: boolean } | { kind: 'dropped'; reason: DropReason };

/** Why a stack was dropped: `torn` = the top frame changed during the walk (twice), `cycle` = a frame loop, `unreadable` = bad pointer/type/read. */
export type DropReason = 'torn' | 'cycle' | 'unreadable';

/** Knobs of the unwinder; the defaults suit sampling. */
export interface UnwindOptions {
  /** Frames reported at most (default 512); deeper stacks come back with `truncated: true`. */
  maxDepth?: number;
  /** Characters kept of a name or file name (default 1024). */
  maxStringChars?: number;
  /** 3.11+: copy the live data-stack chunk with one read and walk frames from the copy (default true). */
  copyDataStack?: boolean;
  /** Re-read the innermost frame pointer after the walk; retry once, then drop, if it moved (default true). */
  verifyTop?: boolean;
}

/** Counters over the life of a StackCache; a run reports them (dropped samples, cache behaviour). */
export interface UnwindStats {
  /** Stacks asked for (one per thread per sample). */
  stacks: number;
  ok: number;
  truncated: number;
  /** Walks repeated because the top frame moved or a read failed. */
  retried: number;
  droppedTorn: number;
  droppedCycle: number;
  droppedUnreadable: number;
  /** Code objects read (cache misses) and cache entries found stale on revalidation. */
  codeReads: number;
  codeInvalidated: number;
  /** Frames skipped: shims/trampolines, and frames whose executable is not a code object. */
  shimFrames: number;
  nonCodeFrames: number;
}

/** Fresh zeroed counters. */
export function emptyUnwindStats(): UnwindStats {
  return {
    stacks: 0,
    ok: 0,
    truncated: 0,
    retried: 0,
    droppedTorn: 0,
    droppedCycle: 0,
    droppedUnreadable: 0,
    codeReads: 0,
    codeInvalidated: 0,
    shimFrames: 0,
    nonCodeFrames: 0,
  };
}
