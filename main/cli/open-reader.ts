import fs from 'node:fs';
import { openRunStore, type RunStore } from '../engine/store/open-database.ts';
import { createRunReader, type RunReader } from '../engine/store/run-reader.ts';
import { StoreError } from '../engine/store/store-error.ts';
import { CliError } from './cli-error.ts';

/** Opens a run database for reading, with store errors turned into one-line CLI errors. */
export function openReader(dbFile: string): { store: RunStore; reader: RunReader } {
  if (!fs.existsSync(dbFile))
    throw new CliError(`no run database at ${dbFile} (profile a script first, or pass --db FILE)`);
  try {
    const store = openRunStore(dbFile, { readonly: true });
    return { store, reader: createRunReader(store) };
  } catch (error) {
    if (error instanceof StoreError) throw new CliError(error.message);
    throw error;
  }
}
