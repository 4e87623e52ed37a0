// How a compared run is named everywhere in the Compare view: its letter, number, label or script,
// interpreter and GIL mode.
import type { RunSummary } from '../../../../main/shared/run-summary-types.ts';
import { InterpreterLabel } from '../../components/badges.tsx';
import { baseName } from '../../logic/format.ts';

// A, B, C, D by position (A is the baseline).
export function runLetter(index: number): string {
  return String.fromCharCode(65 + index);
}

// The short heading of a compared run; `onOpen` links to its run detail.
export function RunHeading(props: { run: RunSummary; index: number; onOpen?: (runId: number) => void }) {
  const { run } = props;
  return (
    <span className="run-heading">
      <span className={`run-letter run-letter-${props.index}`}>{runLetter(props.index)}</span>
      {props.onOpen ? (
        <button type="button" className="link" onClick={() => props.onOpen?.(run.runId)} title="Open the run">
          #{run.runId}
        </button>
      ) : (
        <span>#{run.runId}</span>
      )}{' '}
      <span className="mono" title={run.script}>
        {run.label ?? baseName(run.script)}
      </span>{' '}
      <InterpreterLabel interpreter={run.interpreter} />{' '}
      <span className="muted">
        GIL {run.gilMode}
        {run.gilEnabled === null ? '' : run.gilEnabled ? ' (enabled)' : ' (disabled)'}
      </span>
    </span>
  );
}
