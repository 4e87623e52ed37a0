// Finds a Chromium or Chrome to print reports to PDF with: $GILSCOPE_CHROMIUM, else the usual
// install paths and names on PATH. Null when there is none.
import fs from 'node:fs';
import path from 'node:path';

/** Names looked up on PATH, in order. */
const NAMES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable', 'chrome'];
/** Absolute paths tried first (Debian's package, then the usual macOS app bundles). */
const PATHS = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
];

/** What was looked for, for the "not found" message. */
export const CHROMIUM_SEARCH_TEXT = `looked for ${NAMES.slice(0, 3).join(', ')} (set GILSCOPE_CHROMIUM to a Chromium or Chrome executable)`;

function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/** A Chromium executable from the override, the known paths or PATH; throws when the override is set but unusable. */
export function findChromium(
  env: NodeJS.ProcessEnv = process.env,
  knownPaths: readonly string[] = PATHS,
): string | null {
  const override = env.GILSCOPE_CHROMIUM;
  if (override) {
    if (!isExecutable(override))
      throw new Error(`GILSCOPE_CHROMIUM is set to ${override}, which is not an executable file`);
    return override;
  }
  for (const file of knownPaths) if (isExecutable(file)) return file;
  const dirs = (env.PATH ?? '').split(path.delimiter).filter(Boolean);
  for (const name of NAMES) {
    for (const dir of dirs) {
      const file = path.join(dir, name);
      if (isExecutable(file)) return file;
    }
  }
  return null;
}
