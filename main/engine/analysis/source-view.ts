// The source view of one file of a run: its text (as stored when the run ended) beside per-line samples.
import type { SourceView } from '../../shared/run-views.ts';
import type { RunReader } from '../store/run-reader.ts';
import { isPseudoFile, readSourceFile } from '../source/read-run-sources.ts';
import { readRangeTimeline, type RunRangeNs } from './range-summary.ts';
import { countSourceLines } from './source-lines.ts';

/** What the source view asks for: `file` as the run's stacks name it; `tid` null = every thread. */
export interface SourceQuery {
  runId: number;
  file: string;
  tid: number | null;
  range?: RunRangeNs | null;
}

/** The file with its per-line samples over the range; null when the run does not exist. */
export function loadSourceView(reader: RunReader, query: SourceQuery): SourceView | null {
  const run = reader.getRun(query.runId);
  if (!run) return null;
  const table = reader.readStackTable(query.runId);
  const timeline = readRangeTimeline(reader, query.runId, query.range);
  const { counts, totals } = countSourceLines(table, timeline, query.file, query.tid ?? undefined);
  const view = (origin: SourceView['origin'], text: string | null, problem: string | null): SourceView => ({
    file: query.file,
    origin,
    problem,
    lines: text === null ? [] : splitLines(text),
    counts,
    totals,
  });
  const stored = reader.readSource(query.runId, query.file);
  if (stored) return view(stored.text === null ? 'none' : 'stored', stored.text, stored.problem);
  // Only the script and the files the run's stacks name are ever read: the request reads no other file.
  if (!table.frames.file.includes(query.file) && query.file !== run.script)
    return view('none', null, `${query.file} is not in this run's stacks`);
  if (isPseudoFile(query.file)) return view('none', null, `${query.file} is not a file on disk`);
  // A run recorded before sources were kept (or still recording): the file as it is now.
  const maxLine = counts.reduce((max, c) => Math.max(max, c.line), 0);
  const onDisk = readSourceFile(query.file, maxLine, run);
  return view(onDisk.text === null ? 'none' : 'disk', onDisk.text, onDisk.problem);
}

/** Lines as an editor shows them: no empty line after a final newline; \r\n counts as one break. */
function splitLines(text: string): string[] {
  const lines = text.split(/\r?\n/);
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}
