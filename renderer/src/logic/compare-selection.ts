// Which runs may be compared: 2–4 finished runs, in the order they were picked (the first is the baseline).
import type { RunListItem } from '../../../main/shared/api-contract.ts';

// The most runs one comparison shows.
export const maxCompareRuns = 4;

// The fewest runs a comparison needs.
export const minCompareRuns = 2;

// Runs that measured the script's work: completed, or stopped on purpose (Stop, --duration: how servers are
// profiled). A run still recording has no summary; a failed or killed one measured a crash, not the work.
export function canCompareRun(run: Pick<RunListItem, 'status'>): boolean {
  return run.status === 'completed' || run.status === 'stopped';
}

// Adds `id` (at the end) or removes it; adding beyond the maximum is refused (the same list comes back).
export function toggleSelection(selected: readonly number[], id: number): number[] {
  if (selected.includes(id)) return selected.filter((s) => s !== id);
  if (selected.length >= maxCompareRuns) return [...selected];
  return [...selected, id];
}

// Drops ids no longer in the library (deleted runs), keeping the order.
export function pruneSelection(selected: readonly number[], existing: readonly number[]): number[] {
  const known = new Set(existing);
  return selected.filter((id) => known.has(id));
}

// Whether `selected` can be compared, and if not, why (shown next to the Compare button).
export function compareReadiness(selected: readonly number[]): { ok: true } | { ok: false; reason: string } {
  const unique = new Set(selected).size;
  if (unique < minCompareRuns)
    return { ok: false, reason: unique === 0 ? 'Select 2 to 4 runs to compare.' : 'Select at least one more run.' };
  if (unique > maxCompareRuns) return { ok: false, reason: `At most ${maxCompareRuns} runs can be compared.` };
  return { ok: true };
}

// "Compare with…" from a run: that run first (the baseline), then the picked ones, without repeats, at most 4.
export function compareWith(baseId: number, picked: readonly number[]): number[] {
  const ids = [baseId];
  for (const id of picked) if (!ids.includes(id) && ids.length < maxCompareRuns) ids.push(id);
  return ids;
}

// Parses "12,15,20" (e.g. from a URL hash) into a valid comparison, or null.
export function parseRunIds(text: string): number[] | null {
  const ids = text.split(',').map((part) => Number(part.trim()));
  if (ids.some((id) => !Number.isInteger(id) || id <= 0)) return null;
  const unique = [...new Set(ids)];
  return compareReadiness(unique).ok ? unique : null;
}
