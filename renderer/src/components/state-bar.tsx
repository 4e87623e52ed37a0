// A small horizontal stacked bar of state fractions (one per table row, so a few divs are fine).
import { formatPercent } from '../logic/format.ts';
import { STATE_ORDER, stateColor, stateLabel } from '../../../main/shared/thread-state-style.ts';
import type { StateFractions } from '../../../main/shared/vocabulary.ts';

// The bar with a tooltip listing every state's share.
export function StateBar(props: { states: StateFractions }) {
  const title = STATE_ORDER.map((s) => `${stateLabel(s)} ${formatPercent(props.states[s])}`).join(' · ');
  return (
    <div className="state-bar" title={title} aria-label={title}>
      {STATE_ORDER.map((state) =>
        props.states[state] > 0 ? (
          <span key={state} style={{ width: `${props.states[state] * 100}%`, background: stateColor(state) }} />
        ) : null,
      )}
    </div>
  );
}
