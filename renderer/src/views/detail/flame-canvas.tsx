// The canvas element of a flame graph and what the mouse does on it, shared by the flame graph and the
// differential flame graph: hover shows a frame, a click focuses it (a click on the focused root row goes back
// up one level), and a double click is the caller's (the flame graph opens the frame's source).
import type { FlameNode } from '../../../../main/shared/run-views.ts';
import type { FlameRect } from '../../logic/flame-layout.ts';
import type { FlameNavigation } from './use-flame-navigation.ts';

export function FlameCanvas<N extends FlameNode>(props: {
  nav: FlameNavigation<N>;
  testId: string;
  label: string;
  /** `data-*` attributes the e2e specs read (samples, rows, view…). */
  data: Record<`data-${string}`, string | number>;
  onFrameDoubleClick?: (rect: FlameRect) => void;
}) {
  const { nav } = props;
  return (
    <div ref={nav.wrapRef} className="flame-wrap">
      <canvas
        ref={nav.canvasRef}
        data-testid={props.testId}
        {...props.data}
        role="img"
        aria-label={props.label}
        onMouseMove={(e) => nav.setHover(nav.rectAt(e.clientX, e.clientY))}
        onMouseLeave={() => nav.setHover(null)}
        onDoubleClick={(e) => {
          const rect = nav.rectAt(e.clientX, e.clientY);
          if (rect) props.onFrameDoubleClick?.(rect);
        }}
        onClick={(e) => {
          const rect = nav.rectAt(e.clientX, e.clientY);
          if (!rect) return;
          const node = rect.node as N;
          const back = rect.depth === 0 && node === nav.focus;
          nav.setFocus(back ? (nav.breadcrumbs[nav.breadcrumbs.length - 2] ?? nav.root) : node);
        }}
      />
    </div>
  );
}
