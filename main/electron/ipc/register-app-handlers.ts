// Handlers for the `app:*` requests: facts about the application itself.
import { app } from 'electron';
import { z } from 'zod';
import { handle } from './handle.ts';

// Registers every `app:*` request. Call once after app ready.
export function registerAppHandlers(): void {
  handle('app:version', z.undefined(), () => ({ version: app.getVersion(), host: 'electron', nativeDialogs: true }));
}
