// Formatting and judging of comparison figures: values by unit, signed deltas, ratios, and whether a
// change is an improvement (lower wall time and contention, higher speedup and parallelism).
import type { CompareMetricRow, FunctionDiffRow } from '../../../main/shared/compare-types.ts';
import { formatPercent, formatRatio, formatSeconds } from './format.ts';

// A metric value in its unit: "1.25 s", "1.85×", "42%".
export function formatMetricValue(value: number | null, unit: CompareMetricRow['unit']): string {
  if (unit === 'seconds') return formatSeconds(value);
  if (unit === 'ratio') return formatRatio(value);
  if (unit === 'count') return value === null ? '—' : String(value);
  return formatPercent(value);
}

// A signed difference: "+1.20 s", "−350 ms", "+0.40×", "−12.0 pp" (percentage points for fractions).
export function formatMetricDelta(delta: number | null, unit: CompareMetricRow['unit']): string {
  if (delta === null || !Number.isFinite(delta)) return '—';
  const sign = delta > 0 ? '+' : delta < 0 ? '−' : '±';
  const size = Math.abs(delta);
  if (unit === 'seconds') return `${sign}${formatSeconds(size)}`;
  if (unit === 'ratio') return `${sign}${size.toFixed(2)}×`;
  if (unit === 'count') return `${sign}${size}`;
  return `${sign}${(size * 100).toFixed(1)} pp`;
}

// A ratio against the baseline, "—" where it says nothing: a share whose baseline is under 1 % (0 % → 3 % is "+3 pp", not "∞×").
export function formatMetricRatio(
  ratio: number | null,
  baseline: number | null,
  unit: CompareMetricRow['unit'],
): string {
  if (unit === 'fraction' && (baseline === null || Math.abs(baseline) < 0.01)) return '—';
  return formatRatio(ratio);
}

// Which direction is better for a metric key (null = neither, e.g. CPU seconds).
export function betterDirection(key: string): 'lower' | 'higher' | null {
  if (/wall|contention|gilwait|lockwait/i.test(key)) return 'lower';
  if (/speedup|parallelism/i.test(key)) return 'higher';
  return null;
}

// 'good' / 'bad' / 'same' for a delta of metric `key` (changes under 2 % of the baseline count as the same).
export function deltaTone(key: string, delta: number | null, baseline: number | null): 'good' | 'bad' | 'same' {
  const direction = betterDirection(key);
  if (direction === null || delta === null || !Number.isFinite(delta)) return 'same';
  const scale = baseline !== null && Number.isFinite(baseline) && baseline !== 0 ? Math.abs(baseline) : 1;
  if (Math.abs(delta) / scale < 0.02) return 'same';
  return delta < 0 === (direction === 'lower') ? 'good' : 'bad';
}

// Sort orders for the per-function diff.
export type FunctionDiffSort = 'self-change' | 'total-change' | 'self-baseline';

// Change of the total share from the first to the last run.
export function totalChange(row: FunctionDiffRow): number {
  return largestChange(row.total);
}

// Per run, its change against the baseline (the first entry is the baseline's own 0).
export function changesAgainstBaseline(values: readonly number[]): number[] {
  return values.map((value) => value - (values[0] ?? 0));
}

// The change against the first value with the largest magnitude among the others (sign kept).
function largestChange(values: readonly number[]): number {
  let largest = 0;
  for (const change of changesAgainstBaseline(values).slice(1))
    if (Math.abs(change) > Math.abs(largest)) largest = change;
  return largest;
}

// Rows sorted by the size of the chosen change (largest first), or by the baseline's self share.
export function sortFunctionDiff(rows: readonly FunctionDiffRow[], by: FunctionDiffSort): FunctionDiffRow[] {
  const key = (row: FunctionDiffRow): number => {
    if (by === 'self-change') return Math.abs(row.selfChange);
    if (by === 'total-change') return Math.abs(totalChange(row));
    return row.self[0] ?? 0;
  };
  return [...rows].sort((a, b) => key(b) - key(a) || a.function.localeCompare(b.function));
}

// The largest share shown, so bars are scaled to the table (never 0).
export function maxShare(rows: readonly FunctionDiffRow[]): number {
  let max = 0;
  for (const row of rows) for (const v of [...row.self, ...row.total]) if (Number.isFinite(v)) max = Math.max(max, v);
  return max > 0 ? max : 1;
}
