// "Where threads wait for the GIL": per thread the frames it waited in, and what the GIL holder was
// running meanwhile — straight from the run summary.
import type { FrameShare, RunSummary } from '../../../../main/shared/run-summary-types.ts';
import { EmptyState } from '../../components/empty-state.tsx';
import { formatPercent } from '../../logic/format.ts';
import { SourceLink } from './source-link.tsx';

type OpenSource = (file: string, line: number) => void;

function FrameList(props: { frames: FrameShare[]; limit: number; onOpenSource: OpenSource }) {
  return (
    <ol className="frames">
      {props.frames.slice(0, props.limit).map((f, i) => (
        <li key={i}>
          <span className="num share-num">{formatPercent(f.fraction)}</span> <span className="mono">{f.function}</span>{' '}
          <span className="mono muted">
            <SourceLink file={f.file} line={f.line} onOpen={props.onOpenSource} />
          </span>
        </li>
      ))}
    </ol>
  );
}

// Threads with some GIL wait, most waiting first.
// `ranged`: the summary covers a selected range of the run, not all of it.
// `onOpenSource` opens a frame's file at its line.
export function GilWaitPanel(props: { summary: RunSummary; ranged?: boolean; onOpenSource: OpenSource }) {
  const waiting = props.summary.threads
    .filter((t) => t.states.gilWait > 0)
    .sort((a, b) => b.states.gilWait - a.states.gilWait);
  return (
    <div className="panel" data-testid="gil-wait-panel">
      <div className="panel-title">
        <h3>Where threads wait for the GIL{props.ranged ? ' (selected range)' : ''}</h3>
      </div>
      {waiting.length === 0 ? (
        <EmptyState title="No thread waited for the GIL">
          <p>
            {props.summary.gil
              ? 'Every sample found the GIL free or held by the thread that wanted it.'
              : 'The GIL state could not be read in this run.'}
          </p>
        </EmptyState>
      ) : (
        <div className="gil-wait-grid">
          <div>
            {waiting.map((t) => (
              <div key={t.tid} className="gil-thread">
                <h4>
                  {t.name}{' '}
                  <span className="muted">
                    waited {formatPercent(t.states.gilWait)} of {props.ranged ? 'its time in the range' : 'its life'}
                  </span>
                </h4>
                {t.gilWaitFrames.length > 0 ? (
                  <FrameList frames={t.gilWaitFrames} limit={5} onOpenSource={props.onOpenSource} />
                ) : (
                  <p className="muted">No stacks recorded.</p>
                )}
              </div>
            ))}
          </div>
          <div>
            <h4>While others waited, the GIL holder was running…</h4>
            {props.summary.gilHolderFrames.length > 0 ? (
              <FrameList frames={props.summary.gilHolderFrames} limit={10} onOpenSource={props.onOpenSource} />
            ) : (
              <p className="muted">No holder stacks recorded.</p>
            )}
          </div>
        </div>
      )}
    </div>
  );
}
