import path from 'node:path';
import { ComparisonError, loadComparison } from '../../engine/compare/load-comparison.ts';
import type { ComparisonView } from '../../shared/compare-types.ts';
import { CliError, usageError } from '../cli-error.ts';
import { defaultDatabaseFile } from '../../shared-node/default-database.ts';
import { openReader } from '../open-reader.ts';
import { parseOptions } from '../parse-options.ts';
import { printComparison } from '../print-comparison.ts';
import { parseRunId } from '../parse-run-ids.ts';

/** `gilscope compare RUN RUN… [--json] [--db FILE]`: 2–4 runs side by side, the first as the baseline. */
export async function compareCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseOptions(args, { db: { type: 'string' }, json: { type: 'boolean' } });
  const runIds = positionals.map((text) => parseRunId(text));
  const dbFile = path.resolve(values.db ?? defaultDatabaseFile());
  const { store, reader } = openReader(dbFile);
  let view: ComparisonView;
  try {
    view = loadComparison(reader, runIds);
  } catch (error) {
    if (!(error instanceof ComparisonError)) throw error;
    throw error.message.startsWith('no run')
      ? new CliError(`${error.message} in ${dbFile}`)
      : usageError(error.message);
  } finally {
    store.close();
  }
  if (values.json) process.stdout.write(`${JSON.stringify(view)}\n`);
  else printComparison(view, process.stdout);
  return 0;
}
