// The runs library: every stored run, sortable, filterable and searchable; label inline, delete with
// confirmation, open on click or Enter; tick 2–4 runs and Compare them.
import { useEffect, useMemo, useState } from 'react';
import type { RunListItem } from '../../../../main/shared/api-contract.ts';
import { getApi } from '../../api/get-api.ts';
import { useListAction } from '../../api/use-list-action.ts';
import { useRequest } from '../../api/use-request.ts';
import { InterpreterLabel, StatusBadge } from '../../components/badges.tsx';
import { ConfirmDelete, usePendingDelete } from '../../components/confirm-delete.tsx';
import { EmptyState } from '../../components/empty-state.tsx';
import { Notice } from '../../components/notice.tsx';
import { RequestError } from '../../components/request-error.tsx';
import { OpenDeleteActions, openableRow } from '../../components/row-actions.tsx';
import { SortHeader } from '../../components/sort-header.tsx';
import { canCompareRun, compareReadiness, maxCompareRuns } from '../../logic/compare-selection.ts';
import { baseName, formatDate, formatPercent, formatSeconds } from '../../logic/format.ts';
import {
  defaultRunQuery,
  queryRuns,
  runInterpreters,
  toggleSort,
  type RunQuery,
  type RunSortKey,
} from '../../logic/runs-filter.ts';
import { LabelEditor } from './label-editor.tsx';
import { QueryFilter } from './query-filter.tsx';

const columns: Array<{ key: RunSortKey; label: string; numeric?: boolean }> = [
  { key: 'script', label: 'Script' },
  { key: 'label', label: 'Label' },
  { key: 'interpreter', label: 'Interpreter' },
  { key: 'gilMode', label: 'GIL mode' },
  { key: 'createdAt', label: 'Date' },
  { key: 'wallSeconds', label: 'Wall', numeric: true },
  { key: 'cpuSeconds', label: 'CPU', numeric: true },
  { key: 'contention', label: 'Contention', numeric: true },
  { key: 'status', label: 'Status' },
];

