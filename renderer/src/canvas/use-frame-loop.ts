// Calls `draw` on every animation frame while mounted; `draw` decides itself whether anything changed.
import { useEffect, useRef } from 'react';

// Runs the latest `draw` each frame (cheap no-op frames cost nothing noticeable).
export function useFrameLoop(draw: (nowMs: number) => void): void {
  const ref = useRef(draw);
  ref.current = draw;
  useEffect(() => {
    let handle = 0;
    const tick = (now: number) => {
      ref.current(now);
      handle = requestAnimationFrame(tick);
    };
    handle = requestAnimationFrame(tick);
    return () => cancelAnimationFrame(handle);
  }, []);
}
