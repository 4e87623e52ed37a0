// The answer first: is the GIL what holds this run's threads back, and would free-threaded Python help?
// The verdict comes with the summary (main/shared/gil-verdict.ts); this only lays it out, with one line on
// how busy other programs kept the machine meanwhile (main/shared/machine-load-note.ts).
import { verdictTone } from '../../../../main/shared/gil-verdict.ts';
import { BUSY_MACHINE_CORES, machineLoadSentence } from '../../../../main/shared/machine-load-note.ts';
import type { RunSummary } from '../../../../main/shared/run-summary-types.ts';

// `onMeasure` opens an experiment (GIL on vs off) for the same script; offered when the GIL is at least part of the story.
export function VerdictPanel(props: { summary: RunSummary; onMeasure?: () => void }) {
  const { verdict, machineLoad } = props.summary;
  const offerExperiment = props.onMeasure && verdictTone(verdict.kind) !== 'other';
  return (
    <div
      className={`verdict verdict-${verdictTone(verdict.kind)}`}
      data-testid="verdict"
      data-kind={verdict.kind}
      role="status"
    >
      <div className="verdict-text">
        <strong data-testid="verdict-headline">{verdict.headline}</strong>
        {verdict.details.length > 0 && (
          <ul>
            {verdict.details.map((line, i) => (
              <li key={i}>{line}</li>
            ))}
          </ul>
        )}
        {machineLoad && (
          <p
            className="muted machine-load"
            data-testid="machine-load"
            data-other-cores={machineLoad.otherCores}
            data-busy={machineLoad.otherCores >= BUSY_MACHINE_CORES}
          >
            {machineLoadSentence(machineLoad)}
          </p>
        )}
      </div>
      {offerExperiment && (
        <button type="button" data-testid="verdict-measure" onClick={props.onMeasure}>
          Measure GIL on vs off…
        </button>
      )}
    </div>
  );
}
