import fs from 'node:fs';
import path from 'node:path';
import { RUN_EXPORT_FORMATS, exportRun, type RunExportFormat } from '../../engine/export/export-run.ts';
import { CliError, usageError } from '../cli-error.ts';
import { defaultDatabaseFile } from '../default-database.ts';
import { openReader } from '../open-reader.ts';
import { parseOptions } from '../parse-options.ts';

/** `gilscope export RUN --format collapsed|speedscope [-o FILE] [--db FILE]`: stdout unless -o. */
export async function exportCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseOptions(args, {
    format: { type: 'string' },
    output: { type: 'string', short: 'o' },
    db: { type: 'string' },
  });
  if (positionals.length !== 1) throw usageError('export needs exactly one RUN id');
  const runId = Number(positionals[0]);
  if (!Number.isInteger(runId) || runId <= 0) throw usageError(`RUN must be a run id (a positive whole number), got "${positionals[0]}"`);
  const format = values.format as RunExportFormat | undefined;
  if (!format || !RUN_EXPORT_FORMATS.includes(format)) {
    throw usageError(`--format must be one of ${RUN_EXPORT_FORMATS.join(', ')}${values.format ? `, got "${values.format}"` : ''}`);
  }
  const dbFile = path.resolve(values.db ?? defaultDatabaseFile());
  const { store, reader } = openReader(dbFile);
  let text: string | null;
  try {
    text = exportRun(reader, runId, format);
  } finally {
    store.close();
  }
  if (text === null) throw new CliError(`no run ${runId} in ${dbFile}`);
  if (values.output === undefined) {
    process.stdout.write(text);
    return 0;
  }
  try {
    fs.writeFileSync(values.output, text);
  } catch (error) {
    throw new CliError(`cannot write ${values.output}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  return 0;
}
