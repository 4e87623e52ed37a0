// Filling the New experiment form the way the experiment specs need it: the fixture script, its argument,
// exactly the interpreters asked for, and the repetitions.
import { expect, type Page } from '@playwright/test';
import { fixtureScripts, PYTHONS } from './e2e-env.ts';

/** Opens Experiments → New experiment and fills `cpu_threads.py SECONDS`, exactly `pythons` ticked, ×`repeat`. */
export async function fillCpuThreadsExperiment(
  page: Page,
  seconds: string,
  pythons: string[],
  repeat: number,
): Promise<void> {
  await page.getByTestId('nav-experiments').click();
  await page.getByTestId('new-experiment').click();
  const form = page.getByTestId('experiment-form');
  await expect(form).toBeVisible();
  await form.getByTestId('script-path-input').fill(fixtureScripts().cpuThreads);
  await page.getByTestId('experiment-args-input').fill(seconds);
  const interpreter = (python: string) =>
    page.locator(`[data-testid="experiment-interpreter"][data-path="${python}"] input[type="checkbox"]`);
  await expect(interpreter(PYTHONS.gil312)).toBeAttached({ timeout: 20_000 });
  // The proposal pre-ticks a free-threaded interpreter once the list arrives; wait for it, then set exactly ours.
  await expect(page.locator('[data-testid="experiment-interpreter"] input:checked').first()).toBeAttached();
  for (const row of await page.getByTestId('experiment-interpreter').all()) {
    const python = (await row.getAttribute('data-path')) ?? '';
    await row.locator('input[type="checkbox"]').setChecked(pythons.includes(python));
  }
  await page.getByTestId('experiment-repeat').fill(String(repeat));
}
