// Assertions every rendered report must pass: self-contained markup, and opened in Chromium nothing
// runs, nothing loads, no element comes from user text, a non-empty screenshot.
import { expect } from 'vitest';
import { openReport, screenshot, type OpenedReport } from './chromium-page.ts';

/** The CSP meta exactly as the reports write it. */
export const CSP_META = `<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;; style-src &#39;unsafe-inline&#39;; img-src data:">`;

/** Static checks of the HTML string. */
export function expectSelfContained(html: string): void {
  expect(html).toMatch(/^<!DOCTYPE html>/);
  expect(html).toContain(CSP_META);
  expect(html).not.toMatch(/https?:\/\//i);
  expect(html).not.toMatch(/<script|<link|<iframe|<img|<object|<embed|@import|url\(/i);
}

/** Opens the report, checks nothing ran or loaded and no user markup became elements; takes a screenshot. */
export async function expectOpensSafely(html: string, name: string): Promise<OpenedReport> {
  const opened = await openReport(html, name);
  expect(opened.dialogs).toEqual([]);
  expect(opened.pageErrors).toEqual([]);
  expect(opened.requests).toEqual([]);
  expect(opened.consoleErrors).toEqual([]);
  expect(
    await opened.page
      .locator('script, img, iframe, b, i, link, object, embed, [src], [href], [onerror], [onload]')
      .count(),
  ).toBe(0);
  const shot = await screenshot(opened, name);
  expect(shot.bytes).toBeGreaterThan(20_000);
  return opened;
}

/** `text` is on the page as text in at least one visible element. */
export async function expectVisibleText(opened: OpenedReport, text: string): Promise<void> {
  // SVG <title> hover texts match too but are never visible: count the visible matches only.
  const visible = opened.page.getByText(text, { exact: true }).filter({ visible: true });
  expect(await visible.count(), text).toBeGreaterThanOrEqual(1);
}
