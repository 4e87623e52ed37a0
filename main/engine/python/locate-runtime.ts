// Finds `_PyRuntime` in a live process: the executable first (static libpython), then every mapped
// libpython3.X[t].so, opened through /proc/PID/root so it works across mount namespaces.
// Address = st_value + load bias (docs/gil-location.md §1).
import fs from 'node:fs';
import type { Address } from '../model.ts';
import { loadBiasOf, readProcessMaps } from '../proc/process-maps.ts';
import type { MemoryMapping } from '../proc/process-maps.ts';
import { pythonBinaryFacts } from './python-binary.ts';
import type { PythonBinaryFacts } from './python-binary.ts';

/** The runtime's place in the target, and the binary that holds it. */
export interface LocatedRuntime {
  address: Address;
  size: number;
  /** The binary's path as the target sees it (a maps path or the exe's link target). */
  binaryPath: string;
  facts: PythonBinaryFacts;
  bias: Address;
}

/** Outcome of a search; `not-ready` means "try again shortly" (e.g. libpython not mapped yet). */
export type LocateResult =
  | { kind: 'found'; runtime: LocatedRuntime }
  | { kind: 'not-ready'; message: string }
  | { kind: 'not-python'; message: string }
  /** A CPython older than 3.7, which has no `_PyRuntime` (version from the binary's name). */
  | {
      kind: 'too-old';
      message: string;
      version: { major: number; minor: number; micro: number; hex: number };
      binaryPath: string;
    }
  | { kind: 'gone'; message: string };

/** libpython3.X[t].so, and also 3.6's `libpython3.6m.so` to tell "too old" from "not mapped yet". */
const LIBPYTHON = /\/libpython\d\.\d+[a-z]*\.so[^/]*$/;

function stripDeleted(path: string): string {
  return path.endsWith(' (deleted)') ? path.slice(0, -' (deleted)'.length) : path;
}

function locateIn(
  facts: PythonBinaryFacts,
  mappings: MemoryMapping[],
  namePath: string,
): LocatedRuntime | 'unmapped' | null {
  if (!facts.runtime) return null;
  const bias = facts.type === 'exec' ? 0 : loadBiasOf(mappings, namePath, facts.firstLoadVaddr);
  if (bias === null) return 'unmapped';
  return { address: facts.runtime.value + bias, size: facts.runtime.size, binaryPath: namePath, facts, bias };
}

function isGone(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code === 'ENOENT' || code === 'ESRCH';
}

/** Locates `_PyRuntime` in process `pid`. Never throws: fs and ELF errors become results. */
export function locateRuntime(pid: number): LocateResult {
  let mappings: MemoryMapping[];
  let exeTarget: string;
  try {
    mappings = readProcessMaps(pid);
    exeTarget = stripDeleted(fs.readlinkSync(`/proc/${pid}/exe`));
  } catch (error) {
    if (isGone(error)) return { kind: 'gone', message: `process ${pid} does not exist (any more)` };
    return { kind: 'not-python', message: `cannot read /proc/${pid}: ${(error as Error).message}` };
  }
  const problems: string[] = [];
  let exeFacts: PythonBinaryFacts | null = null;
  try {
    exeFacts = pythonBinaryFacts(`/proc/${pid}/exe`, exeTarget);
    const found = locateIn(exeFacts, mappings, exeTarget);
    if (found === 'unmapped') return { kind: 'not-ready', message: `${exeTarget} is not mapped in process ${pid} yet` };
    if (found) return { kind: 'found', runtime: found };
  } catch (error) {
    if (isGone(error)) return { kind: 'gone', message: `process ${pid} exited` };
    problems.push(`${exeTarget}: ${(error as Error).message}`);
  }
  const mappedPaths = [...new Set(mappings.map((m) => stripDeleted(m.path)))];
  const libraries = mappedPaths.filter((p) => LIBPYTHON.test(p));
  const candidates: Array<{ path: string; facts: PythonBinaryFacts }> = exeFacts
    ? [{ path: exeTarget, facts: exeFacts }]
    : [];
  for (const library of libraries) {
    try {
      const facts = pythonBinaryFacts(`/proc/${pid}/root${library}`, library);
      candidates.push({ path: library, facts });
      const found = locateIn(facts, mappings, library);
      if (found === 'unmapped')
        return { kind: 'not-ready', message: `${library} is not fully mapped in process ${pid} yet` };
      if (found) return { kind: 'found', runtime: found };
      problems.push(`${library}: no _PyRuntime symbol or .PyRuntime section`);
    } catch (error) {
      if (isGone(error) && !fs.existsSync(`/proc/${pid}`)) return { kind: 'gone', message: `process ${pid} exited` };
      problems.push(`${library}: ${(error as Error).message}`);
    }
  }
  if (exeFacts?.needsLibpython && libraries.length === 0) {
    return { kind: 'not-ready', message: `${exeTarget} needs libpython, which the loader has not mapped yet` };
  }
  // Prefer the candidate whose .rodata gave a micro version (the library rather than a tiny launcher exe).
  const old = candidates
    .flatMap((c) =>
      c.facts.fileVersion && c.facts.fileVersion.major === 3 && c.facts.fileVersion.minor < 7
        ? [{ path: c.path, v: c.facts.fileVersion }]
        : [],
    )
    .sort((a, b) => b.v.micro - a.v.micro)[0];
  if (old) {
    const { v } = old;
    return {
      kind: 'too-old',
      message: `CPython ${v.major}.${v.minor} has no _PyRuntime`,
      version: v,
      binaryPath: old.path,
    };
  }
  const detail = problems.length > 0 ? ` (${problems.join('; ')})` : '';
  return { kind: 'not-python', message: `no CPython runtime found in process ${pid} (${exeTarget})${detail}` };
}
