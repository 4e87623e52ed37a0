// One place that registers every domain's handlers, so main/index.ts stays lifecycle-only.
import type { GilscopeService } from '../../app-service/gilscope-service.ts';
import { registerAppHandlers } from './register-app-handlers.ts';
import { registerDialogHandlers } from './register-dialog-handlers.ts';
import { registerExportHandlers } from './register-export-handlers.ts';
import { registerServiceHandlers } from './register-service-handlers.ts';

// Registers the handlers of all domains. Call once after app ready, before the first window loads.
export function registerIpcHandlers(service: GilscopeService): void {
  registerAppHandlers();
  registerDialogHandlers();
  registerExportHandlers(service);
  registerServiceHandlers(service);
}
