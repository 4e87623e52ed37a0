// The answer first: is the GIL what holds this run's threads back, and would free-threaded Python help?
// The verdict comes with the summary (main/shared/gil-verdict.ts); this only lays it out.
import type { GilVerdictKind, RunSummary } from '../../../../main/shared/run-summary-types.ts';

// GIL-bound runs are the ones to act on; the rest say what limits them instead.
const tone: Record<GilVerdictKind, 'gil' | 'partly' | 'other'> = {
  'gil-bound': 'gil',
  'partly-gil-bound': 'partly',
  'single-threaded': 'other',
  'cpu-bound': 'other',
  'lock-bound': 'other',
  'mostly-waiting': 'other',
  parallel: 'other',
  'no-gil': 'other',
  unknown: 'other',
};

// `onMeasure` opens an experiment (GIL on vs off) for the same script; offered when the GIL is at least part of the story.
export function VerdictPanel(props: { summary: RunSummary; onMeasure?: () => void }) {
  const { verdict } = props.summary;
  const offerExperiment = props.onMeasure && (verdict.kind === 'gil-bound' || verdict.kind === 'partly-gil-bound');
  return (
    <div className={`verdict verdict-${tone[verdict.kind]}`} data-testid="verdict" data-kind={verdict.kind} role="status">
      <div className="verdict-text">
        <strong data-testid="verdict-headline">{verdict.headline}</strong>
        {verdict.details.length > 0 && (
          <ul>
            {verdict.details.map((line, i) => (
              <li key={i}>{line}</li>
            ))}
          </ul>
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
