// A change a list view asks of the backend (rename, delete): the list reloads after it, and a refusal or a
// failure becomes the one error line the view shows above the list.
import { useState } from 'react';
import { errorMessage } from './use-request.ts';

/** `act(request, refusal)`: runs the request, shows `refusal` when it answers not ok, then calls `reload`. */
export function useListAction(reload: () => void): {
  actionError: string | null;
  act: (request: () => Promise<{ ok: boolean }>, refusal: string) => Promise<void>;
} {
  const [actionError, setActionError] = useState<string | null>(null);
  const act = async (request: () => Promise<{ ok: boolean }>, refusal: string) => {
    try {
      const { ok } = await request();
      if (!ok) setActionError(refusal);
      reload();
    } catch (error) {
      setActionError(errorMessage(error));
    }
  };
  return { actionError, act };
}
