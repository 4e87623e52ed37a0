// Reads the bytes-per-thread-sample target out of the db-ingest section (its run() returns markdown only).
import type { BenchSection, TargetCheck } from './bench-section.ts';

const BYTES_TARGET = 32;

/** Target checks from the rows of the layout db-ingest marks "— used" (column 5 = bytes / sample). */
export function ingestTargets(section: BenchSection): TargetCheck[] {
  const checks: TargetCheck[] = [];
  for (const line of section.markdown.split('\n')) {
    const cells = line.split('|').map((cell) => cell.trim());
    if (!cells[2]?.includes('— used')) continue;
    const bytes = Number(cells[5]?.replace(/,/g, ''));
    if (!Number.isFinite(bytes)) continue;
    checks.push({
      target: `≤ ${BYTES_TARGET} bytes per thread-sample — ${cells[1]}`,
      measured: `${bytes.toFixed(2)} bytes (ingest ${cells[4]} samples/s)`,
      met: bytes <= BYTES_TARGET,
    });
  }
  return checks;
}
