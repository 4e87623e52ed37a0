import { describe, expect, it } from 'vitest';
import type { InterpreterView } from '../../main/shared/api-contract.ts';
import { checkNewRunForm, emptyNewRunForm, isPythonFileName } from '../../renderer/src/logic/new-run-form.ts';

const gil: InterpreterView = {
  path: '/usr/bin/python3.12',
  version: '3.12.8',
  freeThreaded: false,
  gilEnabledByDefault: true,
  source: 'system',
};
const ft: InterpreterView = {
  ...gil,
  path: '/opt/py/python3.13t',
  version: '3.13.1',
  freeThreaded: true,
  gilEnabledByDefault: false,
};

describe('checkNewRunForm', () => {
  it('builds a request', () => {
    const form = {
      ...emptyNewRunForm,
      script: '/w/a.py',
      argsText: '-n "4 5"',
      python: gil.path,
      gilMode: 'off' as const,
      durationText: '2.5',
    };
    expect(checkNewRunForm(form, gil)).toEqual({
      kind: 'ok',
      request: {
        script: '/w/a.py',
        args: ['-n', '4 5'],
        cwd: null,
        python: gil.path,
        gilMode: 'default',
        rateHz: 100,
        durationSeconds: 2.5,
      },
    });
    const result = checkNewRunForm(form, ft);
    expect(result.kind === 'ok' && result.request.gilMode).toBe('off');
  });
  it('names every problem', () => {
    const result = checkNewRunForm(
      { ...emptyNewRunForm, script: 'a.py', argsText: '"x', rateText: '0', durationText: '-1', cwd: 'rel' },
      undefined,
    );
    expect(result.kind === 'invalid' && Object.keys(result.problems).sort()).toEqual([
      'argsText',
      'cwd',
      'durationText',
      'python',
      'rateText',
      'script',
    ]);
  });
  it('accepts .py drops only', () => {
    expect([isPythonFileName('a.py'), isPythonFileName('A.PYW'), isPythonFileName('a.txt')]).toEqual([
      true,
      true,
      false,
    ]);
  });
});
