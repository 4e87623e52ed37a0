// Reads the parts of an ELF64 little-endian file a profiler needs (type, program headers, sections,
// symbols, DT_NEEDED) with positioned reads, so a 30 MB binary is never loaded whole.
// Reference: the System V gABI, "Object Files" chapter (ELF-64 Object File Format 1.5).
import fs from 'node:fs';

/** The file is not an ELF64 little-endian object, or its tables are out of bounds. */
export class ElfFormatError extends Error {
  readonly path: string;
  constructor(path: string, message: string) {
    super(`${path}: ${message}`);
    this.name = 'ElfFormatError';
    this.path = path;
  }
}

/** ET_EXEC files load at their link addresses (bias 0); ET_DYN (PIE, .so) load anywhere. */
export type ElfType = 'exec' | 'dyn' | 'other';

/** One program header (only the fields load-bias computation needs). */
export interface ElfProgramHeader {
  type: number;
  flags: number;
  offset: number;
  vaddr: number;
  fileSize: number;
  memSize: number;
}

/** One section header, name resolved. */
export interface ElfSection {
  name: string;
  type: number;
  addr: number;
  offset: number;
  size: number;
  link: number;
  entsize: number;
}

/** A defined symbol: its link-time address and size in bytes. */
export interface ElfSymbol {
  value: number;
  size: number;
}

export const PT_LOAD = 1;
const SHT_NOBITS = 8;
const SHT_DYNAMIC = 6;
const DT_NEEDED = 1;
const DT_RPATH = 15;
const DT_RUNPATH = 29;
const SHN_UNDEF = 0;

/** A parsed ELF file; symbol tables are read lazily and kept. The file is closed after each read. */
export interface ElfFile {
  path: string;
  type: ElfType;
  programHeaders: ElfProgramHeader[];
  sections: ElfSection[];
  /** p_vaddr of the first PT_LOAD, or null when there is none. */
  firstLoadVaddr(): number | null;
  section(name: string): ElfSection | null;
  /** Looks the name up in .dynsym, then .symtab; undefined symbols are ignored. */
  symbol(name: string): ElfSymbol | null;
  /** File bytes of a section (empty for SHT_NOBITS), read on demand. */
  sectionBytes(section: ElfSection): Buffer;
  /** Library names from DT_NEEDED in .dynamic. */
  neededLibraries(): string[];
  /** Folders from DT_RUNPATH and DT_RPATH, as written (with `$ORIGIN` unexpanded). */
  librarySearchPaths(): string[];
}

const MAX_TABLE_BYTES = 256 * 1024 * 1024;

function u64(buffer: Buffer, offset: number): number {
  return Number(buffer.readBigUInt64LE(offset));
}

function readAt(path: string, fd: number, position: number, length: number): Buffer {
  if (length < 0 || length > MAX_TABLE_BYTES) throw new ElfFormatError(path, `implausible table size ${length}`);
  const buffer = Buffer.alloc(length);
  const n = length === 0 ? 0 : fs.readSync(fd, buffer, 0, length, position);
  if (n !== length) throw new ElfFormatError(path, `truncated: wanted ${length} bytes at ${position}, got ${n}`);
  return buffer;
}

function cString(table: Buffer, offset: number): string {
  if (offset >= table.length) return '';
  const end = table.indexOf(0, offset);
  return table.toString('latin1', offset, end < 0 ? table.length : end);
}

function parseHeader(path: string, header: Buffer) {
  if (header.length < 64 || header.readUInt32BE(0) !== 0x7f454c46) throw new ElfFormatError(path, 'not an ELF file');
  if (header[4] !== 2) throw new ElfFormatError(path, 'not a 64-bit ELF file (EI_CLASS != ELFCLASS64)');
  if (header[5] !== 1) throw new ElfFormatError(path, 'not a little-endian ELF file (EI_DATA != ELFDATA2LSB)');
  const eType = header.readUInt16LE(16);
  return {
    type: (eType === 2 ? 'exec' : eType === 3 ? 'dyn' : 'other') as ElfType,
    phoff: u64(header, 32),
    shoff: u64(header, 40),
    phentsize: header.readUInt16LE(54),
    phnum: header.readUInt16LE(56),
    shentsize: header.readUInt16LE(58),
    shnum: header.readUInt16LE(60),
    shstrndx: header.readUInt16LE(62),
  };
}

function withFd<T>(path: string, body: (fd: number) => T): T {
  const fd = fs.openSync(path, 'r');
  try {
    return body(fd);
  } finally {
    fs.closeSync(fd);
  }
}

