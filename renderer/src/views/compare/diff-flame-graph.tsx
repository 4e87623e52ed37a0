// The differential flame graph of a comparison: run B's on-CPU flame graph, each frame coloured by how
// its share of B's samples differs from its share of A's (the baseline's) on the same call path: red
// took more, blue less. Click a frame to zoom into it; hover shows both shares.
import { useEffect, useMemo, useState } from 'react';
import type { RunSummary } from '../../../../main/shared/run-summary-types.ts';
import type { DiffFlameNode } from '../../../../main/shared/run-views.ts';
import { useRequest } from '../../api/use-request.ts';
import { drawFlameRows } from '../../canvas/draw-flame.ts';
import { EmptyState } from '../../components/empty-state.tsx';
import { Notice } from '../../components/notice.tsx';
import { deltaScale, diffColor, formatDelta, shareDelta } from '../../logic/diff-flame.ts';
import { formatPercent, plural } from '../../logic/format.ts';
import { FlameCanvas } from '../detail/flame-canvas.tsx';
import { useFlameNavigation } from '../detail/use-flame-navigation.ts';

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
  const nav = useFlameNavigation<DiffFlameNode>(root);
  const { canvasRef, size, layout, hover, height, breadcrumbs, focus, setFocus } = nav;
  const scale = useMemo(() => deltaScale(root), [root]);

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas || size.width === 0) return;
    drawFlameRows(canvas, size, height, layout.rects, (rect, theme) => ({
      fill: rect === hover ? theme.accent : diffColor(shareDelta(rect.node as DiffFlameNode, root), scale, theme.dark),
    }));
  }, [layout, size, height, hover, root, scale]);

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
      <FlameCanvas
        nav={nav}
        testId="diff-flame-graph"
        label="Differential flame graph"
        data={{ 'data-samples': root.value, 'data-baseline-samples': root.baseline, 'data-rows': layout.maxDepth + 1 }}
      />
      <p className="hint mono flame-status" data-testid="diff-flame-hover">
        {hovered
          ? `${hovered.name} — ${formatDelta(shareDelta(hovered, root))}: ${formatPercent(hovered.value / root.value)} of B (${plural(hovered.value, 'sample')}) vs ${formatPercent(hovered.baseline / root.baseline)} of A (${plural(hovered.baseline, 'sample')})`
          : 'Hover a frame for both shares; click to zoom into it.'}
      </p>
    </div>
  );
}
