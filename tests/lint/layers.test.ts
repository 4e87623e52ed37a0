// The layering rules of eslint.config.js, proven on fabricated files: the same text placed (virtually)
// in different folders is refused or allowed as the layers say. Runs the project's own ESLint config.
import path from 'node:path';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
let eslint: ESLint;

/** The no-restricted-imports messages ESLint gives `text` as if it were the file at `file` (relative to the repo). */
async function layerErrors(file: string, text: string): Promise<string[]> {
  const [result] = await eslint.lintText(text, { filePath: path.join(root, file) });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

beforeAll(() => {
  eslint = new ESLint({ cwd: root });
});

describe('layering lint rules', () => {
  it.each([
    ['main/engine/analysis/fake.ts', "import { createAppService } from '../../electron/app-service.ts';", 'never'],
    ['main/engine/analysis/fake.ts', "import type { ApiRequests } from '../../shared/api-contract.ts';", 'UI contract'],
    ['main/engine/report/fake.ts', "import { GilscopeService } from '../../app-service/gilscope-service.ts';", 'never'],
    ['main/engine/fake.ts', "import { app } from 'electron';", 'Electron'],
    ['main/engine/store/fake.ts', "import { binTimeline } from '../analysis/bin-timeline.ts';", 'sample model'],
    ['main/electron/fake.ts', "import { loadTimeline } from '../engine/analysis/load-timeline.ts';", 'app-service'],
    [
      'main/electron/ipc/fake.ts',
      "import { exportTarget } from '../../engine/export/export-target.ts';",
      'app-service',
    ],
    [
      'renderer/src/logic/fake.ts',
      "import { binTimeline } from '../../../main/engine/analysis/bin-timeline.ts';",
      'main/shared',
    ],
    ['renderer/src/logic/fake.ts', "import fs from 'node:fs';", 'browser'],
    ['preload/fake.ts', "import { GilscopeService } from '../main/app-service/gilscope-service.ts';", 'contract'],
    ['main/shared/fake.ts', "import type { Tick } from '../engine/model.ts';", 'siblings'],
    ['main/app-service/fake.ts', "import { bridgeSocket } from '../host/websocket-bridge.ts';", 'shells'],
  ])('%s may not %s', async (file, text, reason) => {
    const errors = await layerErrors(
      file,
      `${text}\nexport const used = [${text.match(/\{ (?:type )?(\w+)/)?.[1] ?? 'fs'}];\n`,
    );
    expect(errors.length, `no layering error for ${file}`).toBeGreaterThan(0);
    expect(errors.join('\n')).toContain(reason);
  });

  it.each([
    ['main/engine/store/fake.ts', "import type { Tick } from '../model.ts';"],
    ['main/engine/store/fake.ts', "import type { GilMode } from '../../shared/vocabulary.ts';"],
    ['main/engine/analysis/fake.ts', "import type { BinnedTimeline } from '../../shared/run-views.ts';"],
    ['main/electron/fake.ts', "import type { GilscopeService } from '../app-service/gilscope-service.ts';"],
    ['renderer/src/logic/fake.ts', "import type { ApiRequests } from '../../../main/shared/api-contract.ts';"],
    ['preload/fake.ts', "import { isRequestChannel } from '../main/shared/api-contract.ts';"],
    ['main/shared/fake.ts', "import type { ThreadState } from './vocabulary.ts';"],
  ])('%s may %s', async (file, text) => {
    const name = text.match(/\{ (?:type )?(\w+)/)![1];
    expect(await layerErrors(file, `${text}\nexport type Used = typeof ${name};\n`)).toEqual([]);
  });
});
