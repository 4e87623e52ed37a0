// The only way main answers the renderer. GitHub Desktop's rule: every handler checks its sender and
// every payload is validated before it can reach a spawn, a file path or SQL.
import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import type { z } from 'zod';
import type { RequestChannel, RequestOf, ResponseOf } from '../../shared/api-contract.ts';
import { describeIssues } from '../../app-service/request-schemas.ts';
import { isAppUrl } from '../app-origin.ts';

// What a handler gets: the payload already validated, and the raw event for rare needs (the sender window).
export type RequestHandler<C extends RequestChannel> = (
  payload: RequestOf<C>,
  event: IpcMainInvokeEvent,
) => ResponseOf<C> | Promise<ResponseOf<C>>;

// Registers `handler` for `channel`. Requests from frames not served by gilscope-app://app are
// rejected, as are payloads `schema` refuses; the error names the channel and each bad field.
export function handle<C extends RequestChannel>(
  channel: C,
  schema: z.ZodType<RequestOf<C>>,
  handler: RequestHandler<C>,
): void {
  ipcMain.handle(channel, async (event, rawPayload: unknown) => {
    const frameUrl = event.senderFrame?.url ?? '';
    if (!isAppUrl(frameUrl)) {
      throw new Error(`IPC ${channel}: refused, sender frame ${JSON.stringify(frameUrl)} is not the app`);
    }
    const parsed = schema.safeParse(rawPayload);
    if (!parsed.success) {
      throw new Error(`IPC ${describeIssues(channel, parsed.error)}`);
    }
    return handler(parsed.data, event);
  });
}
