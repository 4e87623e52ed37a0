// Rounding for stored and exported figures: a fixed number of decimals, so files and summaries do not
// carry float noise (0.30000000000000004) and stay diffable.

// `value` rounded to `digits` decimals (6 by default: nanosecond resolution for seconds).
export function roundTo(value: number, digits = 6): number {
  return Number(value.toFixed(digits));
}
