// Dragging across the run timeline's plot, as a user selects a time range.
import { expect, type Page } from '@playwright/test';

/** The timeline's left gutter (renderer/src/logic/timeline-geometry.ts) and right margin, in CSS pixels. */
const GUTTER = 150;
const RIGHT_MARGIN = 8;

/** Drags across the timeline plot from fraction `a` to fraction `b` of its width. */
export async function dragTimeline(page: Page, a: number, b: number): Promise<void> {
  const canvas = page.getByTestId('timeline-canvas');
  // Until the timeline has loaded and drawn, a loading overlay covers the canvas and a press selects nothing.
  await expect(canvas).toHaveAttribute('data-drawn', 'true', { timeout: 15_000 });
  // The panels below may have scrolled the page (a flame graph drawn taller): the mouse reaches only what is in view.
  await canvas.scrollIntoViewIfNeeded();
  const box = (await canvas.boundingBox())!;
  const plot = box.width - GUTTER - RIGHT_MARGIN;
  const y = box.y + Math.min(60, box.height / 2);
  await page.mouse.move(box.x + GUTTER + a * plot, y);
  await page.mouse.down();
  await page.mouse.move(box.x + GUTTER + ((a + b) / 2) * plot, y, { steps: 4 });
  await page.mouse.move(box.x + GUTTER + b * plot, y, { steps: 4 });
  await page.mouse.up();
}
