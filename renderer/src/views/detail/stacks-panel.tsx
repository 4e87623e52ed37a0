// Stacks of a run: top functions (self/total) and the flame graph, for all threads or one, over all
// samples, on-CPU samples only, or GIL-wait samples only.
import { useState } from 'react';
import type { SampleScope } from '../../../../main/shared/run-views.ts';
import type { RunRange } from '../../../../main/shared/api-contract.ts';
import type { RunSummary } from '../../../../main/shared/run-summary-types.ts';
import { useRequest } from '../../api/use-request.ts';
import { ChoiceButtons, type Choice } from '../../components/choice-buttons.tsx';
import { EmptyState } from '../../components/empty-state.tsx';
import { OptionSelect, type SelectSpec } from '../../components/option-select.tsx';
import { RequestError } from '../../components/request-error.tsx';
import { formatPercent } from '../../logic/format.ts';
import { FlameGraph } from './flame-graph.tsx';
import { SourceLink } from './source-link.tsx';
import { num, TableHead } from '../../components/table-head.tsx';

type StacksTab = 'functions' | 'flame';
const TABS: ReadonlyArray<Choice<StacksTab>> = [
  { value: 'functions', label: 'Top functions', testId: 'tab-functions' },
  { value: 'flame', label: 'Flame graph', testId: 'tab-flame' },
];

const SCOPE_SELECT: SelectSpec<SampleScope> = {
  label: 'Samples',
  testId: 'stacks-scope-select',
  options: [
    { value: 'all', label: 'All samples' },
    { value: 'on-cpu', label: 'On CPU' },
    { value: 'gil-wait', label: 'Waiting for the GIL' },
  ],
};

// The panel with thread/scope/tab controls; `range` (null = whole run) limits the samples. The thread and
// the tab are part of the run's URL (the detail owns them); `onOpenSource` opens a function's file at a line.
export function StacksPanel(props: {
  summary: RunSummary;
  range: RunRange | null;
  tid: number | null;
  onTid: (tid: number | null) => void;
  tab: StacksTab;
  onTab: (tab: StacksTab) => void;
  onOpenSource: (file: string, line: number) => void;
}) {
  const runId = props.summary.runId;
  const { tid, tab } = props;
  const [scope, setScope] = useState<SampleScope>('on-cpu');
  const range = props.range;
  const key = `${runId}:${tid}:${scope}:${range ? `${range.fromNs}-${range.toNs}` : 'all'}`;
  const functions = useRequest('runs:functions', { runId, tid, scope, range }, tab === 'functions' ? key : null);
  const flame = useRequest('runs:flamegraph', { runId, tid, scope, range }, tab === 'flame' ? key : null);

  return (
    <div className="panel">
      <div className="panel-title row spread">
        <ChoiceButtons kind="tabs" choices={TABS} value={tab} onChange={props.onTab} />
        <div className="row">
          <select
            aria-label="Thread"
            data-testid="stacks-thread-select"
            value={tid ?? ''}
            onChange={(e) => props.onTid(e.target.value === '' ? null : Number(e.target.value))}
          >
            <option value="">All threads</option>
            {props.summary.threads.map((t) => (
              <option key={t.tid} value={t.tid}>
                {t.name} ({t.tid})
              </option>
            ))}
          </select>
          <OptionSelect {...SCOPE_SELECT} value={scope} onChange={setScope} />
        </div>
      </div>
      {tab === 'functions' && (
        <>
          <RequestError state={functions} title="Could not load functions:" />
          {functions.kind === 'loading' && !functions.data && <p className="muted">Loading…</p>}
          {functions.kind !== 'error' && functions.data === null && functions.kind === 'ok' && <NoStacks />}
          {functions.data && functions.data.functions.length === 0 && (
            <EmptyState title="No samples in this selection" />
          )}
          {functions.data && functions.data.functions.length > 0 && (
            <div className="table-scroll tall">
              <table className="data-table" data-testid="functions-table">
                <TableHead columns={['Function', 'Location', num('Self'), num('Total')]} />
                <tbody>
                  {functions.data.functions.map((f, i) => (
                    <tr key={`${f.file}:${f.function}:${i}`}>
                      <td className="mono">{f.function}</td>
                      <td className="mono muted">
                        <SourceLink file={f.file} line={f.line} onOpen={props.onOpenSource} />
                      </td>
                      <td className="num share">
                        <span className="share-bar" style={{ width: `${f.selfFraction * 100}%` }} />
                        {formatPercent(f.selfFraction)}
                      </td>
                      <td className="num">{formatPercent(f.totalFraction)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
      {tab === 'flame' && (
        <>
          <RequestError state={flame} title="Could not load the flame graph:" />
          {flame.kind === 'loading' && !flame.data && <p className="muted">Loading…</p>}
          {flame.kind === 'ok' && flame.data === null && <NoStacks />}
          {flame.data && flame.data.value === 0 && <EmptyState title="No samples in this selection" />}
          {flame.data && flame.data.value > 0 && <FlameGraph root={flame.data} onOpenSource={props.onOpenSource} />}
        </>
      )}
    </div>
  );
}

function NoStacks() {
  return (
    <EmptyState title="This run has no stacks" testId="no-stacks">
      <p>
        Python stacks were not recorded (stack sampling off, or the interpreter's memory could not be read). State and
        CPU figures are still exact.
      </p>
    </EmptyState>
  );
}
