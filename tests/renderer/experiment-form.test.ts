import { describe, expect, it } from 'vitest';
import type { InterpreterView } from '../../main/shared/api-contract.ts';
import {
  checkExperimentForm,
  countRuns,
  defaultProposal,
  emptyExperimentForm,
  measureProposal,
  splitValues,
  toggleGilMode,
  toggleInterpreter,
} from '../../renderer/src/logic/experiment-form.ts';

const gil: InterpreterView = {
  path: '/py/3.12',
  version: '3.12.1',
  freeThreaded: false,
  gilEnabledByDefault: true,
  source: 'pyenv',
};
const ft: InterpreterView = {
  path: '/py/3.13t',
  version: '3.13.5',
  freeThreaded: true,
  gilEnabledByDefault: false,
  source: 'gilscope-cache',
};
const all = [gil, ft];

describe('experiment form', () => {
  it('proposes GIL on and off with 3 repetitions for a free-threaded build', () => {
    expect(defaultProposal(ft)).toEqual({ interpreters: ['/py/3.13t'], gilModes: ['on', 'off'], repeatText: '3' });
    expect(defaultProposal(gil).gilModes).toEqual(['default']);
    const picked = toggleInterpreter({ ...emptyExperimentForm, gilModes: [], repeatText: '1' }, ft.path, all);
    expect(picked.gilModes).toEqual(['on', 'off']);
    expect(picked.repeatText).toBe('3');
  });
  it('does not overwrite modes the user chose', () => {
    const chosen = toggleGilMode(emptyExperimentForm, 'on');
    expect(chosen.gilModes).toEqual(['off']);
    expect(toggleInterpreter(chosen, ft.path, all).gilModes).toEqual(['off']);
    expect(toggleGilMode(chosen, 'default').gilModes).toEqual(['default', 'off']);
  });
  it('counts runs: GIL builds run once per value, free-threaded once per mode', () => {
    const form = {
      ...emptyExperimentForm,
      interpreters: [gil.path, ft.path],
      varyKind: 'arg' as const,
      varyValuesText: '1, 2,4,',
    };
    expect(splitValues(form.varyValuesText)).toEqual(['1', '2', '4']);
    expect(countRuns(form, all)).toBe((1 + 2) * 3 * 3);
    expect(countRuns({ ...form, repeatText: 'x' }, all)).toBe(0);
  });
  it('builds a spec', () => {
    const form = {
      ...emptyExperimentForm,
      script: '/w/t.py',
      argsText: '--threads {value}',
      interpreters: [ft.path],
      varyKind: 'arg' as const,
      varyName: 'threads',
      varyValuesText: '1,2,4,8',
    };
    const check = checkExperimentForm(form, all);
    expect(check.kind).toBe('ok');
    if (check.kind !== 'ok') return;
    expect(check.runs).toBe(2 * 4 * 3);
    expect(check.spec).toEqual({
      script: '/w/t.py',
      args: ['--threads', '{value}'],
      cwd: null,
      interpreters: ['/py/3.13t'],
      gilModes: ['on', 'off'],
      repeat: 3,
      vary: { kind: 'arg', name: 'threads', values: ['1', '2', '4', '8'] },
      rateHz: 100,
      durationSeconds: null,
    });
  });
  it('sends default mode for GIL builds only', () => {
    const check = checkExperimentForm({ ...emptyExperimentForm, script: '/w/t.py', interpreters: [gil.path] }, all);
    expect(check.kind === 'ok' && check.spec.gilModes).toEqual(['default']);
  });
  it('explains what is missing', () => {
    const check = checkExperimentForm(
      {
        ...emptyExperimentForm,
        script: 'rel.py',
        gilModes: [],
        interpreters: [ft.path],
        repeatText: '0',
        varyKind: 'env',
        varyName: '1BAD',
        varyValuesText: 'a,a',
      },
      all,
    );
    expect(check.kind).toBe('invalid');
    if (check.kind !== 'invalid') return;
    expect(Object.keys(check.problems).sort()).toEqual([
      'gilModes',
      'repeatText',
      'script',
      'varyName',
      'varyValuesText',
    ]);
    const noPlaceholder = checkExperimentForm(
      {
        ...emptyExperimentForm,
        script: '/w/t.py',
        interpreters: [gil.path],
        varyKind: 'arg',
        varyName: 'n',
        varyValuesText: '1',
      },
      all,
    );
    expect(noPlaceholder.kind === 'invalid' && noPlaceholder.problems.argsText).toMatch('{value}');
    expect(checkExperimentForm({ ...emptyExperimentForm, script: '/w/t.py' }, all).kind).toBe('invalid');
  });
});

describe('measureProposal', () => {
  const view = (path: string, version: string, freeThreaded: boolean) => ({
    path,
    version,
    freeThreaded,
    gilEnabledByDefault: !freeThreaded,
    source: 'pyenv',
  });
  const known = [
    view('/py/3.12', '3.12.1', false),
    view('/py/3.14t', '3.14.0', true),
    view('/py/3.13t', '3.13.5', true),
  ];
  const run = (interpreter: { path: string; version: string; freeThreaded: boolean } | null) => ({
    script: '/s/w.py',
    args: ['-n', 'a b'],
    cwd: '/s',
    interpreter,
  });

  it('keeps a free-threaded run on its own build, GIL on and off, 3 times each', () => {
    const form = measureProposal(run({ path: '/py/3.13t', version: '3.13.5', freeThreaded: true }), known);
    expect(form).toMatchObject({
      script: '/s/w.py',
      argsText: "-n 'a b'",
      cwd: '/s',
      interpreters: ['/py/3.13t'],
      gilModes: ['on', 'off'],
      repeatText: '3',
      touched: false,
    });
  });

  it('puts a GIL build next to a free-threaded build of the same minor version when there is one', () => {
    expect(
      measureProposal(run({ path: '/py/3.13', version: '3.13.0', freeThreaded: false }), known).interpreters,
    ).toEqual(['/py/3.13', '/py/3.13t']);
    expect(
      measureProposal(run({ path: '/py/3.12', version: '3.12.1', freeThreaded: false }), known).interpreters,
    ).toEqual(['/py/3.12', '/py/3.14t']);
  });

  it("falls back to the run's own interpreter when no free-threaded build is known", () => {
    expect(
      measureProposal(run({ path: '/py/3.12', version: '3.12.1', freeThreaded: false }), [known[0]!]).interpreters,
    ).toEqual(['/py/3.12']);
  });
});
