// The failure of a request a view waits for, as one error notice; nothing while it loads or once it answered.
import type { RequestState } from '../api/use-request.ts';
import { Notice } from './notice.tsx';

/** `title` says what could not be had ("Could not list runs:"); the request's message follows it. */
export function RequestError(props: { state: RequestState<unknown>; title: string; testId?: string }) {
  if (props.state.kind !== 'error') return null;
  return (
    <Notice tone="error" title={props.title} testId={props.testId}>
      {props.state.message}
    </Notice>
  );
}
