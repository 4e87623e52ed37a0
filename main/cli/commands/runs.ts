import path from 'node:path';
import { CliError } from '../cli-error.ts';
import { defaultDatabaseFile } from '../../shared-node/default-database.ts';
import { formatTable } from '../format-table.ts';
import { openReader } from '../open-reader.ts';
import { parseOptions } from '../parse-options.ts';

/** `gilscope runs [--db FILE] [--json]`: every stored run, newest first. */
export async function runsCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseOptions(args, { db: { type: 'string' }, json: { type: 'boolean' } });
  if (positionals.length > 0) throw new CliError(`runs takes no arguments, got ${positionals.join(' ')}`, 2);
  const { store, reader } = openReader(path.resolve(values.db ?? defaultDatabaseFile()));
  try {
    const runs = reader.listRuns();
    if (values.json) {
      process.stdout.write(`${JSON.stringify({ schemaVersion: 1, runs })}\n`);
      return 0;
    }
    const rows = runs.map((run) => [
      String(run.id),
      run.createdAt.replace('T', ' ').replace(/\.\d+Z$/, 'Z'),
      run.status,
      run.interpreter ? run.interpreter.version + (run.interpreter.freeThreaded ? 't' : '') : '?',
      run.gilMode,
      run.wallNs === null ? '–' : (run.wallNs / 1e9).toFixed(2),
      run.label ? `${run.script} [${run.label}]` : run.script,
    ]);
    process.stdout.write(
      rows.length
        ? formatTable(['RUN', 'CREATED', 'STATUS', 'PYTHON', 'GIL', 'WALL s', 'SCRIPT'], rows)
        : 'No runs stored yet.\n',
    );
    return 0;
  } finally {
    store.close();
  }
}
