// The human-readable result of `gilscope experiment`: one row per configuration.
import type { ExperimentView, Spread } from '../shared/compare-types.ts';
import { ceilingGapNote } from '../shared/machine-load-note.ts';
import { formatTable, percent } from './format-table.ts';

const seconds = (spread: Spread | null): string => (spread ? `${spread.median.toFixed(3)} s` : '—');
const range = (spread: Spread | null): string => (spread ? `${spread.min.toFixed(3)}–${spread.max.toFixed(3)} s` : '—');

// Writes the experiment's configuration table (speedups against its baseline configuration).
export function printExperiment(view: ExperimentView, out: NodeJS.WritableStream): void {
  out.write(
    `experiment ${view.id}: ${view.spec.script} — ${view.status}, ${view.progress.done} of ${view.progress.total} runs\n`,
  );
  if (view.error) out.write(`  ${view.error}\n`);
  const rows = view.configs.map((config) => [
    `${config.key === view.baselineKey ? '* ' : '  '}${config.label}`,
    `${config.runIds.length}${config.failures > 0 ? ` (${config.failures} failed)` : ''}`,
    seconds(config.wallSeconds),
    range(config.wallSeconds),
    config.speedup === null ? '—' : `${config.speedup.toFixed(2)}×`,
    config.parallelism ? config.parallelism.median.toFixed(2) : '—',
    config.processes ? String(config.processes.median) : '—',
    config.gilWait ? percent(config.gilWait.median) : '—',
    config.contention ? percent(config.contention.median) : '—',
  ]);
  out.write(
    formatTable(
      [
        'configuration (* = baseline)',
        'runs',
        'wall median',
        'wall min–max',
        'speedup',
        'parallelism',
        'processes',
        'GIL wait',
        'GIL contention',
      ],
      rows,
    ),
  );
  const gap = view.status === 'running' ? null : ceilingGapNote(view);
  if (gap) out.write(`${gap}\n`);
}
