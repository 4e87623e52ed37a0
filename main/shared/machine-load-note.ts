// What the app says about other programs' load: one sentence for a run, and for an experiment whether
// that load explains why the measured speedup fell short of the verdict's ceiling. Pure.
import type { ExperimentView } from './compare-types.ts';
import type { MachineLoad } from './run-summary-types.ts';

/** Other programs keeping more than this many cores busy is worth saying next to load-dependent figures. */
export const BUSY_MACHINE_CORES = 0.25;

/** The verdict names a ceiling only above this (shared/gil-verdict.ts). */
const MEANINGFUL_CEILING = 1.05;
/** A measured speedup below this share of the ceiling is a gap worth explaining. */
const GAP_RATIO = 0.9;

const cores = (otherCores: number, total: number) => `${otherCores.toFixed(1)} of ${total} cores`;

/** One sentence about how busy the machine was while a run recorded. */
export function machineLoadSentence(load: MachineLoad): string {
  if (load.otherCores >= BUSY_MACHINE_CORES)
    return `Other programs kept ${cores(load.otherCores, load.cores)} busy while this run recorded: runnable time, parallelism and the speedup ceiling depend on free cores, so they differ from a quiet machine's.`;
  return `The machine was otherwise quiet while this run recorded (other programs used ${cores(load.otherCores, load.cores)}).`;
}

/** What an experiment knows when it compares the verdict's ceiling with a measured speedup. */
export interface CeilingGap {
  /** The baseline's verdict ceiling (median over its runs). */
  ceiling: number;
  baselineLabel: string;
  /** The free-threaded configuration's measured speedup (median) and label. */
  measured: number;
  label: string;
  /** Cores other programs kept busy during these runs (the busier of the two configurations), of `cores`. */
  otherCores: number;
  cores: number;
}

/**
 * Why `measured` falls short of `ceiling`, when it does: other programs' load (the ceiling assumes
 * otherwise idle cores, and with fewer free cores it shrinks in proportion), or, on a quiet machine,
 * the free-threaded build's own cost. Null when the measured speedup reached about the ceiling.
 */
export function ceilingGapSentence(gap: CeilingGap): string | null {
  // A ceiling of about 1× promises nothing (the verdict does not mention it either): no gap to explain.
  if (gap.ceiling <= MEANINGFUL_CEILING || gap.measured >= gap.ceiling * GAP_RATIO) return null;
  const measured = `${gap.measured.toFixed(2)}×`;
  const ceiling = `${gap.ceiling.toFixed(1)}×`;
  if (gap.otherCores < BUSY_MACHINE_CORES)
    return `The machine was quiet during these runs (other programs used ${cores(gap.otherCores, gap.cores)}), so the gap between the verdict's ceiling for ${gap.baselineLabel} (up to ${ceiling}) and the measured ${measured} of ${gap.label} is the free-threaded build's own cost: its threads run slower and can contend on other locks.`;
  const free = Math.max(0, gap.cores - gap.otherCores);
  const room = Math.max(1, (gap.ceiling * free) / gap.cores);
  const explains =
    gap.measured >= room * GAP_RATIO
      ? 'which explains the gap'
      : 'which explains part of the gap (the rest is the free-threaded build’s own cost)';
  return `Other programs kept ${cores(gap.otherCores, gap.cores)} busy during these runs. The verdict's ceiling for ${gap.baselineLabel} (up to ${ceiling}) assumes otherwise idle cores; with about ${free.toFixed(1)} free it is nearer ${room.toFixed(1)}×, ${explains} to the measured ${measured} of ${gap.label}.`;
}

/**
 * Why the best free-threaded configuration's speedup falls short of the baseline's verdict ceiling (other
 * programs' load, or the build's own cost on a quiet machine); null without a ceiling, a load figure or a gap.
 */
export function ceilingGapNote(view: Pick<ExperimentView, 'configs' | 'baselineKey'>): string | null {
  const baseline = view.configs.find((c) => c.key === view.baselineKey);
  const ceiling = baseline?.speedupCeiling;
  if (!baseline || !ceiling) return null;
  const best = view.configs
    .filter((c) => c !== baseline && c.interpreter.freeThreaded && c.gilMode !== 'on' && c.speedup !== null)
    .sort((a, b) => (b.speedup ?? 0) - (a.speedup ?? 0))[0];
  const loads = [baseline.otherCores?.median, best?.otherCores?.median].filter((v): v is number => v != null);
  const cores = best?.cores ?? baseline.cores;
  if (!best?.speedup || loads.length === 0 || !cores) return null;
  return ceilingGapSentence({
    ceiling,
    baselineLabel: baseline.label,
    measured: best.speedup,
    label: best.label,
    otherCores: Math.max(...loads),
    cores,
  });
}
