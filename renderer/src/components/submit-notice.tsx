// Where a form's start request stands, and the line that says why it did not start.
import { Notice } from './notice.tsx';

/** Idle, waiting for the answer, or refused by the backend / failed on the way (with the message to show). */
export type SubmitState = { kind: 'idle' | 'busy' } | { kind: 'refused' | 'error'; message: string };

/** The refusal or error of a start request, inline; test ids are `PREFIX-refused` and `PREFIX-error`. */
export function SubmitNotice(props: { submit: SubmitState; testIdPrefix: string }) {
  const { submit } = props;
  if (submit.kind === 'refused')
    return (
      <Notice tone="error" title="Refused:" testId={`${props.testIdPrefix}-refused`}>
        {submit.message}
      </Notice>
    );
  if (submit.kind === 'error')
    return (
      <Notice tone="error" title="Could not start:" testId={`${props.testIdPrefix}-error`}>
        {submit.message}
      </Notice>
    );
  return null;
}
