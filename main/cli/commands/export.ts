import fs from 'node:fs';
import path from 'node:path';
import { createExperimentReader } from '../../engine/experiment/experiment-store.ts';
import { ExportError, exportTarget } from '../../engine/export/export-target.ts';
import { EXPORT_FORMATS, type ExportFormat } from '../../shared/export-formats.ts';
import type { ExportTarget } from '../../shared/compare-types.ts';
import { CliError, usageError } from '../cli-error.ts';
import { defaultDatabaseFile } from '../../shared-node/default-database.ts';
import { openReader } from '../open-reader.ts';
import { parseNumberOption, parseOptions } from '../parse-options.ts';
import { parseRunId, parseRunIdList } from '../parse-run-ids.ts';

/**
 * `gilscope export RUN|--compare RUN,RUN|--experiment ID --format FORMAT [-o FILE] [--timeline] [--bins N] [--db FILE]`:
 * stdout unless -o. `--timeline` (csv of a run): the binned timeline instead of the per-thread table.
 */
export async function exportCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseOptions(args, {
    format: { type: 'string' },
    output: { type: 'string', short: 'o' },
    db: { type: 'string' },
    compare: { type: 'string' },
    experiment: { type: 'string' },
    timeline: { type: 'boolean' },
    bins: { type: 'string' },
  });
  const targets = [positionals.length > 0, values.compare !== undefined, values.experiment !== undefined].filter(
    Boolean,
  ).length;
  if (targets !== 1 || positionals.length > 1)
    throw usageError('export needs exactly one of: a RUN id, --compare RUN,RUN…, --experiment ID');
  const target: ExportTarget =
    values.compare !== undefined
      ? { kind: 'compare', runIds: parseRunIdList(values.compare) }
      : values.experiment !== undefined
        ? { kind: 'experiment', experimentId: parseRunId(values.experiment, 'experiment ID') }
        : { kind: 'run', runId: parseRunId(positionals[0]) };
  const format = values.format as ExportFormat | undefined;
  if (!format || !(EXPORT_FORMATS as readonly string[]).includes(format)) {
    throw usageError(
      `--format must be one of ${EXPORT_FORMATS.join(', ')}${values.format ? `, got "${values.format}"` : ''}`,
    );
  }
  if (values.timeline && (format !== 'csv' || target.kind !== 'run'))
    throw usageError('--timeline applies to --format csv of a single run');
  const bins = values.bins === undefined ? undefined : parseNumberOption('bins', values.bins, 0);
  if (bins !== undefined && (!Number.isInteger(bins) || bins > 100_000))
    throw usageError(`--bins must be a whole number up to 100000, got "${values.bins}"`);

  const dbFile = path.resolve(values.db ?? defaultDatabaseFile());
  const { store, reader } = openReader(dbFile);
  let content: string | Uint8Array;
  try {
    content = (
      await exportTarget({ runs: reader, experiments: createExperimentReader(store) }, target, format, {
        timeline: values.timeline === true,
        bins,
      })
    ).content;
  } catch (error) {
    if (error instanceof ExportError)
      throw new CliError(error.message.startsWith('no ') ? `${error.message} in ${dbFile}` : error.message);
    throw error;
  } finally {
    store.close();
  }
  if (values.output === undefined) {
    process.stdout.write(content);
    return 0;
  }
  try {
    fs.writeFileSync(values.output, content);
  } catch (error) {
    throw new CliError(
      `cannot write ${values.output}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    );
  }
  return 0;
}