// `refreshKey` changes when a run ends, so the list reloads. The selection for Compare lives in the shell.
export function RunsLibraryView(props: {
  refreshKey: number;
  onOpen: (runId: number) => void;
  onNewRun: () => void;
  selected: number[];
  onToggle: (runId: number) => void;
  onClearSelection: () => void;
  onListed: (runIds: number[]) => void;
  onCompare: () => void;
}) {
  const list = useRequest('runs:list', undefined, `runs-${props.refreshKey}`);
  const [query, setQuery] = useState<RunQuery>(defaultRunQuery);
  const deleting = usePendingDelete<RunListItem>();
  const { actionError, act } = useListAction(list.reload);
  const runs = useMemo(() => list.data?.runs ?? [], [list.data]);
  const rows = useMemo(() => queryRuns(runs, query), [runs, query]);
  const interpreters = useMemo(() => runInterpreters(runs), [runs]);
  const readiness = compareReadiness(props.selected);
  const sort = { key: query.sortKey, descending: query.descending };
  const { onListed } = props;
  useEffect(() => {
    if (list.kind === 'ok') onListed(list.data.runs.map((r) => r.id));
  }, [list, onListed]);

  const rename = (run: RunListItem, label: string | null) =>
    act(
      () => getApi().request('runs:rename', { runId: run.id, label }),
      `Run #${run.id} could not be renamed (it may have been deleted).`,
    );
  const remove = (run: RunListItem) =>
    act(
      () => getApi().request('runs:delete', { runId: run.id }),
      `Run #${run.id} could not be deleted (a run still recording cannot be).`,
    );

  return (
    <section className="view" aria-labelledby="runs-title">
      <header className="view-header row spread">
        <h2 id="runs-title">Runs</h2>
        <span className="muted">{list.data ? `${rows.length} of ${runs.length}` : ''}</span>
      </header>
      <div className="row toolbar wrap">
        <input
          type="search"
          className="grow"
          placeholder="Search runs…"
          title="Matches script, label, arguments, interpreter and status"
          data-testid="runs-search"
          value={query.search}
          onChange={(e) => setQuery({ ...query, search: e.target.value })}
        />
        <QueryFilter field="status" label="Status" testId="runs-filter-status" query={query} onChange={setQuery}>
          <option value="all">Any status</option>
          {(['completed', 'failed', 'stopped', 'killed', 'running'] as const).map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </QueryFilter>
        <QueryFilter
          field="interpreter"
          label="Interpreter"
          testId="runs-filter-interpreter"
          query={query}
          onChange={setQuery}
        >
          <option value="all">Any interpreter</option>
          {interpreters.map((i) => (
            <option key={i.path} value={i.path}>
              {i.version}
              {i.freeThreaded ? ' free-threaded' : ''} — {i.path}
            </option>
          ))}
        </QueryFilter>
        <QueryFilter field="gilMode" label="GIL mode" testId="runs-filter-gil" query={query} onChange={setQuery}>
          <option value="all">Any GIL mode</option>
          <option value="default">default</option>
          <option value="on">on</option>
          <option value="off">off</option>
        </QueryFilter>
        <button type="button" onClick={list.reload} disabled={list.kind === 'loading'}>
          Refresh
        </button>
      </div>
      {runs.length > 1 && (
        <div className="row compare-bar" data-testid="compare-bar">
          <button
            type="button"
            className="primary"
            data-testid="compare-button"
            disabled={!readiness.ok}
            onClick={props.onCompare}
            title="Compare the ticked runs; the first ticked is the baseline"
          >
            Compare{props.selected.length > 0 ? ` ${props.selected.length}` : ''}
          </button>
          <span className="muted" data-testid="compare-hint">
            {readiness.ok ? `Baseline: #${props.selected[0] ?? ''} (ticked first).` : readiness.reason}
            {props.selected.length >= maxCompareRuns ? ` At most ${maxCompareRuns}.` : ''}
          </span>
          {props.selected.length > 0 && (
            <button
              type="button"
              className="link"
              onClick={props.onClearSelection}
              data-testid="compare-clear-selection"
            >
              Clear selection
            </button>
          )}
        </div>
      )}
      <RequestError state={list} title="Could not list runs:" />
      {actionError && <Notice tone="error">{actionError}</Notice>}
      {list.kind === 'ok' && runs.length === 0 && (
        <EmptyState title="No runs yet" testId="runs-empty">
          <p>Profile a script and it will be listed here, with its figures, for as long as you keep it.</p>
          <button type="button" className="primary" onClick={props.onNewRun}>
            New run
          </button>
        </EmptyState>
      )}
      {runs.length > 0 && rows.length === 0 && <EmptyState title="No run matches the filters" />}
      {rows.length > 0 && (
        <div className="table-scroll fill">
          <table className="data-table runs-table" data-testid="runs-table">
            <thead>
              <tr>
                <th className="check-cell">
                  <span className="sr-only">Compare</span>
                </th>
                <th className="num">#</th>
                {columns.map((c) => (
                  <SortHeader key={c.key} column={c} sort={sort} onSort={() => setQuery(toggleSort(query, c.key))} />
                ))}
                <th />
              </tr>
            </thead>
            <tbody>
              {rows.map((run) => (
                <tr key={run.id} {...openableRow(props.onOpen, run.id, 'runs-row')} data-run-id={run.id}>
                  <td className="check-cell" onClick={(e) => e.stopPropagation()}>
                    <input
                      type="checkbox"
                      data-testid="run-select"
                      aria-label={`Select run ${run.id} for comparison`}
                      checked={props.selected.includes(run.id)}
                      disabled={
                        !canCompareRun(run) ||
                        (!props.selected.includes(run.id) && props.selected.length >= maxCompareRuns)
                      }
                      title={
                        canCompareRun(run)
                          ? props.selected.includes(run.id)
                            ? `Compared as ${String.fromCharCode(65 + props.selected.indexOf(run.id))}`
                            : 'Select for Compare'
                          : 'Still recording'
                      }
                      onChange={() => props.onToggle(run.id)}
                    />
                    {props.selected.includes(run.id) && (
                      <span className="run-letter-inline">
                        {String.fromCharCode(65 + props.selected.indexOf(run.id))}
                      </span>
                    )}
                  </td>
                  <td className="num muted">{run.id}</td>
                  <td className="mono" title={[run.script, ...run.args].join(' ')}>
                    {baseName(run.script)}
                    {run.attachedPid != null && (
                      <span
                        className="badge"
                        data-testid="run-attached"
                        title="GILscope attached to this running process"
                      >
                        attached to pid {run.attachedPid}
                      </span>
                    )}
                  </td>
                  <td>
                    <LabelEditor label={run.label} onSave={(label) => rename(run, label)} />
                  </td>
                  <td>
                    <InterpreterLabel interpreter={run.interpreter} />
                  </td>
                  <td>{run.gilMode}</td>
                  <td className="nowrap">{formatDate(run.createdAt)}</td>
                  <td className="num">{formatSeconds(run.wallSeconds)}</td>
                  <td className="num">{formatSeconds(run.cpuSeconds)}</td>
                  <td className="num">{formatPercent(run.contention)}</td>
                  <td>
                    <StatusBadge status={run.status} />
                  </td>
                  <OpenDeleteActions item={run} onOpen={props.onOpen} deleting={deleting} testIdPrefix="run" />
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <ConfirmDelete pending={deleting} what="run" onConfirm={(item) => void remove(item)}>
        <p>
          {deleting.item && (deleting.item.label ?? baseName(deleting.item.script))} and all its samples, stacks and
          output will be removed from the store. This cannot be undone.
        </p>
      </ConfirmDelete>
    </section>
  );
}
