/// <reference types="electron-vite/node" />
// The app service as Electron runs it: the same database as the CLI, the query worker from the bundle.
import { app } from 'electron';
import { GilscopeService } from '../app-service/gilscope-service.ts';
import queryWorkerPath from '../app-service/query-worker.ts?modulePath';
import samplerWorkerPath from '../app-service/sampler-worker-entry.ts?modulePath';
import { defaultDatabaseFile } from '../shared-node/default-database.ts';

// Creates the service for this app instance (one database: $GILSCOPE_DB or the XDG data folder).
export function createAppService(): GilscopeService {
  return new GilscopeService({
    dbFile: defaultDatabaseFile(),
    host: 'electron',
    // The Electron IPC layer passes only paths chosen in the native Save dialog (register-export-handlers.ts).
    allowExportPaths: true,
    version: app.getVersion(),
    queryWorkerUrl: queryWorkerPath,
    samplerWorkerUrl: samplerWorkerPath,
  });
}
