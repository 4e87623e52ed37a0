import path from 'node:path';
import { loadRunSummary } from '../../engine/analysis/run-summary.ts';
import { CliError, usageError } from '../cli-error.ts';
import { defaultDatabaseFile } from '../../shared-node/default-database.ts';
import { openReader } from '../open-reader.ts';
import { parseOptions } from '../parse-options.ts';
import { parseRunId } from '../parse-run-ids.ts';
import { printSummary } from '../print-summary.ts';

/** `gilscope show RUN [--db FILE] [--json]`: one run's summary (also while it is being recorded). */
export async function showCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseOptions(args, { db: { type: 'string' }, json: { type: 'boolean' } });
  if (positionals.length !== 1) throw usageError('show needs exactly one RUN id');
  const runId = parseRunId(positionals[0]);
  const dbFile = path.resolve(values.db ?? defaultDatabaseFile());
  const { store, reader } = openReader(dbFile);
  try {
    const summary = loadRunSummary(reader, runId);
    if (!summary) throw new CliError(`no run ${runId} in ${dbFile}`);
    if (values.json) process.stdout.write(`${JSON.stringify(summary)}\n`);
    else printSummary(summary, process.stdout);
    return 0;
  } finally {
    store.close();
  }
}
