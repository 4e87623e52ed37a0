// The live lanes canvas: redraws from the live store on animation frames when a new event arrived.
import { useRef } from 'react';
import { drawLiveLanes, liveLanesHeight } from '../../canvas/draw-live-lanes.ts';
import { readThemeColors } from '../../canvas/theme-colors.ts';
import { prepareCanvas, useElementSize } from '../../canvas/use-canvas-size.ts';
import { useFrameLoop } from '../../canvas/use-frame-loop.ts';
import type { LiveRunStore } from '../../logic/live-run-store.ts';
import { liveWindowNs } from '../../logic/zoom-range.ts';

// Shows every thread seen in this run over a window growing up to `windowSeconds`.
export function LiveLanes(props: { store: LiveRunStore; windowSeconds: number }) {
  const wrapRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const size = useElementSize(wrapRef);
  const drawn = useRef({ version: -1, width: 0 });

  useFrameLoop(() => {
    const canvas = canvasRef.current;
    const { store } = props;
    if (!canvas || size.width === 0) return;
    if (drawn.current.version === store.version() && drawn.current.width === size.width) return;
    drawn.current = { version: store.version(), width: size.width };
    const height = liveLanesHeight(store.threads.length);
    canvas.style.height = `${height}px`;
    const ctx = prepareCanvas(canvas, size.width, height, size.dpr);
    if (!ctx) return;
    drawLiveLanes(
      ctx,
      size.width,
      store.progress.toArray(),
      store.threads,
      liveWindowNs(store.progress.last()?.elapsedNs ?? 0, props.windowSeconds * 1e9),
      readThemeColors(),
    );
  });

  return (
    <div ref={wrapRef} className="lanes" data-testid="live-lanes">
      <canvas ref={canvasRef} className="lanes-canvas" aria-label="Live per-thread CPU and state lanes" role="img" />
    </div>
  );
}
