// Pure parts of experiments: spec expansion (GIL builds only as built, interleaved repetitions, varied
// values), spreads, and the --fail-if grammar evaluated against a hand-made view.
import { describe, expect, it } from 'vitest';
import {
  expandExperiment,
  launchVariant,
  defaultExperimentSpec,
} from '../../main/engine/experiment/experiment-plan.ts';
import { spreadOf } from '../../main/engine/experiment/experiment-view.ts';
import { GateError, evaluateGate, parseGate } from '../../main/engine/experiment/gate-expression.ts';
import type { ExperimentSpec, ExperimentView } from '../../main/shared/compare-types.ts';

const GIL = { path: '/py/bin/python3.12', version: '3.12.1', freeThreaded: false };
const FREE = { path: '/py/bin/python3.13t', version: '3.13.5', freeThreaded: true };
const SPEC: ExperimentSpec = {
  script: '/w/s.py',
  args: ['--threads', '{value}'],
  cwd: null,
  interpreters: [GIL.path, FREE.path],
  gilModes: ['on', 'off'],
  repeat: 2,
  vary: { kind: 'arg', name: 'threads', values: ['1', '4'] },
  rateHz: 100,
  durationSeconds: null,
};

describe('experiment plan', () => {
  it('runs GIL builds as built, free-threaded ones in each mode, repetition by repetition', () => {
    const plan = expandExperiment(SPEC, [GIL, FREE]);
    expect(plan.configs.map((config) => config.key)).toEqual([
      'python3.12|default|threads=1',
      'python3.12|default|threads=4',
      'python3.13t|on|threads=1',
      'python3.13t|on|threads=4',
      'python3.13t|off|threads=1',
      'python3.13t|off|threads=4',
    ]);
    expect(plan.configs[4]!.label).toBe('CPython 3.13.5t GIL off threads=1');
    expect(plan.runs.map((run) => `${run.repetition}:${run.config}`)).toEqual([
      '1:0',
      '1:1',
      '1:2',
      '1:3',
      '1:4',
      '1:5',
      '2:0',
      '2:1',
      '2:2',
      '2:3',
      '2:4',
      '2:5',
    ]);
    expect(launchVariant(SPEC, '4')).toEqual({ args: ['--threads', '4'], env: {} });
    expect(launchVariant({ ...SPEC, args: ['x'] }, '4').args).toEqual(['x', '4']);
    expect(launchVariant({ ...SPEC, vary: { kind: 'env', name: 'N', values: ['2'] } }, '2')).toEqual({
      args: SPEC.args,
      env: { N: '2' },
    });
    expect(defaultExperimentSpec('/w/s.py', FREE)).toMatchObject({
      gilModes: ['on', 'off'],
      repeat: 3,
      interpreters: [FREE.path],
    });
  });

  it('spreads: median of odd and even counts, min, max', () => {
    expect(spreadOf([3, 1, 2])).toEqual({ median: 2, min: 1, max: 3 });
    expect(spreadOf([4, 1, 2, 3])).toEqual({ median: 2.5, min: 1, max: 4 });
    expect(spreadOf([])).toBeNull();
  });
});

function view(walls: Record<string, number | null>): ExperimentView {
  const plan = expandExperiment({ ...SPEC, vary: null }, [GIL, FREE]);
  return {
    schemaVersion: 1,
    id: 1,
    createdAt: '',
    spec: SPEC,
    status: 'completed',
    error: null,
    baselineKey: plan.configs[0]!.key,
    progress: { done: 3, total: 3 },
    configs: plan.configs.map((config) => {
      const wall = walls[config.gilMode] ?? null;
      return {
        ...config,
        runIds: [],
        failures: 0,
        speedup: null,
        wallSeconds: wall === null ? null : { median: wall, min: wall, max: wall },
        parallelism: { median: 1.5, min: 1, max: 2 },
        contention: { median: config.gilMode === 'off' ? 0 : 0.6, min: 0, max: 1 },
      };
    }),
  };
}

describe('--fail-if', () => {
  it('holds (the gate fails) when the expression is true, naming each measured value', () => {
    const gate = parseGate('speedup(off vs on) < 1.5');
    expect(evaluateGate(gate, view({ default: 2, on: 2, off: 1.6 }))).toEqual({
      holds: true,
      description: 'speedup(off vs on) = 1.25 (< 1.5)',
    });
    expect(evaluateGate(gate, view({ default: 2, on: 2, off: 1 })).holds).toBe(false);
    const both = parseGate('wall(3.12) >= 2 AND contention(3.13t off) <= 0');
    expect(evaluateGate(both, view({ default: 2, on: 2, off: 1 }))).toEqual({
      holds: true,
      description: 'wall(3.12) = 2 (>= 2) and contention(3.13t off) = 0 (<= 0)',
    });
    expect(evaluateGate(parseGate('wall(off) < 5'), view({ default: 2, on: 2, off: null }))).toEqual({
      holds: true,
      description: 'wall(off) could not be measured (no completed run)',
    });
  });

  it('refuses malformed expressions and ambiguous selectors', () => {
    for (const bad of [
      '',
      'speedup(off vs on)',
      'speedup(off vs on) < x',
      'speedup(off vs on) < 1 or wall(on) > 2',
      'cpu(on) < 1',
      'wall() < 1',
    ])
      expect(() => parseGate(bad), bad).toThrow(GateError);
    expect(() => evaluateGate(parseGate('wall(3.13) < 1'), view({ default: 1, on: 1, off: 1 }))).toThrow(
      /matches 2 configurations/,
    );
  });
});
