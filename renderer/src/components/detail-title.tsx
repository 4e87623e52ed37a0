// A detail view's title: "Run #3 · name [status]", the name and status once the item has loaded.
import type { ReactNode } from 'react';

/** `id` labels the view's section (aria-labelledby); `name` and `badge` are left out while they are unknown. */
export function DetailTitle(props: { id: string; heading: string; name: string | null; badge: ReactNode }) {
  return (
    <h2 id={props.id}>
      {props.heading}
      {props.name !== null && (
        <>
          {' '}
          · <span className="mono">{props.name}</span> {props.badge}
        </>
      )}
    </h2>
  );
}
