// Interpreters the user added by path ("Add interpreter…"), remembered in a small JSON file under the
// data folder so discovery probes them again on the next launch.
import fs from 'node:fs';
import path from 'node:path';

// Reads the remembered paths; a missing or damaged file means none.
export function readUserInterpreters(file: string): string[] {
  try {
    const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as { paths?: unknown };
    return Array.isArray(parsed.paths)
      ? parsed.paths.filter((entry): entry is string => typeof entry === 'string')
      : [];
  } catch {
    return [];
  }
}

// Adds `interpreterPath` to the file (once); throws when the file cannot be written.
export function rememberUserInterpreter(file: string, interpreterPath: string): void {
  const paths = readUserInterpreters(file);
  if (paths.includes(interpreterPath)) return;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temp, `${JSON.stringify({ version: 1, paths: [...paths, interpreterPath] }, null, 2)}\n`);
  fs.renameSync(temp, file);
}
