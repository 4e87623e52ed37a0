// The differential flame graph (B vs A) of two real runs of one script, A under CPython 3.12 spending
// most of its CPU in parse(), B under the free-threaded 3.13t (GIL off) spending most in render(): the
// shares move the right way, and frames of the standard library match although each interpreter's
// threading.py lives under its own lib folder.
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildFlameTree } from '../../main/engine/analysis/flame-tree.ts';
import { ON_CPU_STATES } from '../../main/engine/analysis/function-profile.ts';
import { diffFlameTrees } from '../../main/engine/compare/diff-flame-tree.ts';
import { openRunStore } from '../../main/engine/store/open-database.ts';
import { createRunReader } from '../../main/engine/store/run-reader.ts';
import type { DiffFlameNode, FlameNode } from '../../main/shared/run-views.ts';
import { makeTempDir, profileScriptFile } from '../support/profile-fixture.ts';
import { freeThreadedPython, pyenvPython } from '../support/spawn-python.ts';
import { PARSE_RENDER_SCRIPT } from '../support/python-workloads.ts';

const SCRIPT = PARSE_RENDER_SCRIPT;

function onCpuTree(dbFile: string, runId: number): FlameNode {
  const store = openRunStore(dbFile, { readonly: true });
  try {
    const reader = createRunReader(store);
    return buildFlameTree(reader.readStackTable(runId), reader.readTimeline(runId), { states: ON_CPU_STATES });
  } finally {
    store.close();
  }
}

/** The first node named `name` in pre-order. */
function find(node: DiffFlameNode, name: string): DiffFlameNode | undefined {
  if (node.name === name) return node;
  for (const child of node.children) {
    const found = find(child, name);
    if (found) return found;
  }
  return undefined;
}

const share = (node: DiffFlameNode, root: DiffFlameNode) => node.value / root.value - node.baseline / root.baseline;

describe('differential flame graph of 3.12 vs 3.13t', () => {
  let a: FlameNode;
  let b: FlameNode;
  let diff: DiffFlameNode;
  beforeAll(async () => {
    const dir = makeTempDir('diff-flame');
    const script = path.join(dir, 'parse_render.py');
    fs.writeFileSync(script, SCRIPT);
    const dbFile = path.join(dir, 'runs.sqlite');
    // CPU seconds (thread_time), so a busy machine stretches both phases alike.
    const runA = await profileScriptFile(pyenvPython('3.12.1'), script, dbFile, { args: ['0.8', '0.2'] });
    const runB = await profileScriptFile(freeThreadedPython(), script, dbFile, {
      args: ['0.2', '0.8'],
      gilMode: 'off',
    });
    a = onCpuTree(dbFile, runA.summary.runId);
    b = onCpuTree(dbFile, runB.summary.runId);
    diff = diffFlameTrees(a, b);
  }, 40_000);

  it("lays B out and carries A's samples on the same paths", () => {
    expect(diff.value).toBe(b.value);
    expect(diff.baseline).toBe(a.value);
    const parse = find(diff, 'parse')!;
    const render = find(diff, 'render')!;
    const context = JSON.stringify({ parse: [parse.value, parse.baseline], render: [render.value, render.baseline] });
    // parse went from 80% of the worker's CPU to 20%, render the other way.
    expect(share(parse, diff), context).toBeLessThan(-0.2);
    expect(share(render, diff), context).toBeGreaterThan(0.2);
  });

  it("matches the standard library's frames across the two interpreters' lib folders", () => {
    const bootstrap = find(diff, 'Thread._bootstrap')!;
    expect(bootstrap.file).toMatch(/python3\.13t\/threading\.py$/);
    expect(bootstrap.value).toBeGreaterThan(0);
    expect(bootstrap.baseline).toBeGreaterThan(0);
  });

  it('never gives children more samples than their parent, on either side', () => {
    const check = (node: DiffFlameNode): void => {
      expect(node.children.reduce((sum, c) => sum + c.value, 0)).toBeLessThanOrEqual(node.value);
      expect(node.children.reduce((sum, c) => sum + c.baseline, 0)).toBeLessThanOrEqual(node.baseline);
      node.children.forEach(check);
    };
    check(diff);
  });

  it('keeps a path only A took, zero wide', () => {
    const only = (name: string, value: number): FlameNode => ({ name, file: 'x.py', line: 1, value, children: [] });
    const root = (children: FlameNode[]): FlameNode => ({
      name: 'all',
      file: '',
      line: 0,
      value: children.reduce((s, c) => s + c.value, 0),
      children,
    });
    const merged = diffFlameTrees(root([only('gone', 5), only('kept', 5)]), root([only('kept', 3)]));
    expect(merged.children.map((c) => [c.name, c.value, c.baseline])).toEqual([
      ['kept', 3, 5],
      ['gone', 0, 5],
    ]);
  });
});
