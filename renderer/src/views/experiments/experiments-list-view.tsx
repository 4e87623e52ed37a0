// Past experiments, newest first: script, date, status, configurations and runs; open or delete each.
import { useState } from 'react';
import type { ExperimentListItem } from '../../../../main/shared/compare-types.ts';
import { getApi } from '../../api/get-api.ts';
import { errorMessage, useRequest } from '../../api/use-request.ts';
import { EmptyState } from '../../components/empty-state.tsx';
import { Notice } from '../../components/notice.tsx';
import { baseName, formatDate } from '../../logic/format.ts';
import { ConfirmDialog } from '../library/confirm-dialog.tsx';

// `refreshKey` changes when an experiment ends.
export function ExperimentsListView(props: {
  refreshKey: number;
  onOpen: (experimentId: number) => void;
  onNew: () => void;
}) {
  const list = useRequest('experiments:list', undefined, `experiments-${props.refreshKey}`);
  const [toDelete, setToDelete] = useState<ExperimentListItem | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);
  const items = [...(list.data?.experiments ?? [])].sort((a, b) => b.id - a.id);

  const remove = async (item: ExperimentListItem) => {
    setToDelete(null);
    try {
      const { ok } = await getApi().request('experiments:delete', { experimentId: item.id });
      if (!ok) setActionError(`Experiment #${item.id} could not be deleted (a running one cannot be).`);
      list.reload();
    } catch (error) {
      setActionError(errorMessage(error));
    }
  };

  return (
    <section className="view" aria-labelledby="experiments-title">
      <header className="view-header row spread">
        <div>
          <h2 id="experiments-title">Experiments</h2>
          <p className="muted">One script across interpreters × GIL modes × repetitions, lined up.</p>
        </div>
        <button type="button" className="primary" data-testid="new-experiment" onClick={props.onNew}>
          New experiment
        </button>
      </header>
      {list.kind === 'error' && (
        <Notice tone="error" title="Could not list experiments:">
          {list.message}
        </Notice>
      )}
      {actionError && <Notice tone="error">{actionError}</Notice>}
      {list.kind === 'ok' && items.length === 0 && (
        <EmptyState title="No experiments yet" testId="experiments-empty">
          <p>
            Does your script get faster without the GIL? Run it with the GIL on and off, a few times each, and see the
            speedup.
          </p>
          <button type="button" className="primary" onClick={props.onNew}>
            New experiment
          </button>
        </EmptyState>
      )}
      {items.length > 0 && (
        <div className="table-scroll">
          <table className="data-table" data-testid="experiments-list">
            <thead>
              <tr>
                <th className="num">#</th>
                <th>Script</th>
                <th>Date</th>
                <th className="num">Configurations</th>
                <th className="num">Runs</th>
                <th>Status</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {items.map((item) => (
                <tr
                  key={item.id}
                  className="clickable"
                  tabIndex={0}
                  data-testid="experiment-row"
                  data-experiment-id={item.id}
                  onClick={() => props.onOpen(item.id)}
                  onKeyDown={(e) => e.key === 'Enter' && e.target === e.currentTarget && props.onOpen(item.id)}
                >
                  <td className="num muted">{item.id}</td>
                  <td className="mono" title={item.script}>
                    {baseName(item.script)}
                  </td>
                  <td className="nowrap">{formatDate(item.createdAt)}</td>
                  <td className="num">{item.configs}</td>
                  <td className="num">{item.runs}</td>
                  <td>
                    <span className={`badge experiment-${item.status}`}>{item.status}</span>
                  </td>
                  <td className="row-actions">
                    <button type="button" onClick={(e) => (e.stopPropagation(), props.onOpen(item.id))}>
                      Open
                    </button>
                    <button
                      type="button"
                      className="danger-quiet"
                      data-testid="experiment-delete"
                      disabled={item.status === 'running'}
                      onClick={(e) => (e.stopPropagation(), setToDelete(item))}
                    >
                      Delete
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <ConfirmDialog
        open={toDelete !== null}
        title={`Delete experiment #${toDelete?.id ?? ''}?`}
        confirmLabel="Delete"
        onCancel={() => setToDelete(null)}
        onConfirm={() => toDelete && void remove(toDelete)}
      >
        <p>The experiment’s record is removed. Its runs stay in the Runs library (delete them there if you like).</p>
      </ConfirmDialog>
    </section>
  );
}
