// A small horizontal stacked bar of state fractions (one per table row, so a few divs are fine).
import type { StateFractions } from '../../../main/shared/run-summary-types.ts';
import { formatPercent } from '../logic/format.ts';
import { stateColors, stateLabels, stateOrder } from '../logic/thread-states.ts';

// The bar with a tooltip listing every state's share.
export function StateBar(props: { states: StateFractions }) {
  const title = stateOrder.map((s) => `${stateLabels[s]} ${formatPercent(props.states[s])}`).join(' · ');
  return (
    <div className="state-bar" title={title} aria-label={title}>
      {stateOrder.map((state) =>
        props.states[state] > 0 ? (
          <span key={state} style={{ width: `${props.states[state] * 100}%`, background: stateColors[state] }} />
        ) : null,
      )}
    </div>
  );
}
