// A failed run opens with its cause: the exception line, where it was raised (file:line, innermost
// last as Python prints it) and the traceback as printed, read from the stored output. When the
// output holds no traceback (killed, exit code only), the run's own error line stands alone.
import { useMemo } from 'react';
import type { RunSummary } from '../../../../main/shared/run-summary-types.ts';
import { useRequest } from '../../api/use-request.ts';
import { lastTraceback } from '../../logic/traceback.ts';
import { SourceLink } from './source-link.tsx';

// Shown first in the detail of a run whose status is `failed`.
// `onOpenSource` opens the file the exception was raised in at its line.
export function FailurePanel(props: { summary: RunSummary; onOpenSource: (file: string, line: number) => void }) {
  const { summary } = props;
  const output = useRequest('runs:output', { runId: summary.runId }, `failure-${summary.runId}`);
  const traceback = useMemo(
    () => (output.data ? lastTraceback(output.data.chunks.map((c) => c.text).join('')) : null),
    [output.data],
  );
  const raisedAt = traceback?.frames.at(-1);
  const loading = output.kind === 'loading';
  return (
    <div className="failure panel" data-testid="run-failure" role="alert">
      <div className="failure-headline">
        <strong>The script failed</strong>
        {summary.exitCode !== null && <span className="muted"> (exit code {summary.exitCode})</span>}
        {summary.signal !== null && <span className="muted"> (killed by {summary.signal})</span>}
      </div>
      {traceback ? (
        <>
          <p className="failure-exception mono" data-testid="failure-exception">
            {traceback.exception}
          </p>
          {raisedAt && (
            <p className="failure-where" data-testid="failure-where">
              at <SourceLink file={raisedAt.file} line={raisedAt.line} onOpen={props.onOpenSource} />
              {raisedAt.func && (
                <>
                  {' '}
                  in <span className="mono">{raisedAt.func}</span>
                </>
              )}
              {raisedAt.code && <code className="failure-code">{raisedAt.code}</code>}
            </p>
          )}
          <pre className="output-pane stored failure-traceback" data-testid="failure-traceback">
            {traceback.text}
          </pre>
        </>
      ) : (
        !loading && (
          <p data-testid="failure-exception">
            {summary.error ?? 'It ended with an error.'} No Python traceback was printed; the output is below.
          </p>
        )
      )}
    </div>
  );
}
