// Small labels: interpreter with its free-threaded badge, and run status.
import type { RunStatus } from '../../../main/shared/vocabulary.ts';

// "3.13.1" plus a "free-threaded" badge where it applies.
export function InterpreterLabel(props: { interpreter: { version: string; freeThreaded: boolean } | null }) {
  if (!props.interpreter) return <span className="muted">unknown</span>;
  return (
    <span className="interp">
      Python {props.interpreter.version}
      {props.interpreter.freeThreaded && (
        <span className="badge badge-ft" title="Free-threaded build (PEP 703)">
          free-threaded
        </span>
      )}
    </span>
  );
}

// A coloured status pill.
export function StatusBadge(props: { status: RunStatus }) {
  return <span className={`badge status-${props.status}`}>{props.status}</span>;
}
