import { describe, expect, it } from 'vitest';
import type { RunListItem } from '../../main/shared/api-contract.ts';
import { defaultRunQuery, queryRuns, runInterpreters, toggleSort } from '../../renderer/src/logic/runs-filter.ts';

const py313 = { path: '/usr/bin/python3.13', version: '3.13.1', freeThreaded: false };
const py313t = { path: '/opt/python3.13t', version: '3.13.1', freeThreaded: true };
const run = (id: number, extra: Partial<RunListItem>): RunListItem => ({
  id,
  createdAt: `2025-01-0${id}T10:00:00Z`,
  label: null,
  script: `/w/s${id}.py`,
  args: [],
  interpreter: py313,
  gilMode: 'default',
  status: 'completed',
  wallSeconds: id,
  cpuSeconds: null,
  contention: null,
  ...extra,
});
const runs = [
  run(1, { label: 'baseline', cpuSeconds: 3 }),
  run(2, { interpreter: py313t, gilMode: 'off', status: 'failed', cpuSeconds: 1 }),
  run(3, { script: '/w/threads.py', args: ['--n', '8'], status: 'stopped' }),
];
const ids = (rows: RunListItem[]) => rows.map((r) => r.id);

describe('queryRuns', () => {
  it('sorts newest first by default and never mutates', () => {
    expect(ids(queryRuns(runs, defaultRunQuery))).toEqual([3, 2, 1]);
    expect(ids(runs)).toEqual([1, 2, 3]);
  });
  it('puts nulls last in both directions', () => {
    const byCpu = toggleSort(defaultRunQuery, 'cpuSeconds');
    expect(ids(queryRuns(runs, byCpu))).toEqual([1, 2, 3]);
    expect(ids(queryRuns(runs, toggleSort(byCpu, 'cpuSeconds')))).toEqual([2, 1, 3]);
  });
  it('filters and searches', () => {
    expect(ids(queryRuns(runs, { ...defaultRunQuery, status: 'failed' }))).toEqual([2]);
    expect(ids(queryRuns(runs, { ...defaultRunQuery, gilMode: 'off' }))).toEqual([2]);
    expect(ids(queryRuns(runs, { ...defaultRunQuery, interpreter: py313t.path }))).toEqual([2]);
    expect(ids(queryRuns(runs, { ...defaultRunQuery, search: 'BASE' }))).toEqual([1]);
    expect(ids(queryRuns(runs, { ...defaultRunQuery, search: 'threads --n' }))).toEqual([3]);
  });
  it('text columns start ascending', () => {
    expect(toggleSort(defaultRunQuery, 'script').descending).toBe(false);
    expect(runInterpreters(runs).map((i) => i.path)).toEqual([py313.path, py313t.path]);
  });
});
