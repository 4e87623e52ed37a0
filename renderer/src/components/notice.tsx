// An inline message box: errors with their cause, warnings, or information.
import type { ReactNode } from 'react';

// Tone decides the colour; role=alert for errors so screen readers announce them.
export function Notice(props: {
  tone: 'error' | 'warning' | 'info';
  title?: string;
  children: ReactNode;
  testId?: string;
}) {
  return (
    <div
      className={`notice notice-${props.tone}`}
      role={props.tone === 'error' ? 'alert' : 'status'}
      data-testid={props.testId}
    >
      {props.title && <strong>{props.title} </strong>}
      {props.children}
    </div>
  );
}
