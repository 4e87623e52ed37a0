// The words every layer shares: GIL modes, run statuses and thread states, each listed once as an
// `as const` tuple whose element type is the type. The engine, the store, the CLI, the reports and the
// renderer all import them from here (this folder is import-free plain data; see main/shared/README.md).

/** How the user asked for the GIL: as built (`default`), or with PYTHON_GIL forced on (1) or off (0). */
export const GIL_MODES = ['default', 'on', 'off'] as const;
export type GilMode = (typeof GIL_MODES)[number];

/** Lifecycle of a run; 'running' also describes a run whose recorder died before finishing it. */
export const RUN_STATUSES = ['running', 'completed', 'failed', 'killed', 'stopped'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

/**
 * What a thread was doing at a tick (rules in docs/state-rules.md). The position in this list is the
 * code stored in sample chunks, so a new state is appended, never inserted; its label and colour go in
 * THREAD_STATE_STYLE (main/shared/thread-state-style.ts), which the compiler makes you complete.
 */
// `unclassifiedWait` is a futex wait while GILscope cannot tell the GIL from other locks (a CPython version
// whose layout it does not know, a runtime not found yet or not at all): it may be either, so it is neither.
// Append only: a state's index is its code in stored samples.
export const THREAD_STATES = ['running', 'runnable', 'gilWait', 'lockWait', 'idle', 'unclassifiedWait'] as const;
export type ThreadState = (typeof THREAD_STATES)[number];

/** Share of a thread's time (or samples) in each state. */
export type StateFractions = Record<ThreadState, number>;
