// Past experiments, newest first: script, date, status, configurations and runs; open or delete each.
import type { ExperimentListItem } from '../../../../main/shared/compare-types.ts';
import { getApi } from '../../api/get-api.ts';
import { useListAction } from '../../api/use-list-action.ts';
import { useRequest } from '../../api/use-request.ts';
import { ConfirmDelete, usePendingDelete } from '../../components/confirm-delete.tsx';
import { EmptyState } from '../../components/empty-state.tsx';
import { Notice } from '../../components/notice.tsx';
import { RequestError } from '../../components/request-error.tsx';
import { OpenDeleteActions, openableRow } from '../../components/row-actions.tsx';
import { baseName, formatDate } from '../../logic/format.ts';

// `refreshKey` changes when an experiment ends.
export function ExperimentsListView(props: {
  refreshKey: number;
  onOpen: (experimentId: number) => void;
  onNew: () => void;
}) {
  const list = useRequest('experiments:list', undefined, `experiments-${props.refreshKey}`);
  const deleting = usePendingDelete<ExperimentListItem>();
  const { actionError, act } = useListAction(list.reload);
  const items = [...(list.data?.experiments ?? [])].sort((a, b) => b.id - a.id);

  const remove = (item: ExperimentListItem) =>
    act(
      () => getApi().request('experiments:delete', { experimentId: item.id }),
      `Experiment #${item.id} could not be deleted (a running one cannot be).`,
    );

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
      <RequestError state={list} title="Could not list experiments:" />
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
                  {...openableRow(props.onOpen, item.id, 'experiment-row')}
                  data-experiment-id={item.id}
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
                  <OpenDeleteActions item={item} onOpen={props.onOpen} deleting={deleting} testIdPrefix="experiment" />
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <ConfirmDelete pending={deleting} what="experiment" onConfirm={(item) => void remove(item)}>
        <p>The experiment’s record is removed. Its runs stay in the Runs library (delete them there if you like).</p>
      </ConfirmDelete>
    </section>
  );
}