function readProgramHeaders(path: string, fd: number, h: ReturnType<typeof parseHeader>): ElfProgramHeader[] {
  if (h.phnum === 0) return [];
  if (h.phentsize < 56) throw new ElfFormatError(path, `bad e_phentsize ${h.phentsize}`);
  const table = readAt(path, fd, h.phoff, h.phentsize * h.phnum);
  const result: ElfProgramHeader[] = [];
  for (let i = 0; i < h.phnum; i++) {
    const o = i * h.phentsize;
    result.push({
      type: table.readUInt32LE(o),
      flags: table.readUInt32LE(o + 4),
      offset: u64(table, o + 8),
      vaddr: u64(table, o + 16),
      fileSize: u64(table, o + 32),
      memSize: u64(table, o + 40),
    });
  }
  return result;
}

function readSections(path: string, fd: number, h: ReturnType<typeof parseHeader>): ElfSection[] {
  if (h.shoff === 0) return [];
  if (h.shentsize < 64) throw new ElfFormatError(path, `bad e_shentsize ${h.shentsize}`);
  let count = h.shnum;
  let strIndex = h.shstrndx;
  const first = readAt(path, fd, h.shoff, h.shentsize);
  if (count === 0) count = u64(first, 32); // extended numbering: real count in section 0's sh_size
  if (strIndex === 0xffff) strIndex = first.readUInt32LE(40);
  const table = readAt(path, fd, h.shoff, h.shentsize * count);
  const raw = [];
  for (let i = 0; i < count; i++) {
    const o = i * h.shentsize;
    raw.push({
      nameOffset: table.readUInt32LE(o),
      type: table.readUInt32LE(o + 4),
      addr: u64(table, o + 16),
      offset: u64(table, o + 24),
      size: u64(table, o + 32),
      link: table.readUInt32LE(o + 40),
      entsize: u64(table, o + 56),
    });
  }
  const strSection = raw[strIndex];
  const names = strSection ? readAt(path, fd, strSection.offset, strSection.size) : Buffer.alloc(0);
  return raw.map(({ nameOffset, ...rest }) => ({ name: cString(names, nameOffset), ...rest }));
}

type SymbolMap = Map<string, ElfSymbol>;

/** Opens and parses an ELF64 LE file's headers. Throws ElfFormatError, or the fs error. */
export function openElfFile(path: string): ElfFile {
  const { header, programHeaders, sections } = withFd(path, (fd) => {
    const head = Buffer.alloc(64);
    const n = fs.readSync(fd, head, 0, 64, 0);
    const parsed = parseHeader(path, head.subarray(0, n));
    return {
      header: parsed,
      programHeaders: readProgramHeaders(path, fd, parsed),
      sections: readSections(path, fd, parsed),
    };
  });
  const symbolTables = new Map<string, SymbolMap>();

  const sectionBytes = (section: ElfSection): Buffer =>
    section.type === SHT_NOBITS
      ? Buffer.alloc(0)
      : withFd(path, (fd) => readAt(path, fd, section.offset, section.size));

  const loadSymbols = (tableName: string): SymbolMap => {
    const cached = symbolTables.get(tableName);
    if (cached) return cached;
    const map: SymbolMap = new Map();
    const table = sections.find((s) => s.name === tableName);
    const strings = table ? sections[table.link] : undefined;
    if (table && strings) {
      const symbols = sectionBytes(table);
      const names = sectionBytes(strings);
      const entsize = table.entsize || 24;
      for (let o = 0; o + 24 <= symbols.length; o += entsize) {
        if (symbols.readUInt16LE(o + 6) === SHN_UNDEF) continue;
        const name = cString(names, symbols.readUInt32LE(o));
        if (name && !map.has(name)) map.set(name, { value: u64(symbols, o + 8), size: u64(symbols, o + 16) });
      }
    }
    symbolTables.set(tableName, map);
    return map;
  };

  /** The strings of every .dynamic entry with `tag` (DT_NEEDED names, DT_RUNPATH lists). */
  const dynamicStrings = (tag: number): string[] => {
    const dynamic = sections.find((s) => s.type === SHT_DYNAMIC);
    const strings = dynamic ? sections[dynamic.link] : undefined;
    if (!dynamic || !strings) return [];
    const entries = sectionBytes(dynamic);
    const names = sectionBytes(strings);
    const result: string[] = [];
    for (let o = 0; o + 16 <= entries.length; o += 16) {
      const entryTag = entries.readBigInt64LE(o);
      if (entryTag === 0n) break;
      if (entryTag === BigInt(tag)) result.push(cString(names, u64(entries, o + 8)));
    }
    return result;
  };

  return {
    path,
    type: header.type,
    programHeaders,
    sections,
    firstLoadVaddr: () => programHeaders.find((p) => p.type === PT_LOAD)?.vaddr ?? null,
    section: (name) => sections.find((s) => s.name === name) ?? null,
    symbol: (name) => loadSymbols('.dynsym').get(name) ?? loadSymbols('.symtab').get(name) ?? null,
    sectionBytes,
    neededLibraries: () => dynamicStrings(DT_NEEDED),
    librarySearchPaths: () => [...dynamicStrings(DT_RUNPATH), ...dynamicStrings(DT_RPATH)].flatMap((p) => p.split(':')),
  };
}
