import fs from 'node:fs';
import path from 'node:path';

/** A script path that can be handed to Python, or why not (one line, naming the path). */
export type ScriptPathCheck = { kind: 'ok'; absolutePath: string } | { kind: 'refused'; message: string };

/** File name endings Python runs as a script: source, windowed source, zip application. */
const PYTHON_SCRIPT_SUFFIXES = ['.py', '.pyw', '.pyz'];

/**
 * Why a readable file is not a Python script, or null. Python runs any text file it is given, so a
 * `.txt` or `.json` picked by mistake would run, fail with a SyntaxError and be stored as a run.
 * A file without a suffix is accepted when its first line is a shebang naming python (installed tools).
 */
function notPythonReason(absolutePath: string): string | null {
  const suffix = path.extname(absolutePath).toLowerCase();
  if (PYTHON_SCRIPT_SUFFIXES.includes(suffix)) return null;
  if (suffix === '' && /^#![^\n]*python/.test(readFirstLine(absolutePath))) return null;
  return `not a Python script (expected .py, .pyw or .pyz, or a python shebang): ${absolutePath}`;
}

/** The first 200 bytes of a file as text ('' when unreadable; the read check below reports that). */
function readFirstLine(absolutePath: string): string {
  try {
    const fd = fs.openSync(absolutePath, 'r');
    try {
      const buffer = Buffer.alloc(200);
      const bytes = fs.readSync(fd, buffer, 0, buffer.length, 0);
      return buffer.subarray(0, bytes).toString('utf8').split('\n')[0] ?? '';
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    return '';
  }
}

/** Checks a script path before anything is launched or stored. */
export function checkScriptPath(script: string, cwd: string): ScriptPathCheck {
  if (script.trim() === '') return { kind: 'refused', message: 'no script given' };
  // Node decodes command-line bytes as UTF-8; bytes that are not valid UTF-8 arrive as U+FFFD and
  // can no longer name the file. Say so instead of a misleading "not found".
  if (script.includes('\uFFFD')) {
    return {
      kind: 'refused',
      message: `script path ${JSON.stringify(script)} contains bytes that are not valid UTF-8; rename the file or pass a symlink with a UTF-8 name`,
    };
  }
  const absolutePath = path.resolve(cwd, script);
  let stats: fs.Stats;
  try {
    stats = fs.statSync(absolutePath);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR')
      return { kind: 'refused', message: `script not found: ${absolutePath}` };
    if (code === 'EACCES')
      return { kind: 'refused', message: `script not readable (permission denied): ${absolutePath}` };
    return { kind: 'refused', message: `cannot access script ${absolutePath}: ${code ?? (error as Error).message}` };
  }
  if (stats.isDirectory()) {
    if (fs.existsSync(path.join(absolutePath, '__main__.py'))) return { kind: 'ok', absolutePath };
    return { kind: 'refused', message: `script is a directory without __main__.py: ${absolutePath}` };
  }
  if (!stats.isFile()) return { kind: 'refused', message: `script is not a regular file: ${absolutePath}` };
  try {
    fs.accessSync(absolutePath, fs.constants.R_OK);
    fs.closeSync(fs.openSync(absolutePath, 'r'));
  } catch {
    return { kind: 'refused', message: `script not readable (permission denied): ${absolutePath}` };
  }
  const notPython = notPythonReason(absolutePath);
  if (notPython) return { kind: 'refused', message: notPython };
  return { kind: 'ok', absolutePath };
}
