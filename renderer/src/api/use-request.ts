// React hooks over the API: a request with loading/error state, and an event subscription.
import { useCallback, useEffect, useRef, useState } from 'react';
import type {
  ApiEvents,
  EventChannel,
  RequestChannel,
  RequestOf,
  ResponseOf,
} from '../../../main/shared/api-contract.ts';
import { getApi } from './get-api.ts';

// Where a request stands; `data` survives a reload so views do not flash empty.
export type RequestState<T> =
  { kind: 'loading'; data: T | null } | { kind: 'ok'; data: T } | { kind: 'error'; message: string; data: T | null };

// The message of anything thrown, for showing in the app.
export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}

// Runs `channel` with `payload` whenever `key` changes (null = do not run); `reload` repeats it.
export function useRequest<C extends RequestChannel>(
  channel: C,
  payload: RequestOf<C>,
  key: string | null,
): RequestState<ResponseOf<C>> & { reload: () => void } {
  const [state, setState] = useState<RequestState<ResponseOf<C>>>({ kind: 'loading', data: null });
  const [generation, setGeneration] = useState(0);
  const payloadRef = useRef(payload);
  payloadRef.current = payload;
  useEffect(() => {
    if (key === null) return;
    let cancelled = false;
    setState((prev) => ({ kind: 'loading', data: prev.data }));
    getApi()
      .request(channel, payloadRef.current)
      .then(
        (data) => !cancelled && setState({ kind: 'ok', data }),
        (error: unknown) =>
          !cancelled && setState((prev) => ({ kind: 'error', message: errorMessage(error), data: prev.data })),
      );
    return () => {
      cancelled = true;
    };
  }, [channel, key, generation]);
  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  return { ...state, reload };
}

// Subscribes to `event` for the component's lifetime; the latest `listener` is always called.
export function useEvent<E extends EventChannel>(event: E, listener: (payload: ApiEvents[E]) => void): void {
  const ref = useRef(listener);
  ref.current = listener;
  useEffect(() => getApi().on(event, (payload) => ref.current(payload)), [event]);
}
