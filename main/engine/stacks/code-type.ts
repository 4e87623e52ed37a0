// Where `PyCode_Type` lives in the target: its .dynsym value relocated by the same bias as `_PyRuntime`
// (both are in the binary that holds the runtime). A frame's executable is a code object iff its
// ob_type equals this address (docs/unwinder.md §3).
import fs from 'node:fs';
import type { Address } from '../model.ts';
import { openElfFile } from '../elf/elf-file.ts';

/** The address of PyCode_Type in process `pid`, or null when the binary or symbol cannot be read. Never throws. */
export function findCodeTypeAddress(pid: number, binaryPath: string, runtimeAddress: Address): Address | null {
  for (const path of [`/proc/${pid}/root${binaryPath}`, binaryPath]) {
    try {
      if (!fs.existsSync(path)) continue;
      const elf = openElfFile(path);
      const runtime = elf.symbol('_PyRuntime');
      const codeType = elf.symbol('PyCode_Type');
      if (!runtime || !codeType) return null;
      return runtimeAddress - runtime.value + codeType.value;
    } catch {
      // Try the next path; an unreadable or odd ELF gives null (the cache learns the type from tp_name instead).
    }
  }
  return null;
}
