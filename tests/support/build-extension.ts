// Compiles a one-file C extension module for a given CPython, for tests of what importing one does.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { makeTempDir } from './profile-fixture.ts';

/** Builds module `name` from `source` for `python` into a fresh folder; returns that folder (for sys.path). */
export function buildExtension(python: string, name: string, source: string): string {
  const dir = makeTempDir(name);
  const [include, suffix] = JSON.parse(
    execFileSync(
      python,
      [
        '-c',
        'import json, sysconfig; print(json.dumps([sysconfig.get_paths()["include"], sysconfig.get_config_var("EXT_SUFFIX")]))',
      ],
      { encoding: 'utf8' },
    ),
  ) as [string, string];
  const file = path.join(dir, `${name}.c`);
  fs.writeFileSync(file, source);
  execFileSync('cc', ['-shared', '-fPIC', '-O0', `-I${include}`, file, '-o', path.join(dir, `${name}${suffix}`)]);
  return dir;
}
