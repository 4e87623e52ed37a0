// The source view: one file of the run with, per line, the samples whose stack passed through it on
// CPU, waiting for the GIL and waiting on another lock (inclusive: a call's line counts what it called).
// It follows the thread and the time range the rest of the detail shows, and scrolls to the line asked for.
import { useEffect, useRef } from 'react';
import type { RunRange } from '../../../../main/shared/api-contract.ts';
import type { SourceLineCounts, SourceView } from '../../../../main/shared/run-views.ts';
import { stateColor } from '../../../../main/shared/thread-state-style.ts';
import { useRequest } from '../../api/use-request.ts';
import { Notice } from '../../components/notice.tsx';
import { baseName, formatPercent, plural } from '../../logic/format.ts';

type Column = { key: keyof Omit<SourceLineCounts, 'onCpuSelf'>; label: string; color: string; title: string };

const COLUMNS: readonly Column[] = [
  {
    key: 'onCpu',
    label: 'On CPU',
    color: stateColor('running'),
    title: 'Samples running or runnable with this line on the stack (it or what it called)',
  },
  {
    key: 'gilWait',
    label: 'GIL wait',
    color: stateColor('gilWait'),
    title: 'Samples waiting for the GIL with this line on the stack',
  },
  {
    key: 'lockWait',
    label: 'Lock wait',
    color: stateColor('lockWait'),
    title: 'Samples waiting on another lock (or I/O) with this line on the stack',
  },
];

const ORIGIN_NOTE: Record<SourceView['origin'], string> = {
  stored: 'The text as it was when the run ended (stored with the run).',
  disk: 'Read from disk now: this run was recorded before GILscope kept sources, so the file may have changed since.',
  none: '',
};

// `file` as the run's stacks name it; `tid` null = all threads; `range` null = the whole run.
export function SourcePanel(props: {
  runId: number;
  file: string;
  line: number;
  tid: number | null;
  threadName: string | null;
  range: RunRange | null;
  onClose: () => void;
}) {
  const { runId, file, tid, range } = props;
  const key = `${runId}:${file}:${tid}:${range ? `${range.fromNs}-${range.toNs}` : 'all'}`;
  const source = useRequest('runs:source', { runId, file, tid, range }, key);
  const view = source.data;
  const scrollRef = useRef<HTMLDivElement>(null);
  const panelRef = useRef<HTMLDivElement>(null);
  const hasText = (view?.lines.length ?? 0) > 0;

  // Bring the panel on screen and the asked-for line to the middle of its scroll box once the text is there.
  const loaded = view !== null;
  useEffect(() => {
    const box = scrollRef.current;
    const row = box?.querySelector<HTMLElement>(`[data-line="${props.line}"]`);
    if (row && box) box.scrollTop = row.offsetTop - box.clientHeight / 2;
    panelRef.current?.scrollIntoView({ block: 'nearest' });
  }, [props.line, hasText, loaded, file]);

  const countsByLine = new Map(view?.counts.map((c) => [c.line, c]) ?? []);
  // Lines to show: the text; without text, the sampled lines alone (their counts still say where time went).
  const rows = hasText
    ? view!.lines.map((text, i) => ({ line: i + 1, text }))
    : (view?.counts ?? []).map((c) => ({ line: c.line, text: null }));

  return (
    <div
      ref={panelRef}
      className="panel source-panel"
      data-testid="source-view"
      data-origin={view?.origin ?? 'loading'}
      data-file={file}
    >
      <div className="panel-title row spread">
        <h3 title={file}>
          Source · <span className="mono">{baseName(file)}</span>
          <span className="muted">:{props.line}</span>
        </h3>
        <div className="row">
          <span className="muted hint-right" data-testid="source-scope">
            {props.threadName ?? 'All threads'} · {range ? 'selected range' : 'whole run'}
          </span>
          <button type="button" data-testid="source-close" onClick={props.onClose}>
            Close
          </button>
        </div>
      </div>
      <p className="muted mono source-path">{file}</p>
      {source.kind === 'error' && (
        <Notice tone="error" title="Could not load the source:">
          {source.message}
        </Notice>
      )}
      {!view && source.kind === 'loading' && <p className="muted">Loading…</p>}
      {view && (
        <>
          <p className="muted" data-testid="source-origin">
            {view.origin === 'none'
              ? `No text for this file: ${view.problem ?? 'unknown reason'}.`
              : ORIGIN_NOTE[view.origin]}{' '}
            {view.counts.length === 0
              ? 'No sample in this selection passed through this file.'
              : `${plural(view.counts.length, 'line')} sampled. Each bar is the line's share of its column's samples in the selection: ${plural(view.totals.onCpu, 'sample')} on CPU, ${view.totals.gilWait.toLocaleString('en-US')} waiting for the GIL, ${view.totals.lockWait.toLocaleString('en-US')} waiting on a lock.`}
          </p>
          <div ref={scrollRef} className="table-scroll source-scroll">
            <table className="data-table source-table">
              <thead>
                <tr>
                  {COLUMNS.map((c) => (
                    <th key={c.key} className="num" title={c.title}>
                      {c.label}
                    </th>
                  ))}
                  <th className="num">Line</th>
                  <th>Code</th>
                </tr>
              </thead>
              <tbody>
                {rows.map(({ line, text }) => {
                  const counts = countsByLine.get(line);
                  return (
                    <tr
                      key={line}
                      data-testid="source-line"
                      data-line={line}
                      data-on-cpu={counts?.onCpu ?? 0}
                      data-gil-wait={counts?.gilWait ?? 0}
                      data-lock-wait={counts?.lockWait ?? 0}
                      className={line === props.line ? 'source-target' : undefined}
                      aria-current={line === props.line ? 'location' : undefined}
                    >
                      {COLUMNS.map((c) => (
                        <CountCell key={c.key} column={c} count={counts?.[c.key] ?? 0} total={view.totals[c.key]} />
                      ))}
                      <td className="num muted source-number">{line}</td>
                      <td className="mono source-code">{text ?? <span className="muted">(no text)</span>}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </>
      )}
    </div>
  );
}

// A sample count with a bar for its share of the column's samples; empty when nothing was sampled there.
function CountCell(props: { column: Column; count: number; total: number }) {
  if (props.count === 0) return <td className="num source-count" />;
  const share = props.total > 0 ? props.count / props.total : 0;
  return (
    <td
      className="num source-count share"
      title={`${plural(props.count, 'sample')} ${props.column.label.toLowerCase()}: ${formatPercent(share)} of ${plural(props.total, 'sample')}`}
    >
      <span
        className="share-bar"
        style={{ width: `${Math.min(1, share) * 100}%`, background: props.column.color, opacity: 0.35 }}
      />
      {props.count.toLocaleString('en-US')}
    </td>
  );
}
