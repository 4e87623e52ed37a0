// The line-table decoders against co_lines() captured from real interpreters
// (tests/fixtures/line-tables/capture-line-tables.py): every code unit of every captured code object.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  decodeLineTable,
  lineForInstruction,
  lineInRanges,
  lineTableFormat,
} from '../../main/engine/stacks/line-table.ts';

interface CapturedCode {
  name: string;
  firstlineno: number;
  codeUnits: number;
  linetable: string;
  lines: Array<number | null>;
}

const FIXTURES = path.join(import.meta.dirname, '../fixtures/line-tables');
const LABELS = [
  { label: '3.10', minor: 10 },
  { label: '3.11', minor: 11 },
  { label: '3.12', minor: 12 },
  { label: '3.13', minor: 13 },
  { label: '3.13t', minor: 13 },
];

function expectedLine(lines: Array<number | null>, byteOffset: number): number | null {
  for (let i = 0; i + 2 < lines.length; i += 3) {
    const start = lines[i] as number;
    const end = lines[i + 1] as number;
    if (byteOffset >= start && byteOffset < end) return lines[i + 2] ?? null;
  }
  return null;
}

describe.each(LABELS)('line tables of CPython $label', ({ label, minor }) => {
  const fixture = JSON.parse(fs.readFileSync(path.join(FIXTURES, `${label}.json`), 'utf8')) as {
    codes: CapturedCode[];
  };
  const format = lineTableFormat(minor);

  it('match co_lines() at every instruction offset', () => {
    expect(fixture.codes.length).toBeGreaterThan(200);
    let checked = 0;
    const mismatches: string[] = [];
    for (const code of fixture.codes) {
      const ranges = decodeLineTable(format, Buffer.from(code.linetable, 'hex'), code.firstlineno);
      for (let unit = 0; unit < code.codeUnits; unit++) {
        const want = expectedLine(code.lines, unit * 2);
        const got = lineInRanges(ranges, unit);
        checked++;
        if (got !== want && mismatches.length < 10) mismatches.push(`${code.name}@${unit}: got ${got}, want ${want}`);
      }
    }
    expect(mismatches).toEqual([]);
    expect(checked).toBeGreaterThan(10_000);
  });

  it('covers big line jumps and ranges without a line', () => {
    const far = fixture.codes.find((c) => c.name === 'far_apart');
    expect(far).toBeDefined();
    const lines = far!.lines.filter((_, i) => i % 3 === 2);
    expect(Math.max(...lines.map((l) => l ?? 0)) - far!.firstlineno).toBeGreaterThan(400);
    expect(fixture.codes.some((c) => c.lines.some((l, i) => i % 3 === 2 && l === null))).toBe(true);
  });

  it('lineForInstruction: negative index gives firstlineno, past the end gives null, garbage never throws', () => {
    const code = fixture.codes[0]!;
    const table = Buffer.from(code.linetable, 'hex');
    expect(lineForInstruction(format, table, code.firstlineno, -1)).toBe(code.firstlineno);
    expect(lineForInstruction(format, table, code.firstlineno, code.codeUnits + 10_000)).toBeNull();
    for (let seed = 1; seed < 200; seed++) {
      const junk = Buffer.alloc(seed, 0);
      for (let i = 0; i < junk.length; i++) junk[i] = (seed * 7919 + i * 104729) & 0xff;
      expect(() => lineForInstruction(format, junk, 1, seed)).not.toThrow();
    }
  });
});
