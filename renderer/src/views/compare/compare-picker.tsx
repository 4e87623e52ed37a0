// "Compare with…" from a run's detail: a modal list of the other finished runs (same script first) to
// tick, up to three, then Compare opens the comparison with this run as the baseline.
import { useMemo, useState } from 'react';
import { useRequest } from '../../api/use-request.ts';
import { InterpreterLabel } from '../../components/badges.tsx';
import { Notice } from '../../components/notice.tsx';
import { ModalDialog } from '../../components/modal-dialog.tsx';
import { canCompareRun, compareWith, maxCompareRuns } from '../../logic/compare-selection.ts';
import { baseName, formatDate, formatSeconds, plural } from '../../logic/format.ts';

// Open while `open`; `onCompare` gets the full list (this run first).
export function ComparePicker(props: {
  open: boolean;
  runId: number;
  script: string;
  onCompare: (runIds: number[]) => void;
  onClose: () => void;
}) {
  const list = useRequest('runs:list', undefined, props.open ? 'picker' : null);
  const [picked, setPicked] = useState<number[]>([]);
  const candidates = useMemo(() => {
    const runs = (list.data?.runs ?? []).filter((r) => r.id !== props.runId && canCompareRun(r));
    return [...runs.filter((r) => r.script === props.script), ...runs.filter((r) => r.script !== props.script)];
  }, [list.data, props.runId, props.script]);
  const full = picked.length >= maxCompareRuns - 1;
  const toggle = (id: number) => setPicked((p) => (p.includes(id) ? p.filter((x) => x !== id) : full ? p : [...p, id]));

  return (
    <ModalDialog open={props.open} onCancel={props.onClose} className="confirm picker" testId="compare-picker">
      <h3>Compare run #{props.runId} with…</h3>
      <p className="muted">Pick 1 to {maxCompareRuns - 1} runs. Runs of the same script are listed first.</p>
      {list.kind === 'error' && <Notice tone="error">{list.message}</Notice>}
      <div className="picker-list">
        {list.kind === 'loading' && !list.data && <p className="muted">Loading runs…</p>}
        {list.data && candidates.length === 0 && <p className="muted">No other finished run to compare with.</p>}
        {candidates.map((run) => (
          <label key={run.id} className="picker-row" data-testid="compare-picker-row" data-run-id={run.id}>
            <input
              type="checkbox"
              checked={picked.includes(run.id)}
              disabled={full && !picked.includes(run.id)}
              onChange={() => toggle(run.id)}
            />
            <span className="muted">#{run.id}</span>
            <span className="mono">{run.label ?? baseName(run.script)}</span>
            <InterpreterLabel interpreter={run.interpreter} />
            <span className="muted">GIL {run.gilMode}</span>
            <span className="muted">{formatSeconds(run.wallSeconds)}</span>
            <span className="muted">{formatDate(run.createdAt)}</span>
          </label>
        ))}
      </div>
      <div className="row end">
        <button type="button" onClick={props.onClose}>
          Cancel
        </button>
        <button
          type="button"
          className="primary"
          data-testid="compare-picker-ok"
          disabled={picked.length === 0}
          onClick={() => props.onCompare(compareWith(props.runId, picked))}
        >
          Compare {plural(picked.length + 1, 'run')}
        </button>
      </div>
    </ModalDialog>
  );
}
