// An experiment's results per configuration: median and spread of wall time, speedup of the medians
// against a baseline configuration, parallelism, the processes that did the work, GIL wait and contention, from the stored run summaries.
import { defaultBaseline } from './default-baseline.ts';
import { loadRunSummary, type RunSummary } from '../analysis/run-summary.ts';
import { busyThreads } from '../../shared/gil-verdict.ts';
import type { RunReader } from '../store/run-reader.ts';
import type { ExperimentConfigResult, ExperimentListItem, ExperimentView, Spread } from '../../shared/compare-types.ts';
import type { ExperimentReader } from './experiment-store.ts';
import { roundTo } from '../analysis/round-to.ts';

/** Processes with a busy thread in a run: where its work ran (each has its own GIL). */
function busyProcessCount(summary: RunSummary): number {
  return new Set(busyThreads(summary.threads, summary.processes?.[0]?.pid).map((thread) => thread.pid ?? -1)).size;
}

/** Bumped only when a field of ExperimentView changes meaning or disappears. */
export const EXPERIMENT_SCHEMA_VERSION = 1;

// Median (mean of the middle two for an even count), min and max; null for no values.
export function spreadOf(values: readonly number[]): Spread | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
  return { median: roundTo(median), min: roundTo(sorted[0]!), max: roundTo(sorted[sorted.length - 1]!) };
}

const numbers = (values: ReadonlyArray<number | null | undefined>): number[] =>
  values.filter((value): value is number => typeof value === 'number' && Number.isFinite(value));

// The stored experiment `id` with results; `baselineKey` null (or unknown) = the GIL build (default-baseline.ts).
export function experimentView(
  reader: RunReader,
  experiments: ExperimentReader,
  id: number,
  baselineKey: string | null = null,
): ExperimentView | null {
  const record = experiments.getExperiment(id);
  if (!record) return null;
  const links = experiments.experimentRuns(id);
  const configs: ExperimentConfigResult[] = record.plan.configs.map((config) => {
    const runIds = links.filter((link) => link.configKey === config.key).map((link) => link.runId);
    const summaries = runIds
      .map((runId) => loadRunSummary(reader, runId))
      .filter((summary): summary is RunSummary => summary !== null);
    const completed = summaries.filter((summary) => summary.status === 'completed' && summary.wallSeconds !== null);
    return {
      key: config.key,
      label: config.label,
      interpreter: config.interpreter,
      gilMode: config.gilMode,
      varyValue: config.varyValue,
      runIds,
      failures: runIds.length - completed.length,
      wallSeconds: spreadOf(numbers(completed.map((summary) => summary.wallSeconds))),
      speedup: null,
      parallelism: spreadOf(numbers(completed.map((summary) => summary.parallelism))),
      contention: spreadOf(numbers(completed.map((summary) => summary.gil?.contention))),
      otherCores: spreadOf(numbers(completed.map((summary) => summary.machineLoad?.otherCores))),
      cores: completed.find((summary) => summary.machineLoad)?.machineLoad?.cores ?? null,
      speedupCeiling: spreadOf(numbers(completed.map((summary) => summary.verdict.speedupCeiling)))?.median ?? null,
      processes: spreadOf(completed.map(busyProcessCount)),
      gilWait: spreadOf(numbers(completed.map((summary) => summary.verdict.gilWaitShare))),
    };
  });
  const baseline =
    configs.find((config) => config.key === baselineKey) ??
    configs.find((config) => config.key === defaultBaseline(configs)) ??
    null;
  const baseWall = baseline?.wallSeconds?.median ?? null;
  for (const config of configs) {
    const wall = config.wallSeconds?.median ?? null;
    config.speedup = baseWall !== null && wall ? roundTo(baseWall / wall, 4) : null;
  }
  return {
    schemaVersion: EXPERIMENT_SCHEMA_VERSION,
    id: record.id,
    createdAt: record.createdAt,
    spec: record.spec,
    status: record.status,
    error: record.error,
    baselineKey: baseline?.key ?? null,
    progress: { done: links.length, total: record.plan.runs.length },
    configs,
  };
}

// The experiments of a store, newest first, as rows of a list.
export function listExperimentItems(experiments: ExperimentReader): ExperimentListItem[] {
  return experiments
    .listExperiments()
    .reverse()
    .map((record) => ({
      id: record.id,
      createdAt: record.createdAt,
      script: record.spec.script,
      status: record.status,
      configs: record.plan.configs.length,
      runs: record.runs,
    }));
}
