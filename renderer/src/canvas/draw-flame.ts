// Drawing a laid-out flame graph on a canvas: one row per stack depth, each frame a rectangle with its name
// where it fits. The flame graph and the differential flame graph differ only in each frame's colour.
import type { FlameRect } from '../logic/flame-layout.ts';
import { readThemeColors, type ThemeColors } from './theme-colors.ts';
import { prepareCanvas } from './use-canvas-size.ts';

/** Height of one flame row, CSS pixels. */
export const FLAME_ROW_HEIGHT = 18;

/** How one frame is filled: its colour and, optionally, an opacity (search fades non-matches). */
export interface FrameStyle {
  fill: string;
  alpha?: number;
}

/**
 * Draws `rects` across `width` CSS pixels (the canvas is sized for `height` and `dpr`), then marks the canvas
 * drawn (`data-drawn`, what the e2e specs wait for). No-op when the canvas cannot be drawn on.
 */
export function drawFlameRows(
  canvas: HTMLCanvasElement,
  size: { width: number; dpr: number },
  height: number,
  rects: readonly FlameRect[],
  styleOf: (rect: FlameRect, theme: ThemeColors) => FrameStyle,
): void {
  canvas.style.height = `${height}px`;
  const ctx = prepareCanvas(canvas, size.width, height, size.dpr);
  if (!ctx) return;
  const theme = readThemeColors();
  ctx.font = '11px system-ui, sans-serif';
  ctx.textBaseline = 'middle';
  for (const rect of rects) {
    const x = rect.x0 * size.width;
    const w = (rect.x1 - rect.x0) * size.width;
    const y = rect.depth * FLAME_ROW_HEIGHT;
    const style = styleOf(rect, theme);
    ctx.globalAlpha = style.alpha ?? 1;
    ctx.fillStyle = style.fill;
    ctx.fillRect(x, y, Math.max(0.5, w - 1), FLAME_ROW_HEIGHT - 1);
    if (w > 30) {
      ctx.fillStyle = theme.dark ? '#f1f1f1' : '#1b1b1b';
      ctx.save();
      ctx.beginPath();
      ctx.rect(x, y, w - 2, FLAME_ROW_HEIGHT);
      ctx.clip();
      ctx.fillText(rect.node.name, x + 3, y + FLAME_ROW_HEIGHT / 2);
      ctx.restore();
    }
  }
  ctx.globalAlpha = 1;
  canvas.dataset.drawn = 'true';
}
