// The legend for thread-state colours, shared by the live lanes, the timeline and the thread table.
import { STATE_ORDER, stateColor, stateLabel } from '../../../main/shared/thread-state-style.ts';

// One swatch per state, in drawing order; `extra` adds series such as "GIL held".
export function StateLegend(props: { extra?: ReadonlyArray<{ label: string; color: string }> }) {
  return (
    <ul className="legend" aria-label="Thread state colours">
      {STATE_ORDER.map((state) => (
        <li key={state}>
          <span className="swatch" style={{ background: stateColor(state) }} />
          {stateLabel(state)}
        </li>
      ))}
      {props.extra?.map((item) => (
        <li key={item.label}>
          <span className="swatch swatch-line" style={{ background: item.color }} />
          {item.label}
        </li>
      ))}
    </ul>
  );
}
