// The differential flame graph of a comparison: B's on-CPU flame graph coloured by how each frame's
// share changed against A. Run A spends most of its CPU in parse(), run B in render().
import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { openApp, recordRun } from './support/app-page.ts';
import { E2E_ENV, PYTHONS, shot } from './support/e2e-env.ts';
import { PARSE_RENDER_SCRIPT } from '../tests/support/python-workloads.ts';

const PARSE_RENDER = PARSE_RENDER_SCRIPT;
/** Flame rows (CSS pixels) per stack level. */
const ROW_HEIGHT = 18;

test('differential flame graph: B vs A, red where B spends more, blue where less', async ({ page }) => {
  test.setTimeout(90_000);
  const script = path.join(process.env[E2E_ENV.dir] ?? '', 'parse_render.py');
  fs.writeFileSync(script, PARSE_RENDER);
  await openApp(page);
  const a = await recordRun(page, script, PYTHONS.gil312, { args: '0.8 0.2' });
  const b = await recordRun(page, script, PYTHONS.gil312, { args: '0.2 0.8' });
  await page.goto(`${new URL(page.url()).origin}/#/compare/${a},${b}`);
  const graph = page.getByTestId('diff-flame-graph');
  await expect(graph).toHaveAttribute('data-drawn', 'true', { timeout: 15_000 });
  await expect(page.getByTestId('diff-flame-panel')).toContainText('B vs A');
  expect(Number(await graph.getAttribute('data-samples'))).toBeGreaterThan(0);
  expect(Number(await graph.getAttribute('data-baseline-samples'))).toBeGreaterThan(0);

  // Sweep the pointer along each row and read what the hover says about every frame met.
  await graph.scrollIntoViewIfNeeded();
  const box = (await graph.boundingBox())!;
  const rows = Number(await graph.getAttribute('data-rows'));
  const seen = new Set<string>();
  for (let row = 1; row < rows; row++)
    for (let x = 0.01; x < 1; x += 0.04) {
      await page.mouse.move(box.x + box.width * x, box.y + ROW_HEIGHT * (row + 0.5));
      seen.add((await page.getByTestId('diff-flame-hover').textContent()) ?? '');
    }
  const about = (name: string) => [...seen].find((text) => text.startsWith(`${name} — `)) ?? '';
  expect(about('render'), [...seen].join('\n')).toMatch(/^render — \+\d+\.\d pp: \d+(\.\d)?% of B/);
  expect(about('parse'), [...seen].join('\n')).toMatch(/^parse — −\d+\.\d pp/);
  await page.mouse.move(box.x + box.width * 0.1, box.y + ROW_HEIGHT * 0.5);
  await shot(page, '95-diff-flame');
});
