// The browser host's gate, seen from a browser and a plain HTTP client: no session cookie → 403 (the
// printed URL's token was used by the global setup); the CSP and hardening headers are on the page.
import { expect, test } from '@playwright/test';
import { hostUrl } from './support/e2e-env.ts';

test.describe('without the session cookie', () => {
  test.use({ storageState: { cookies: [], origins: [] } });

  test('the page is refused with 403, and so is the printed URL once its token was used', async ({ page, request }) => {
    const origin = hostUrl().origin;
    const response = await page.goto(`${origin}/`);
    expect(response?.status()).toBe(403);
    await expect(page.getByTestId('app-version')).toHaveCount(0);
    expect((await request.get(`${origin}/?token=wrong-token`)).status()).toBe(403);
    expect((await request.get(`${origin}/index.html`)).status()).toBe(403);
    expect((await request.get(hostUrl().href, { maxRedirects: 0 })).status()).toBe(403);
  });
});

test('the page (with the session cookie) carries the CSP and hardening headers', async ({ page }) => {
  const response = await page.goto(hostUrl().href);
  expect(response?.status()).toBe(200);
  const headers = response!.headers();
  const csp = headers['content-security-policy'] ?? '';
  expect(csp).toContain("default-src 'self'");
  expect(csp).toContain(`ws://127.0.0.1:${hostUrl().port}`);
  expect(csp).not.toContain("'unsafe-eval'");
  expect(headers['x-frame-options']).toBe('DENY');
  expect(headers['referrer-policy']).toBe('no-referrer');
  expect(headers['x-content-type-options']).toBe('nosniff');
});
