// The stored output of a run (only its tail when it printed a lot), stderr tinted, shown as-is so a
// syntax error's traceback reads exactly as Python printed it.
import { useRequest } from '../../api/use-request.ts';
import { Notice } from '../../components/notice.tsx';

// Loads runs:output for `runId`.
export function RunOutputPanel(props: { runId: number }) {
  const output = useRequest('runs:output', { runId: props.runId }, String(props.runId));
  const chunks = output.data?.chunks ?? [];
  return (
    <div className="panel">
      <div className="panel-title">
        <h3>Output</h3>
      </div>
      {output.kind === 'error' && (
        <Notice tone="error" title="Could not load the output:">
          {output.message}
        </Notice>
      )}
      {output.data?.truncated && <p className="hint">Only the end of the output was kept.</p>}
      <pre className="output-pane stored" data-testid="run-output" data-empty={chunks.length === 0 ? 'true' : 'false'}>
        {chunks.map((c, i) => (
          <span key={i} className={c.stream === 'stderr' ? 'stderr' : undefined}>
            {c.text}
          </span>
        ))}
      </pre>
    </div>
  );
}
