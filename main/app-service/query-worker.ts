// Worker thread that answers the long read queries (run-queries.ts) over its own read-only connection,
// so timeline binning and flame graphs of hour-long runs never block the Electron main thread or the
// browser host's event loop. Protocol: in { id, job }, out { id, ok: true, value } | { id, ok: false, message }.
import { parentPort, workerData } from 'node:worker_threads';
import { openRunStore, type RunStore } from '../engine/store/open-database.ts';
import { createRunReader, type RunReader } from '../engine/store/run-reader.ts';
import { StoreError } from '../engine/store/store-error.ts';
import { createExperimentReader, type ExperimentReader } from '../engine/experiment/experiment-store.ts';
import { cachingReader } from './cached-reader.ts';
import { runQuery, type QueryJob } from './run-queries.ts';

/** What the worker is started with. */
export interface QueryWorkerData {
  dbFile: string;
}

/** A message to the worker. */
export interface QueryRequestMessage {
  id: number;
  job: QueryJob;
}

/** The worker's answer to one message. */
export type QueryResponseMessage =
  { id: number; ok: true; value: unknown } | { id: number; ok: false; message: string };

const { dbFile } = workerData as QueryWorkerData;
let open: { store: RunStore; reader: RunReader; experiments: ExperimentReader } | null = null;

/** The reader, opened on first use; null while the database does not exist yet (no run recorded). */
function reader(): RunReader | null {
  if (open) return open.reader;
  try {
    const store = openRunStore(dbFile, { readonly: true });
    open = { store, reader: cachingReader(createRunReader(store)), experiments: createExperimentReader(store) };
    return open.reader;
  } catch (error) {
    if (error instanceof StoreError && error.kind === 'missing') return null;
    throw error;
  }
}

parentPort?.on('message', ({ id, job }: QueryRequestMessage) => {
  const answer = async (): Promise<QueryResponseMessage> => {
    try {
      const current = reader();
      const value = current ? await runQuery(current, job, open?.experiments) : null;
      return { id, ok: true, value };
    } catch (error) {
      return { id, ok: false, message: error instanceof Error ? error.message : String(error) };
    }
  };
  void answer().then((response) => parentPort?.postMessage(response));
});
