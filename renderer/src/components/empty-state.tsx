// A centred message for "nothing here yet", with an optional action.
import type { ReactNode } from 'react';

// Shows a title, an explanation and optionally a button or link.
export function EmptyState(props: { title: string; children?: ReactNode; testId?: string }) {
  return (
    <div className="empty-state" data-testid={props.testId}>
      <h3>{props.title}</h3>
      {props.children}
    </div>
  );
}
