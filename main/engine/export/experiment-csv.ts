// An experiment as CSV: one row per configuration with its runs, failures, wall time spread, speedup
// against the baseline configuration, parallelism and GIL contention medians.
import type { ExperimentView, Spread } from '../../shared/compare-types.ts';
import { toCsv } from './csv-format.ts';

const spread = (value: Spread | null): Array<number | null> => [
  value?.median ?? null,
  value?.min ?? null,
  value?.max ?? null,
];

// key, label, interpreter, version, freeThreaded, gilMode, varyValue, runs, failures, wall median/min/max, speedup, parallelism…, contention….
export function experimentCsv(view: ExperimentView): string {
  const header = [
    'key',
    'label',
    'interpreter',
    'version',
    'freeThreaded',
    'gilMode',
    'varyValue',
    'runIds',
    'failures',
    'wallMedianSeconds',
    'wallMinSeconds',
    'wallMaxSeconds',
    'speedup',
    'baseline',
    'parallelismMedian',
    'parallelismMin',
    'parallelismMax',
    'contentionMedian',
    'contentionMin',
    'contentionMax',
  ];
  const rows = view.configs.map((config) => [
    config.key,
    config.label,
    config.interpreter.path,
    config.interpreter.version,
    config.interpreter.freeThreaded,
    config.gilMode,
    config.varyValue,
    config.runIds.join(' '),
    config.failures,
    ...spread(config.wallSeconds),
    config.speedup,
    config.key === view.baselineKey,
    ...spread(config.parallelism),
    ...spread(config.contention),
  ]);
  return toCsv(header, rows);
}
