// The ELF reader and /proc/PID/maps parser on real files: libpython, the static 3.13t executable, a text file.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ElfFormatError, openElfFile } from '../../main/engine/elf/elf-file.ts';
import { loadBiasOf, parseProcessMaps, readProcessMaps } from '../../main/engine/proc/process-maps.ts';
import { freeThreadedPython } from '../support/spawn-python.ts';

const libpython312 = path.join(os.homedir(), '.pyenv/versions/3.12.1/lib/libpython3.12.so.1.0');

describe('openElfFile', () => {
  it('reads a shared libpython: ET_DYN, first PT_LOAD at 0, _PyRuntime in .dynsym = .PyRuntime section', () => {
    const elf = openElfFile(libpython312);
    expect(elf.type).toBe('dyn');
    expect(elf.firstLoadVaddr()).toBe(0);
    const runtime = elf.symbol('_PyRuntime');
    // docs/gil-location.md §6: observed value 0x643340, size 0x704a8 for this very library.
    expect(runtime).toEqual({ value: 0x643340, size: 0x704a8 });
    expect(elf.section('.PyRuntime')?.addr).toBe(runtime?.value);
    expect(elf.symbol('Py_Version')).not.toBeNull();
    expect(elf.symbol('no_such_symbol_anywhere')).toBeNull();
  });

  it('reads the static free-threaded executable: _PyRuntime exported, needs no libpython', () => {
    const elf = openElfFile(freeThreadedPython());
    expect(elf.type).toBe('dyn');
    expect(elf.symbol('_PyRuntime')?.size).toBeGreaterThan(0x40000);
    expect(elf.neededLibraries().some((name) => name.startsWith('libpython'))).toBe(false);
  });

  it('lists DT_NEEDED of a shared-build launcher', () => {
    const exe = path.join(os.homedir(), '.pyenv/versions/3.12.1/bin/python3.12');
    expect(openElfFile(exe).neededLibraries()).toContain('libpython3.12.so.1.0');
    expect(openElfFile(exe).symbol('_PyRuntime')).toBeNull();
  });

  it('rejects a file that is not ELF with ElfFormatError naming the path', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'gilscope-elf-')), 'script.py');
    fs.writeFileSync(file, 'print("hello")\n');
    expect(() => openElfFile(file)).toThrow(ElfFormatError);
    expect(() => openElfFile(file)).toThrow(`${file}: not an ELF file`);
  });
});

describe('process maps', () => {
  it('parses paths with spaces and deleted files, and computes a load bias', () => {
    const text = [
      '55d0c0000000-55d0c0001000 r--p 00000000 fd:01 123 /opt/my python/bin/python3.12',
      '55d0c0001000-55d0c0005000 r-xp 00001000 fd:01 123 /opt/my python/bin/python3.12',
      '7f0000000000-7f0000021000 rw-p 00000000 00:00 0 ',
      '7f1000000000-7f1000100000 r--p 00000000 fd:01 456 /usr/lib/libpython3.12.so.1.0 (deleted)',
    ].join('\n');
    const maps = parseProcessMaps(text);
    expect(maps).toHaveLength(4);
    expect(maps[1]).toEqual({
      start: 0x55d0c0001000,
      end: 0x55d0c0005000,
      perms: 'r-xp',
      offset: 0x1000,
      inode: 123,
      path: '/opt/my python/bin/python3.12',
    });
    expect(maps[2]?.path).toBe('');
    expect(loadBiasOf(maps, '/opt/my python/bin/python3.12', 0)).toBe(0x55d0c0000000);
    expect(loadBiasOf(maps, '/usr/lib/libpython3.12.so.1.0', 0)).toBe(0x7f1000000000);
    expect(loadBiasOf(maps, '/not/mapped', 0)).toBeNull();
  });

  it('reads this process: the Node executable is mapped', () => {
    const maps = readProcessMaps(process.pid);
    expect(maps.some((m) => m.path === fs.realpathSync(process.execPath))).toBe(true);
  });
});
