// Handlers for the `app:*` requests: facts about the application itself.
import { app } from 'electron';
import { requestSchemas } from '../../app-service/request-schemas.ts';
import { handle } from './handle.ts';

// Registers every `app:*` request. Call once after app ready.
export function registerAppHandlers(): void {
  handle('app:version', requestSchemas['app:version'], () => ({
    version: app.getVersion(),
    host: 'electron',
    nativeDialogs: true,
  }));
}
