// The human-readable `gilscope compare`: metrics with each run's value and its ratio to the baseline,
// matched threads, and the functions whose share of on-CPU samples changed most.
import type { CompareMetricRow, ComparisonView } from '../shared/compare-types.ts';
import type { RunSummary } from '../shared/run-summary-types.ts';
import { formatTable, percent } from './format-table.ts';

/** How many functions of the diff are printed. */
const FUNCTION_ROWS = 10;

/** "run 12: 3.13.5t GIL off". */
export function describeRun(run: RunSummary): string {
  const interpreter = run.interpreter ? `${run.interpreter.version}${run.interpreter.freeThreaded ? 't' : ''}` : '?';
  const gil = run.gilMode === 'default' ? '' : ` GIL ${run.gilMode}`;
  return `run ${run.runId}: ${interpreter}${gil}${run.label ? ` "${run.label}"` : ''}`;
}

function formatValue(value: number | null, unit: CompareMetricRow['unit']): string {
  if (value === null) return '—';
  if (unit === 'seconds') return `${value.toFixed(3)} s`;
  if (unit === 'ratio') return `${value.toFixed(2)}×`;
  if (unit === 'count') return String(value);
  return percent(value);
}

// Writes the comparison as plain-text tables.
export function printComparison(view: ComparisonView, out: NodeJS.WritableStream): void {
  const runs = view.runs.map(
    (run, i) => `${String.fromCharCode(65 + i)}  ${describeRun(run)}${i === 0 ? ' (baseline)' : ''}`,
  );
  out.write(`${runs.join('\n')}\n\n`);
  for (const { lines } of view.verdict) out.write(`${lines.join(' ')}\n`);
  if (view.verdict.length > 0) out.write('\n');
  const header = ['metric', ...view.runs.map((run) => `run ${run.runId}`)];
  const rows = view.metrics.map((metric) => [
    metric.label,
    ...metric.values.map((value, i) => {
      const ratio = metric.ratios[i];
      const text = formatValue(value, metric.unit);
      return i === 0 || ratio === null || ratio === undefined || metric.key === 'speedup'
        ? text
        : `${text} (×${ratio.toFixed(2)})`;
    }),
  ]);
  out.write(formatTable(header, rows));
  out.write('\nThreads (CPU seconds, share of time waiting for the GIL)\n');
  out.write(
    formatTable(
      ['thread', ...view.runs.map((run) => `run ${run.runId}`)],
      view.threads.map((thread) => [
        thread.name,
        ...thread.perRun.map((cell) =>
          cell ? `${cell.cpuSeconds.toFixed(3)} s, ${percent(cell.states.gilWait)} wait` : '—',
        ),
      ]),
    ),
  );
  if (view.functions.length > 0) {
    out.write('\nFunctions by change of on-CPU self share (first → last run)\n');
    out.write(
      formatTable(
        ['function', ...view.runs.map((run) => `run ${run.runId}`), 'change'],
        view.functions
          .filter((row) => row.self.some((share) => share > 0))
          .slice(0, FUNCTION_ROWS)
          .map((row) => [
            row.function,
            ...row.self.map((share) => percent(share)),
            `${row.selfChange >= 0 ? '+' : ''}${(row.selfChange * 100).toFixed(1)} pt`,
          ]),
      ),
    );
  }
}
