// The differential flame graph of a comparison: run B's on-CPU flame graph, each frame coloured by how
// its share of B's samples differs from its share of A's (the baseline's) on the same call path: red
// took more, blue less. Click a frame to zoom into it; hover shows both shares.
import { useEffect, useMemo, useRef, useState } from 'react';
import type { RunSummary } from '../../../../main/shared/run-summary-types.ts';
import type { DiffFlameNode } from '../../../../main/shared/run-views.ts';
import { useRequest } from '../../api/use-request.ts';
import { readThemeColors } from '../../canvas/theme-colors.ts';
import { prepareCanvas, useElementSize } from '../../canvas/use-canvas-size.ts';
import { EmptyState } from '../../components/empty-state.tsx';
import { Notice } from '../../components/notice.tsx';
import { deltaScale, diffColor, formatDelta, shareDelta } from '../../logic/diff-flame.ts';
import { hitTest, layoutFlame, pathTo, type FlameRect } from '../../logic/flame-layout.ts';
import { formatPercent, plural } from '../../logic/format.ts';

const rowHeight = 18;
const LETTERS = 'ABCD';

// `runs[0]` is A; the user picks which later run is B (the second by default).
export function DiffFlameGraphPanel(props: { runs: RunSummary[] }) {
  const [bIndex, setBIndex] = useState(1);
  const base = props.runs[0]!;
  const other = props.runs[bIndex] ?? props.runs[1]!;
  const diff = useRequest(
    'compare:flamegraph',
    { baseRunId: base.runId, runId: other.runId, scope: 'on-cpu' },
    `${base.runId}:${other.runId}`,
  );
  return (
    <div className="panel" data-testid="diff-flame-panel">
      <div className="panel-title row spread">
        <h3>Differential flame graph: {LETTERS[bIndex]} vs A (on-CPU samples)</h3>
        {props.runs.length > 2 && (
          <select
            aria-label="Run compared with A"
            data-testid="diff-flame-run-select"
            value={bIndex}
            onChange={(e) => setBIndex(Number(e.target.value))}
          >
            {props.runs.slice(1).map((run, i) => (
              <option key={run.runId} value={i + 1}>
                {LETTERS[i + 1]} (#{run.runId}) vs A
              </option>
            ))}
          </select>
        )}
      </div>
      <p className="muted diff-flame-legend">
        Widths are {LETTERS[bIndex]}'s samples. <span className="diff-swatch more" /> red: a larger share of{' '}
        {LETTERS[bIndex]}'s samples than of A's; <span className="diff-swatch less" /> blue: smaller; grey: within half
        a percentage point.
      </p>
      {diff.kind === 'error' && (
        <Notice tone="error" title="Could not load the differential flame graph:">
          {diff.message}
        </Notice>
      )}
      {!diff.data && diff.kind === 'loading' && <p className="muted">Loading…</p>}
      {diff.kind === 'ok' && diff.data === null && <EmptyState title="A run is missing" />}
      {diff.data && (diff.data.value === 0 || diff.data.baseline === 0) && (
        <EmptyState title="No on-CPU stacks to compare">
          <p>One of the runs has no on-CPU samples with a Python stack.</p>
        </EmptyState>
      )}
      {diff.data && diff.data.value > 0 && diff.data.baseline > 0 && <DiffFlameCanvas root={diff.data} />}
    </div>
  );
}

function DiffFlameCanvas(props: { root: DiffFlameNode }) {
  const { root } = props;
  const wrapRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const size = useElementSize(wrapRef);
  const [focus, setFocus] = useState<DiffFlameNode>(root);
  const [hover, setHover] = useState<FlameRect | null>(null);
  useEffect(() => setFocus(root), [root]);
  const scale = useMemo(() => deltaScale(root), [root]);
  const minWidth = size.width > 0 ? 0.5 / size.width : 0.001;
  const layout = useMemo(() => layoutFlame(focus, minWidth), [focus, minWidth]);
  const breadcrumbs = useMemo(() => (pathTo(root, focus) ?? [root]) as DiffFlameNode[], [root, focus]);
  const height = (layout.maxDepth + 1) * rowHeight + 2;

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas || size.width === 0) return;
    canvas.style.height = `${height}px`;
    const ctx = prepareCanvas(canvas, size.width, height, size.dpr);
    if (!ctx) return;
    const theme = readThemeColors();
    ctx.font = '11px system-ui, sans-serif';
    ctx.textBaseline = 'middle';
    for (const rect of layout.rects) {
      const node = rect.node as DiffFlameNode;
      const x = rect.x0 * size.width;
      const w = (rect.x1 - rect.x0) * size.width;
      const y = rect.depth * rowHeight;
      ctx.fillStyle = rect === hover ? theme.accent : diffColor(shareDelta(node, root), scale, theme.dark);
      ctx.fillRect(x, y, Math.max(0.5, w - 1), rowHeight - 1);
      if (w > 30) {
        ctx.fillStyle = theme.dark ? '#f1f1f1' : '#1b1b1b';
        ctx.save();
        ctx.beginPath();
        ctx.rect(x, y, w - 2, rowHeight);
        ctx.clip();
        ctx.fillText(node.name, x + 3, y + rowHeight / 2);
        ctx.restore();
      }
    }
    canvas.dataset.drawn = 'true';
  }, [layout, size, height, hover, root, scale]);

  const rectAt = (clientX: number, clientY: number): FlameRect | null => {
    const box = canvasRef.current?.getBoundingClientRect();
    if (!box || size.width === 0) return null;
    return hitTest(layout.rects, (clientX - box.left) / size.width, Math.floor((clientY - box.top) / rowHeight));
  };
  const hovered = hover?.node as DiffFlameNode | undefined;

  return (
    <div className="flame">
      <div className="row breadcrumbs">
        {breadcrumbs.map((node, i) => (
          <button type="button" key={i} className="chip" onClick={() => setFocus(node)} disabled={node === focus}>
            {node.name}
          </button>
        ))}
      </div>
      <div ref={wrapRef} className="flame-wrap">
        <canvas
          ref={canvasRef}
          data-testid="diff-flame-graph"
          data-samples={root.value}
          data-baseline-samples={root.baseline}
          data-rows={layout.maxDepth + 1}
          role="img"
          aria-label="Differential flame graph"
          onMouseMove={(e) => setHover(rectAt(e.clientX, e.clientY))}
          onMouseLeave={() => setHover(null)}
          onClick={(e) => {
            const rect = rectAt(e.clientX, e.clientY);
            if (rect)
              setFocus(
                rect.depth === 0 && rect.node === focus
                  ? (breadcrumbs[breadcrumbs.length - 2] ?? root)
                  : (rect.node as DiffFlameNode),
              );
          }}
        />
      </div>
      <p className="hint mono flame-status" data-testid="diff-flame-hover">
        {hovered
          ? `${hovered.name} — ${formatDelta(shareDelta(hovered, root))}: ${formatPercent(hovered.value / root.value)} of B (${plural(hovered.value, 'sample')}) vs ${formatPercent(hovered.baseline / root.baseline)} of A (${plural(hovered.baseline, 'sample')})`
          : 'Hover a frame for both shares; click to zoom into it.'}
      </p>
    </div>
  );
}
