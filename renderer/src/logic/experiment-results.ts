// Experiment results for the table and the chart: sorting configurations (nulls last), the relative
// spread of a figure, and the speedup series — one bar per configuration, or, when a value was varied,
// one line per interpreter × GIL mode across the varied values.
import type { ExperimentConfigResult, ExperimentView, Spread } from '../../../main/shared/compare-types.ts';

// Columns the configurations table sorts by.
export type ConfigSortKey =
  'order' | 'label' | 'wall' | 'speedup' | 'parallelism' | 'processes' | 'gilWait' | 'contention' | 'failures';

// A sort column and direction.
export interface ConfigSort {
  key: ConfigSortKey;
  descending: boolean;
}

// The experiment's own order (interpreter × mode × value, as the engine ran them).
export const defaultConfigSort: ConfigSort = { key: 'order', descending: false };

const sortValue = (config: ExperimentConfigResult, key: ConfigSortKey): number | string | null => {
  switch (key) {
    case 'label':
      return config.label;
    case 'wall':
      return config.wallSeconds?.median ?? null;
    case 'speedup':
      return config.speedup;
    case 'parallelism':
      return config.parallelism?.median ?? null;
    case 'contention':
      return config.contention?.median ?? null;
    case 'processes':
      return config.processes?.median ?? null;
    case 'gilWait':
      return config.gilWait?.median ?? null;
    case 'failures':
      return config.failures;
    default:
      return null;
  }
};

// Sorted copy; missing figures go last in both directions; ties keep the experiment's order.
export function sortConfigs(configs: readonly ExperimentConfigResult[], sort: ConfigSort): ExperimentConfigResult[] {
  const indexed = configs.map((config, index) => ({ config, index }));
  if (sort.key === 'order') {
    if (sort.descending) indexed.reverse();
    return indexed.map((e) => e.config);
  }
  indexed.sort((a, b) => {
    const va = sortValue(a.config, sort.key);
    const vb = sortValue(b.config, sort.key);
    if (va === null || vb === null) return va === vb ? a.index - b.index : va === null ? 1 : -1;
    const cmp = typeof va === 'string' || typeof vb === 'string' ? String(va).localeCompare(String(vb)) : va - vb;
    return (sort.descending ? -cmp : cmp) || a.index - b.index;
  });
  return indexed.map((e) => e.config);
}

// Clicking a column: the same column flips; a new one starts descending for figures, ascending for text.
export function toggleConfigSort(sort: ConfigSort, key: ConfigSortKey): ConfigSort {
  if (sort.key === key) return { key, descending: !sort.descending };
  return { key, descending: key !== 'label' && key !== 'order' };
}

// (max − min) / median, the relative spread of repetitions; null when unknown.
export function relativeSpread(spread: Spread | null): number | null {
  if (!spread || !(spread.median > 0)) return null;
  return (spread.max - spread.min) / spread.median;
}

// What the speedup chart draws: x labels and one dataset per series (null = no figure at that point).
export interface SpeedupSeries {
  kind: 'bar' | 'line';
  labels: string[];
  datasets: Array<{ label: string; data: Array<number | null> }>;
}

// "3.13.5 free-threaded · GIL off": the series name of a configuration without its varied value.
export function seriesName(config: ExperimentConfigResult): string {
  const build = `${config.interpreter.version}${config.interpreter.freeThreaded ? ' free-threaded' : ''}`;
  return config.interpreter.freeThreaded ? `${build} · GIL ${config.gilMode}` : build;
}

// Bars per configuration, or lines per interpreter × mode over the varied values (in the spec's order).
export function speedupSeries(view: Pick<ExperimentView, 'spec' | 'configs'>): SpeedupSeries {
  const vary = view.spec.vary;
  if (!vary)
    return {
      kind: 'bar',
      labels: view.configs.map((c) => c.label),
      datasets: [{ label: 'Speedup', data: view.configs.map((c) => c.speedup) }],
    };
  const labels = [...vary.values];
  for (const c of view.configs) if (c.varyValue !== null && !labels.includes(c.varyValue)) labels.push(c.varyValue);
  const series = new Map<string, Array<number | null>>();
  for (const config of view.configs) {
    const name = `${config.interpreter.path}|${config.gilMode}`;
    let data = series.get(name);
    if (!data) {
      data = labels.map(() => null);
      series.set(name, data);
    }
    const at = config.varyValue === null ? -1 : labels.indexOf(config.varyValue);
    if (at >= 0) data[at] = config.speedup;
  }
  const names = new Map(view.configs.map((c) => [`${c.interpreter.path}|${c.gilMode}`, seriesName(c)]));
  return {
    kind: 'line',
    labels: labels.map((v) => `${vary.name}=${v}`),
    datasets: [...series].map(([key, data]) => ({ label: names.get(key) ?? key, data })),
  };
}

// Share of a progress as 0..1 (0 when the total is unknown).
export function progressFraction(progress: { done: number; total: number }): number {
  return progress.total > 0 ? Math.min(1, Math.max(0, progress.done / progress.total)) : 0;
}
