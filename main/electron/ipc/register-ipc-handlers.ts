// One place that registers every domain's handlers, so main/index.ts stays lifecycle-only.
import { registerAppHandlers } from './register-app-handlers.ts';

// Registers the handlers of all domains. Call once after app ready, before the first window loads.
export function registerIpcHandlers(): void {
  registerAppHandlers();
}
