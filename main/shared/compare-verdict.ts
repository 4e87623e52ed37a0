// What a comparison says about the GIL, in sentences: for each run against the baseline, how much
// faster or slower it was, and why (the GIL's share of each, extra CPU per unit of work, waiting for a
// CPU). Pure; derived from the runs' summaries and verdicts, shared by the CLI, reports and renderer.
import type { ComparisonView } from './compare-types.ts';
import type { RunSummary } from './run-summary-types.ts';
import { busyThreads, share } from './gil-verdict.ts';

/** Wall-time ratios within this band read as "about as fast". */
const SAME_SPEED = 0.05;
/** CPU time ratios beyond this band are worth a sentence. */
const CPU_CHANGE = 0.1;
/** A GIL-wait share below this reads as "no GIL wait". */
const NO_GIL_WAIT = 0.02;
/** Run-queue or lock-wait shares from this on are named as a limit. */
const CPU_BOUND = 0.3;

const percent = (share: number): string => `${Math.round(share * 100)}%`;
const letter = (index: number): string => String.fromCharCode(65 + index);

function speedSentence(name: string, base: RunSummary, run: RunSummary): string | null {
  if (!base.wallSeconds || !run.wallSeconds) return null;
  const speedup = base.wallSeconds / run.wallSeconds;
  if (Math.abs(speedup - 1) < SAME_SPEED) return `${name} ran about as fast as A (${speedup.toFixed(2)}×).`;
  return speedup > 1
    ? `${name} ran ${speedup.toFixed(2)}× faster than A.`
    : `${name} was slower than A: ${speedup.toFixed(2)}× its speed.`;
}

function gilSentence(name: string, base: RunSummary, run: RunSummary): string | null {
  const a = base.verdict.gilWaitShare;
  const b = run.verdict.gilWaitShare;
  if (a === null || b === null || (a < NO_GIL_WAIT && b < NO_GIL_WAIT)) return null;
  const side = (share: number): string => (share < NO_GIL_WAIT ? 'almost none' : percent(share));
  return `Busy threads waited for the GIL: A ${side(a)} of their time, ${name} ${side(b)}.`;
}

function cpuSentence(name: string, base: RunSummary, run: RunSummary): string | null {
  if (base.cpuSeconds <= 0) return null;
  const ratio = run.cpuSeconds / base.cpuSeconds;
  if (Math.abs(ratio - 1) < CPU_CHANGE) return null;
  const why =
    run.interpreter?.freeThreaded && !base.interpreter?.freeThreaded && ratio > 1
      ? ' (a free-threaded interpreter runs each thread slower)'
      : '';
  return `${name} used ${percent(Math.abs(ratio - 1))} ${ratio > 1 ? 'more' : 'less'} CPU time than A for the same script${why}.`;
}

function limitSentence(name: string, run: RunSummary): string | null {
  const busy = busyThreads(run.threads, run.processes?.[0]?.pid);
  const runnable = share(busy, (s) => s.runnable);
  const lockWait = share(busy, (s) => s.lockWait);
  const cores = run.verdict.cores ? ` on ${run.verdict.cores} cores` : '';
  if (runnable >= CPU_BOUND) {
    const gilWait = run.verdict.gilWaitShare ?? 0;
    const limit =
      gilWait < NO_GIL_WAIT
        ? 'the cores were its limit'
        : runnable > gilWait
          ? 'the cores limited it more than the GIL'
          : 'the cores limited it too';
    return `${name}'s busy threads waited for a CPU ${percent(runnable)} of their time${cores}: ${limit}.`;
  }
  if (lockWait >= CPU_BOUND) return `${name}'s busy threads waited on locks ${percent(lockWait)} of their time.`;
  return null;
}

/** One paragraph (a list of sentences) per compared run after the baseline, in run order. */
export function explainComparison(view: Pick<ComparisonView, 'runs'>): ComparisonView['verdict'] {
  const base = view.runs[0];
  if (!base) return [];
  return view.runs.slice(1).map((run, i) => {
    const name = letter(i + 1);
    const lines = [
      speedSentence(name, base, run),
      gilSentence(name, base, run),
      cpuSentence(name, base, run),
      limitSentence(name, run),
    ];
    return { runId: run.runId, lines: lines.filter((line): line is string => line !== null) };
  });
}
