// GILscope's version for report headers: package.json's, found by walking up from this module
// (works from the sources, the built app and the packaged app); "unknown" when it cannot be read.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

let cached: string | null = null;

/** The version in GILscope's package.json. */
export function gilscopeVersion(): string {
  if (cached !== null) return cached;
  cached = 'unknown';
  try {
    let dir = path.dirname(fileURLToPath(import.meta.url));
    for (let depth = 0; depth < 8; depth++) {
      const file = path.join(dir, 'package.json');
      if (fs.existsSync(file)) {
        const pkg = JSON.parse(fs.readFileSync(file, 'utf8')) as { name?: unknown; version?: unknown };
        if (pkg.name === 'gilscope' && typeof pkg.version === 'string') {
          cached = pkg.version;
          break;
        }
      }
      const parent = path.dirname(dir);
      if (parent === dir) break;
      dir = parent;
    }
  } catch {
    // Keep "unknown": a report without a version beats no report.
  }
  return cached;
}
