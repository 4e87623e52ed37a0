// The box that follows the pointer over the timeline: the bin's time span, then the GIL row's held and
// contention shares or a thread's CPU and state shares (largest first, zero shares left out).
import type { TimelineHit, TimelineHover } from '../logic/timeline-hit.ts';
import { formatPercent } from '../logic/format.ts';
import { STATE_ORDER, stateColor, stateLabel } from '../../../main/shared/thread-state-style.ts';

function spanLabel(hit: TimelineHit): string {
  const digits = hit.toNs - hit.fromNs < 10e6 ? 4 : 3;
  return `${(hit.fromNs / 1e9).toFixed(digits)}–${(hit.toNs / 1e9).toFixed(digits)} s`;
}

// `left`/`top`: where to put the box, in pixels inside the positioned timeline wrapper.
export function TimelineTooltip(props: TimelineHover) {
  const { hit } = props;
  return (
    <div
      className="chart-tooltip"
      data-testid="timeline-tooltip"
      role="tooltip"
      style={{ left: props.left, top: props.top }}
    >
      {hit.row === 'gil' ? (
        <>
          <div className="tooltip-title">GIL · {spanLabel(hit)}</div>
          {hit.known ? (
            <>
              <div>held {formatPercent(hit.held)} of ticks</div>
              <div>contention {formatPercent(hit.contention)} of ticks</div>
            </>
          ) : (
            <div className="muted">GIL not readable here</div>
          )}
        </>
      ) : (
        <>
          <div className="tooltip-title">
            {hit.name} <span className="muted">({hit.tid})</span> · {spanLabel(hit)}
          </div>
          {hit.samples === 0 ? (
            <div className="muted">not sampled in this bin</div>
          ) : (
            <>
              <div>
                CPU {formatPercent(hit.cpu)} of a core · {hit.samples} samples
              </div>
              <ul className="tooltip-states">
                {[...STATE_ORDER]
                  .filter((state) => hit.states[state] > 0)
                  .sort((a, b) => hit.states[b] - hit.states[a])
                  .map((state) => (
                    <li key={state}>
                      <span className="swatch" style={{ background: stateColor(state) }} />
                      {stateLabel(state)} {formatPercent(hit.states[state])}
                    </li>
                  ))}
              </ul>
            </>
          )}
        </>
      )}
    </div>
  );
}
