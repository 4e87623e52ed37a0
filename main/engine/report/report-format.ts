// Number, time and percentage formatting shared by the report tables and charts (plain strings:
// they go through `html` like any other text).

/** "1.23 s", "45.6 ms", "—" for null. */
export function formatSeconds(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  const abs = Math.abs(value);
  if (abs === 0) return '0 s';
  if (abs < 1e-3) return `${(value * 1e6).toFixed(0)} µs`;
  if (abs < 1) return `${(value * 1e3).toFixed(abs < 0.1 ? 1 : 0)} ms`;
  if (abs < 100) return `${value.toFixed(2)} s`;
  if (abs < 3600) return `${Math.floor(value / 60)} min ${(value % 60).toFixed(0)} s`;
  return `${(value / 3600).toFixed(2)} h`;
}

/** 0.4567 → "45.7%"; null → "—". */
export function formatPercent(value: number | null | undefined, digits = 1): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return `${(value * 100).toFixed(digits)}%`;
}

/** A ratio like a speedup: 1.234 → "1.23×". */
export function formatRatio(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return `${value.toFixed(2)}×`;
}

/** A plain number with `digits` decimals; null → "—". */
export function formatNumber(value: number | null | undefined, digits = 2): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return value.toFixed(digits);
}

/** A signed difference in the metric's unit: "+1.20 s", "−3.4 pp" (percentage points). */
export function formatDelta(
  value: number | null | undefined,
  unit: 'seconds' | 'ratio' | 'fraction' | 'count',
): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  const sign = value > 0 ? '+' : value < 0 ? '−' : '±';
  const abs = Math.abs(value);
  if (unit === 'seconds') return `${sign}${formatSeconds(abs)}`;
  if (unit === 'fraction') return `${sign}${(abs * 100).toFixed(1)} pp`;
  if (unit === 'count') return `${sign}${abs}`;
  return `${sign}${abs.toFixed(2)}`;
}

/** A value in the metric's unit. */
export function formatMetric(
  value: number | null | undefined,
  unit: 'seconds' | 'ratio' | 'fraction' | 'count',
): string {
  if (unit === 'seconds') return formatSeconds(value);
  if (unit === 'fraction') return formatPercent(value);
  if (unit === 'count') return formatNumber(value, 0);
  return formatNumber(value);
}

/** An ISO timestamp as "2025-01-31 14:05:09 UTC" (stable across machines); the input itself if unparsable. */
export function formatDate(iso: string | Date): string {
  const date = typeof iso === 'string' ? new Date(iso) : iso;
  if (Number.isNaN(date.getTime())) return String(iso);
  return `${date.toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

/** At most `max` characters, with an ellipsis when cut (applied to raw text, before escaping). */
export function truncate(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, Math.max(1, max - 1)).join('')}…`;
}

/** A command line for display: arguments with spaces or quotes are shown quoted. */
export function formatCommand(parts: readonly string[]): string {
  return parts.map((part) => (part === '' || /[\s"'\\]/.test(part) ? JSON.stringify(part) : part)).join(' ');
}
