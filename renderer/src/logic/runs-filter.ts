// Sorting, filtering and searching the runs library: a pure function from rows + criteria to rows.
import type { RunListItem } from '../../../main/shared/api-contract.ts';
import type { GilMode, RunStatus } from '../../../main/shared/vocabulary.ts';

// A sortable column of the library.
export type RunSortKey =
  'script' | 'interpreter' | 'gilMode' | 'createdAt' | 'wallSeconds' | 'cpuSeconds' | 'contention' | 'status' | 'label';

// What the library toolbar chose; 'all' means no filter on that field.
export interface RunQuery {
  search: string;
  status: RunStatus | 'all';
  /** An interpreter path, or 'all'. */
  interpreter: string;
  gilMode: GilMode | 'all';
  sortKey: RunSortKey;
  descending: boolean;
}

// The library's starting query: newest first, nothing filtered.
export const defaultRunQuery: RunQuery = {
  search: '',
  status: 'all',
  interpreter: 'all',
  gilMode: 'all',
  sortKey: 'createdAt',
  descending: true,
};

function sortValue(run: RunListItem, key: RunSortKey): string | number | null {
  switch (key) {
    case 'script':
      return run.script.toLowerCase();
    case 'interpreter':
      return run.interpreter ? run.interpreter.version : null;
    case 'createdAt':
      return Date.parse(run.createdAt) || 0;
    case 'label':
      return run.label?.toLowerCase() ?? null;
    default:
      return run[key];
  }
}

// Compares with nulls always last, whatever the direction; ties broken by id (newest first).
function compareRuns(a: RunListItem, b: RunListItem, key: RunSortKey, descending: boolean): number {
  const va = sortValue(a, key);
  const vb = sortValue(b, key);
  if (va === null && vb !== null) return 1;
  if (vb === null && va !== null) return -1;
  let order = 0;
  if (va !== null && vb !== null)
    order = typeof va === 'number' && typeof vb === 'number' ? va - vb : String(va).localeCompare(String(vb), 'en');
  if (descending) order = -order;
  return order !== 0 ? order : b.id - a.id;
}

// True when every search word appears in the script, args, label, interpreter, status or id.
function matchesSearch(run: RunListItem, search: string): boolean {
  const words = search.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const haystack = [
    run.script,
    run.args.join(' '),
    run.label ?? '',
    run.interpreter?.version ?? '',
    run.interpreter?.path ?? '',
    run.status,
    `#${run.id}`,
  ]
    .join('\n')
    .toLowerCase();
  return words.every((word) => haystack.includes(word));
}

// Applies filters, search and sort; never mutates `runs`.
export function queryRuns(runs: readonly RunListItem[], query: RunQuery): RunListItem[] {
  return runs
    .filter(
      (run) =>
        (query.status === 'all' || run.status === query.status) &&
        (query.gilMode === 'all' || run.gilMode === query.gilMode) &&
        (query.interpreter === 'all' || run.interpreter?.path === query.interpreter) &&
        matchesSearch(run, query.search),
    )
    .sort((a, b) => compareRuns(a, b, query.sortKey, query.descending));
}

// Clicking a header: same column flips direction; a new column starts descending for numbers and dates.
export function toggleSort(query: RunQuery, key: RunSortKey): RunQuery {
  if (query.sortKey === key) return { ...query, descending: !query.descending };
  const textual = key === 'script' || key === 'label' || key === 'status' || key === 'gilMode' || key === 'interpreter';
  return { ...query, sortKey: key, descending: !textual };
}

// The distinct interpreters among the runs, for the filter menu.
export function runInterpreters(
  runs: readonly RunListItem[],
): Array<{ path: string; version: string; freeThreaded: boolean }> {
  const seen = new Map<string, { path: string; version: string; freeThreaded: boolean }>();
  for (const run of runs)
    if (run.interpreter && !seen.has(run.interpreter.path)) seen.set(run.interpreter.path, run.interpreter);
  return [...seen.values()].sort((a, b) => a.version.localeCompare(b.version, 'en', { numeric: true }));
}
