// Helpers for the app-service tests: a service over a fresh temp database, and a way to profile a
// tiny script through it and wait for its end event.
import fs from 'node:fs';
import path from 'node:path';
import { GilscopeService } from '../../main/app-service/gilscope-service.ts';
import type { ApiEvents, ProfileStartRequest } from '../../main/shared/api-contract.ts';
import { makeTempDir } from '../support/profile-fixture.ts';
import { pyenvPython } from '../support/spawn-python.ts';

/** The interpreter the app tests profile with. */
export const PYTHON = pyenvPython('3.12.1');

/** A service on a new, empty data folder, configured as the browser host's (no export paths) unless told otherwise. */
export function newService(options: { allowExportPaths?: boolean } = {}): {
  service: GilscopeService;
  dir: string;
  dbFile: string;
} {
  const dir = makeTempDir('app');
  const dbFile = path.join(dir, 'runs.sqlite');
  return {
    service: new GilscopeService({
      dbFile,
      host: 'browser',
      version: 'test',
      allowExportPaths: options.allowExportPaths ?? false,
    }),
    dir,
    dbFile,
  };
}

/** Writes `source` to DIR/NAME and returns a profile:start request for it. */
export function scriptRequest(
  dir: string,
  name: string,
  source: string,
  extra: Partial<ProfileStartRequest> = {},
): ProfileStartRequest {
  const script = path.join(dir, name);
  fs.writeFileSync(script, source);
  return {
    script,
    args: [],
    cwd: null,
    python: PYTHON,
    gilMode: 'default',
    rateHz: 200,
    durationSeconds: null,
    ...extra,
  };
}

/** Profiles through the service; resolves with the run id and every event it published for that run. */
export async function profileThrough(
  service: GilscopeService,
  request: ProfileStartRequest,
  onStarted: (runId: number) => void = () => {},
): Promise<{
  runId: number;
  progress: ApiEvents['profile:progress'][];
  output: string;
  ended: ApiEvents['profile:ended'];
}> {
  const progress: ApiEvents['profile:progress'][] = [];
  let output = '';
  let runId = -1;
  let resolveEnded: (payload: ApiEvents['profile:ended']) => void = () => {};
  const ended = new Promise<ApiEvents['profile:ended']>((resolve) => (resolveEnded = resolve));
  const unsubscribe = service.onAny((event, payload) => {
    if (event === 'profile:progress') progress.push(payload as ApiEvents['profile:progress']);
    if (event === 'profile:output') output += (payload as ApiEvents['profile:output']).text;
    if (event === 'profile:ended') resolveEnded(payload as ApiEvents['profile:ended']);
  });
  try {
    const started = await service.call('profile:start', request);
    if (started.kind !== 'started') throw new Error(`refused: ${started.message}`);
    runId = started.runId;
    onStarted(runId);
    const end = await ended;
    return { runId, progress: progress.filter((p) => p.runId === runId), output, ended: end };
  } finally {
    unsubscribe();
  }
}
