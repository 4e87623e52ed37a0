// Where `PyCode_Type` lives in the target: its .dynsym value relocated by the same bias as `_PyRuntime`
// (both are in the binary that holds the runtime). A frame's executable is a code object iff its
// ob_type equals this address (docs/unwinder.md §3). Both symbols come from the cached binary facts, so
// attaching does not read a large binary's symbol table a second time (~50 ms, measured).
import fs from 'node:fs';
import type { Address } from '../model.ts';
import { pythonBinaryFacts } from '../python/python-binary.ts';

/** The address of PyCode_Type in process `pid`, or null when the binary or symbol cannot be read. Never throws. */
export function findCodeTypeAddress(pid: number, binaryPath: string, runtimeAddress: Address): Address | null {
  for (const path of [`/proc/${pid}/root${binaryPath}`, binaryPath]) {
    try {
      if (!fs.existsSync(path)) continue;
      const facts = pythonBinaryFacts(path, binaryPath);
      if (facts.runtime?.source !== 'symbol' || facts.codeTypeValue === null) return null;
      return runtimeAddress - facts.runtime.value + facts.codeTypeValue;
    } catch {
      // Try the next path; an unreadable or odd ELF gives null (the cache learns the type from tp_name instead).
    }
  }
  return null;
}
