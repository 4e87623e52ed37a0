// The contract over one WebSocket connection (protocol in README.md): requests with ids are answered by
// the service (which validates payloads), events are pushed to every open connection.
import type { WebSocket } from 'ws';
import type { GilscopeService } from '../app-service/gilscope-service.ts';
import { isEventChannel } from '../shared/api-contract.ts';

/** client → server */
interface RequestMessage {
  type: 'request';
  id: number;
  channel: string;
  payload?: unknown;
}

/** server → client */
export type ServerMessage =
  | { type: 'response'; id: number; ok: true; result: unknown }
  | { type: 'response'; id: number; ok: false; error: string }
  | { type: 'event'; event: string; payload: unknown };

function parseRequest(data: string): RequestMessage | null {
  try {
    const message = JSON.parse(data) as Partial<RequestMessage> | null;
    if (message?.type !== 'request' || !Number.isSafeInteger(message.id) || typeof message.channel !== 'string')
      return null;
    return message as RequestMessage;
  } catch {
    return null;
  }
}

// Serves the contract on `socket` until it closes.
export function bridgeSocket(socket: WebSocket, service: GilscopeService): void {
  const send = (message: ServerMessage): void => {
    if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message));
  };
  const unsubscribe = service.onAny((event, payload) => {
    if (isEventChannel(event)) send({ type: 'event', event, payload });
  });
  socket.on('close', unsubscribe);
  socket.on('message', (data, isBinary) => {
    const request = isBinary ? null : parseRequest(data.toString());
    // A frame that is not a request cannot be answered by id: the connection is closed (policy violation).
    if (!request) return socket.close(1008, 'expected {"type":"request","id":N,"channel":"…"}');
    service.request(request.channel, request.payload).then(
      (result) => send({ type: 'response', id: request.id, ok: true, result: result ?? null }),
      (error: unknown) =>
        send({
          type: 'response',
          id: request.id,
          ok: false,
          error: error instanceof Error ? error.message : String(error),
        }),
    );
  });
}
