// Reads the source files a run's stacks name, when the run ends, so the source view can show them
// later however the files change. A file is kept only if it still fits what was sampled in it.
import fs from 'node:fs';
import path from 'node:path';
import type { RunRecord, StackTable } from '../store/run-types.ts';
import type { SourceFile } from '../store/run-sources.ts';

/** Larger files are not kept (no Python source a person reads is this big; a generated one is not worth it). */
export const MAX_SOURCE_BYTES = 2 * 1024 * 1024;
/** At most this many files per run, the most sampled first (a run that imports the world keeps its own code). */
export const MAX_SOURCE_FILES = 1000;

/** A frame "file" that is no file on disk: `<frozen importlib._bootstrap>`, `<string>`, `<stdin>`. */
export function isPseudoFile(file: string): boolean {
  return file.startsWith('<') && file.endsWith('>');
}

/** Where a file named in a stack is on disk: relative names (old CPythons' `__main__`) are under the run's working directory. */
export function resolveSourcePath(file: string, run: Pick<RunRecord, 'cwd' | 'script'>): string {
  if (path.isAbsolute(file)) return file;
  return path.resolve(run.cwd || path.dirname(run.script), file);
}

/** Every real file in the stack table with the highest line sampled in it, most frames first. */
function filesOf(table: StackTable): Array<{ file: string; maxLine: number }> {
  const files = new Map<string, { maxLine: number; frames: number }>();
  table.frames.file.forEach((file, frame) => {
    if (isPseudoFile(file)) return;
    const entry = files.get(file) ?? { maxLine: 0, frames: 0 };
    entry.maxLine = Math.max(entry.maxLine, table.frames.line[frame] ?? 0);
    entry.frames++;
    files.set(file, entry);
  });
  return [...files]
    .sort((a, b) => b[1].frames - a[1].frames)
    .slice(0, MAX_SOURCE_FILES)
    .map(([file, { maxLine }]) => ({ file, maxLine }));
}

/** Python source is UTF-8 unless it declares otherwise; anything else is read as Latin-1 so every byte shows. */
function decodeSource(bytes: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return bytes.toString('latin1');
  }
}

/** Reads one file named in the stacks; `maxLine` (the highest line sampled in it) must exist in it. */
export function readSourceFile(file: string, maxLine: number, run: Pick<RunRecord, 'cwd' | 'script'>): SourceFile {
  const onDisk = resolveSourcePath(file, run);
  let bytes: Buffer;
  try {
    const stat = fs.statSync(onDisk);
    if (!stat.isFile()) return { path: file, text: null, problem: `${onDisk} is not a file` };
    if (stat.size > MAX_SOURCE_BYTES)
      return { path: file, text: null, problem: `${onDisk} is larger than ${MAX_SOURCE_BYTES / 1024 / 1024} MiB` };
    bytes = fs.readFileSync(onDisk);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return {
      path: file,
      text: null,
      problem: code === 'ENOENT' ? `${onDisk} was not found when the run ended` : `cannot read ${onDisk} (${code})`,
    };
  }
  const text = decodeSource(bytes);
  const lines = countLines(text);
  if (maxLine > lines)
    return {
      path: file,
      text: null,
      problem: `${onDisk} has ${lines} lines but line ${maxLine} was sampled: it is not the file that ran`,
    };
  return { path: file, text, problem: null };
}

/** Lines in `text` as an editor numbers them (a last line without a newline counts). */
export function countLines(text: string): number {
  if (text === '') return 0;
  const newlines = text.split('\n').length - 1;
  return text.endsWith('\n') ? newlines : newlines + 1;
}

/**
 * The files of a run's stacks, read now (call it when the run has just ended), and the launched script
 * itself: a script that failed before any stack was read still opens at the line of its traceback.
 */
export function readRunSources(
  table: StackTable,
  run: Pick<RunRecord, 'cwd' | 'script' | 'attachedPid'>,
): SourceFile[] {
  const files = filesOf(table);
  if (run.attachedPid === null && !files.some((f) => f.file === run.script))
    files.push({ file: run.script, maxLine: 0 });
  return files.map(({ file, maxLine }) => readSourceFile(file, maxLine, run));
}
