// A comparison as CSV, one table: a row per metric with each run's value, delta and ratio against the
// baseline (run 1). Threads are rows too (thread:<name>:cpuSeconds, thread:<name>:<state>), so the file
// stays a single table a spreadsheet or pandas reads without help.
import type { ComparisonView } from '../../shared/compare-types.ts';
import { roundTo } from '../analysis/round-to.ts';
import { toCsv, type CsvValue } from './csv-format.ts';
import { THREAD_STATES } from '../../shared/vocabulary.ts';

// metric, label, unit, then per run i (1-based): run<i>, value<i>, delta<i>, ratio<i>.
export function comparisonCsv(view: ComparisonView): string {
  const runs = view.runs.map((run, i) => i + 1);
  const header = ['metric', 'label', 'unit', ...runs.flatMap((i) => [`value${i}`, `delta${i}`, `ratio${i}`])];
  const row = (key: string, label: string, unit: string, values: Array<number | null>): CsvValue[] => {
    const base = values[0] ?? null;
    return [
      key,
      label,
      unit,
      ...values.flatMap((value) => [
        value,
        value === null || base === null ? null : roundTo(value - base),
        value === null || !base ? null : roundTo(value / base),
      ]),
    ];
  };
  const rows: CsvValue[][] = [
    row(
      'runId',
      'Run',
      'id',
      view.runs.map((run) => run.runId),
    ),
  ];
  for (const metric of view.metrics)
    rows.push([
      metric.key,
      metric.label,
      metric.unit,
      ...metric.values.flatMap((value, i) => [value, metric.deltas[i] ?? null, metric.ratios[i] ?? null]),
    ]);
  for (const thread of view.threads) {
    rows.push(
      row(
        `thread:${thread.name}:cpuSeconds`,
        `${thread.name} CPU`,
        'seconds',
        thread.perRun.map((run) => run?.cpuSeconds ?? null),
      ),
    );
    for (const state of THREAD_STATES)
      rows.push(
        row(
          `thread:${thread.name}:${state}`,
          `${thread.name} ${state}`,
          'fraction',
          thread.perRun.map((run) => run?.states[state] ?? null),
        ),
      );
  }
  return toCsv(header, rows);
}
