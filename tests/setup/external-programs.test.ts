// Every external program the code and the test suites execute must come from the machine's setup:
// scripts/setup-test-machine.sh lists each (program:Debian package), unless Debian's essential set has
// it. A program spawned but not listed passes on a developer's machine where it was installed by hand,
// then fails on a fresh CI machine: this test names it first.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const REPO = path.resolve(import.meta.dirname, '../..');
const SCANNED = ['main', 'tests', 'e2e', 'bench', 'scripts', 'bin'];
/** Calls that run a program given by a literal first argument: spawn('pdftoppm', …), execa('cc', …). */
const SPAWN_CALL = /\b(?:spawn|spawnSync|execa|execaSync|execFile|execFileSync)\(\s*'([^'$]+)'/g;
/** Absolute paths of programs the code names directly ('/usr/bin/pypy3', '/usr/bin/chromium'). */
const PROGRAM_PATH = /'(\/(?:usr\/)?bin\/[a-z0-9._+-]+)'/g;

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true, recursive: true }).flatMap((entry) => {
    const file = path.join(entry.parentPath, entry.name);
    if (!entry.isFile() || file.includes('node_modules') || file === import.meta.filename) return [];
    return /\.(ts|tsx|sh)$/.test(entry.name) || path.basename(entry.parentPath) === 'bin' ? [file] : [];
  });
}

/** Programs the code can run that no test runs, with why. */
const NOT_RUN_BY_TESTS: Record<string, string> = {
  'xdg-open': 'only `gilscope ui --open`, on a desktop',
  'chromium-browser': "find-chromium's fallback names, tried after /usr/bin/chromium",
  'google-chrome': "find-chromium's fallback names, tried after /usr/bin/chromium",
};

/** Program name → the files that run it. */
function spawnedPrograms(): Map<string, string[]> {
  const found = new Map<string, string[]>();
  for (const file of SCANNED.flatMap((dir) => sourceFiles(path.join(REPO, dir)))) {
    const text = fs.readFileSync(file, 'utf8');
    for (const match of [...text.matchAll(SPAWN_CALL), ...text.matchAll(PROGRAM_PATH)]) {
      const program = path.basename(match[1]!);
      found.set(program, [...(found.get(program) ?? []), path.relative(REPO, file)]);
    }
  }
  return found;
}

/** The PROGRAMS table of the setup script: program → Debian package. */
function setupPrograms(): Map<string, string> {
  const script = fs.readFileSync(path.join(REPO, 'scripts/setup-test-machine.sh'), 'utf8');
  const table = /^PROGRAMS=\(\n([\s\S]*?)^\)/m.exec(script)?.[1] ?? '';
  return new Map(
    [...table.matchAll(/^\s*([\w.+-]+):([\w.+-]+)/gm)].map((match) => [match[1]!, match[2]!] as [string, string]),
  );
}

/** The Debian package owning `program` on PATH, or null when it is not installed. */
function owningPackage(program: string): string | null {
  for (const dir of ['/usr/bin', '/bin', '/usr/sbin', '/sbin']) {
    const file = path.join(dir, program);
    if (!fs.existsSync(file)) continue;
    // Debian 12 merged /bin into /usr/bin, but dpkg still knows some files by their old path.
    for (const candidate of [file, `/bin/${program}`, `/usr/bin/${program}`, fs.realpathSync(file)]) {
      try {
        const line = execFileSync('dpkg', ['-S', candidate], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
        const owner = /^([^:\s,]+)(?::\w+)?: /m.exec(line.replace(/^diversion by [^\n]*\n?/gm, ''))?.[1];
        if (owner) return owner;
      } catch {
        // not this name: try the next
      }
    }
    return 'unknown';
  }
  return null;
}

function isEssential(pkg: string): boolean {
  const fields = execFileSync('dpkg-query', ['-W', '-f=${Essential} ${Priority}', pkg], { encoding: 'utf8' });
  return fields.startsWith('yes') || fields.endsWith('required');
}

describe('external programs', () => {
  const spawned = spawnedPrograms();
  const listed = setupPrograms();

  it('the scan finds the programs it must (so an empty scan cannot pass)', () => {
    expect([...spawned.keys()]).toEqual(expect.arrayContaining(['pdftoppm', 'cc', 'pypy3', 'chromium', 'sleep']));
    expect(listed.size).toBeGreaterThanOrEqual(5);
  });

  it('every program the code runs is installed by setup-test-machine.sh or essential to Debian', () => {
    const problems: string[] = [];
    for (const [program, files] of spawned) {
      // Node comes from scripts/provision-node.sh; the CPythons are the machine's pyenv builds and caches.
      if (program === 'node' || program === 'gilscope' || /^python3?(\.\d+)?t?$/.test(program)) continue;
      if (program in NOT_RUN_BY_TESTS) continue;
      const where = `run by ${[...new Set(files)].join(', ')}`;
      const owner = owningPackage(program);
      if (listed.has(program)) {
        if (owner === null) problems.push(`${program} is listed in setup-test-machine.sh but not installed (${where})`);
        continue;
      }
      if (owner === null) problems.push(`${program} is not installed and not in setup-test-machine.sh (${where})`);
      else if (owner === 'unknown' || !isEssential(owner))
        problems.push(`${program} (Debian package ${owner}) is not in setup-test-machine.sh's PROGRAMS (${where})`);
    }
    expect(problems).toEqual([]);
  });
});
