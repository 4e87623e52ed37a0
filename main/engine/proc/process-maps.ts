// Parses /proc/PID/maps (proc_pid_maps(5)): one line per mapping,
// "start-end perms offset dev inode [path]", addresses and offset in hex.
import fs from 'node:fs';
import type { Address } from '../model.ts';

/** One mapping of a process's address space. `path` is '' for anonymous mappings. */
export interface MemoryMapping {
  start: Address;
  end: Address;
  perms: string;
  offset: number;
  inode: number;
  /** As the kernel prints it; a replaced file ends in " (deleted)". */
  path: string;
}

const LINE = /^([0-9a-f]+)-([0-9a-f]+)\s+(\S+)\s+([0-9a-f]+)\s+\S+\s+(\d+)\s*(.*)$/;

/** Parses the text of a maps file; malformed lines are skipped. */
export function parseProcessMaps(text: string): MemoryMapping[] {
  const result: MemoryMapping[] = [];
  for (const line of text.split('\n')) {
    const m = LINE.exec(line);
    if (!m) continue;
    result.push({
      start: parseInt(m[1] ?? '', 16),
      end: parseInt(m[2] ?? '', 16),
      perms: m[3] ?? '',
      offset: parseInt(m[4] ?? '', 16),
      inode: Number(m[5]),
      path: m[6] ?? '',
    });
  }
  return result;
}

/** Reads and parses /proc/PID/maps. Throws the fs error (ENOENT when the process is gone). */
export function readProcessMaps(pid: number): MemoryMapping[] {
  return parseProcessMaps(fs.readFileSync(`/proc/${pid}/maps`, 'latin1'));
}

/** Load bias of an ET_DYN file: start of its lowest offset-0 mapping minus the page-rounded first PT_LOAD vaddr. */
export function loadBiasOf(mappings: readonly MemoryMapping[], path: string, firstLoadVaddr: number): Address | null {
  let lowest: number | null = null;
  for (const m of mappings) {
    if (m.offset !== 0) continue;
    if (m.path !== path && m.path !== `${path} (deleted)`) continue;
    if (lowest === null || m.start < lowest) lowest = m.start;
  }
  if (lowest === null) return null;
  return lowest - (firstLoadVaddr - (firstLoadVaddr % 4096));
}
