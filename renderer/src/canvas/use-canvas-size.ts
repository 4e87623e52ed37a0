// Tracks a canvas's CSS size and sizes its backing store for the device pixel ratio.
import { useEffect, useState, type RefObject } from 'react';

// CSS pixel size of the element, updated by a ResizeObserver.
export interface CanvasSize {
  width: number;
  height: number;
  dpr: number;
}

// Observes `ref`'s element; returns zero size until it is laid out.
export function useElementSize(ref: RefObject<HTMLElement | null>): CanvasSize {
  const [size, setSize] = useState<CanvasSize>({ width: 0, height: 0, dpr: 1 });
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const update = () => {
      const rect = element.getBoundingClientRect();
      const next = {
        width: Math.floor(rect.width),
        height: Math.floor(rect.height),
        dpr: window.devicePixelRatio || 1,
      };
      setSize((prev) =>
        prev.width === next.width && prev.height === next.height && prev.dpr === next.dpr ? prev : next,
      );
    };
    update();
    const observer = new ResizeObserver(update);
    observer.observe(element);
    return () => observer.disconnect();
  }, [ref]);
  return size;
}

// Sets the backing store to size × dpr and returns a context scaled to CSS pixels (null if unavailable).
export function prepareCanvas(
  canvas: HTMLCanvasElement,
  width: number,
  height: number,
  dpr: number,
): CanvasRenderingContext2D | null {
  const w = Math.max(1, Math.round(width * dpr));
  const h = Math.max(1, Math.round(height * dpr));
  if (canvas.width !== w) canvas.width = w;
  if (canvas.height !== h) canvas.height = h;
  const ctx = canvas.getContext('2d');
  if (!ctx) return null;
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.clearRect(0, 0, width, height);
  return ctx;
}
