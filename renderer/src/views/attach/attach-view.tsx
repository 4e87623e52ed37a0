// "Attach to process…": the running CPython processes (pid, interpreter, threads, command line), a filter,
// the sampling settings, and Attach. A process GILscope may not read says why in one line instead.
import { useMemo, useState } from 'react';
import type { AttachStartRequest, ProfileStartResponse } from '../../../../main/shared/api-contract.ts';
import type { RunningPythonView } from '../../../../main/shared/running-python.ts';
import { errorMessage, useRequest } from '../../api/use-request.ts';
import { EmptyState } from '../../components/empty-state.tsx';
import { Notice } from '../../components/notice.tsx';
import { checkAttachForm, describePython, emptyAttachForm, filterProcesses } from '../../logic/attach-form.ts';
import { joinArgs } from '../../logic/split-args.ts';
import { rateLimits } from '../../logic/launch-fields.ts';
import { InputField } from '../../components/input-field.tsx';

type Submit =
  | { kind: 'idle' }
  | { kind: 'busy'; pid: number }
  | { kind: 'refused' | 'error' | 'invalid'; pid: number; message: string };

// `attach` starts the live run in the shell (which opens the Live view); `recording` blocks a second run.
export function AttachView(props: {
  recording: boolean;
  attach: (request: AttachStartRequest, commandLine: string[]) => Promise<ProfileStartResponse>;
  onNewRun: () => void;
}) {
  const list = useRequest('processes:list', undefined, 'processes');
  const [form, setForm] = useState(emptyAttachForm);
  const [query, setQuery] = useState('');
  const [submit, setSubmit] = useState<Submit>({ kind: 'idle' });
  const processes = useMemo(() => filterProcesses(list.data?.processes ?? [], query), [list.data, query]);

  const attach = async (process: RunningPythonView) => {
    const check = checkAttachForm(form, process.pid);
    if (check.kind === 'invalid') return setSubmit({ kind: 'invalid', pid: process.pid, message: check.problem });
    setSubmit({ kind: 'busy', pid: process.pid });
    try {
      const response = await props.attach(check.request, process.commandLine);
      if (response.kind === 'refused') {
        setSubmit({ kind: 'refused', pid: process.pid, message: response.message });
        list.reload();
      } else setSubmit({ kind: 'idle' });
    } catch (error) {
      setSubmit({ kind: 'error', pid: process.pid, message: errorMessage(error) });
    }
  };

  return (
    <section className="view attach" aria-labelledby="attach-title" data-testid="attach-view">
      <header className="view-header row spread">
        <div>
          <h2 id="attach-title">Attach to process</h2>
          <p className="muted">
            Sample a Python process that is already running: a live server, a stuck job. Stop detaches and leaves it
            running; CPU it used before the attach is not counted.
          </p>
        </div>
        <div className="row wrap end">
          <button type="button" data-testid="attach-refresh" onClick={list.reload} disabled={list.kind === 'loading'}>
            {list.kind === 'loading' ? 'Listing…' : 'Refresh'}
          </button>
          <button type="button" onClick={props.onNewRun}>
            Run a script instead
          </button>
        </div>
      </header>
      <div className="field-row attach-settings">
        <div className="field">
          <label htmlFor="attach-filter">Filter</label>
          <input
            id="attach-filter"
            data-testid="attach-filter"
            className="mono"
            placeholder="PID or words of the command line"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            spellCheck={false}
          />
        </div>
        <InputField
          id="attach-rate"
          testId="attach-rate"
          label="Sampling rate (Hz)"
          input={{ type: 'number', min: rateLimits.min, max: rateLimits.max, step: 1 }}
          value={form.rateText}
          onChange={(rateText) => setForm((f) => ({ ...f, rateText }))}
        />
        <InputField
          id="attach-duration"
          testId="attach-duration"
          label="Detach after (s)"
          input={{ type: 'number', min: 0, step: 'any', placeholder: 'until Stop' }}
          value={form.durationText}
          onChange={(durationText) => setForm((f) => ({ ...f, durationText }))}
        />
        <label className="check-row attach-children">
          <input
            type="checkbox"
            data-testid="attach-children"
            checked={form.children}
            onChange={(e) => setForm((f) => ({ ...f, children: e.target.checked }))}
          />{' '}
          Follow child processes
        </label>
      </div>
      {props.recording && <p className="muted">A run is recording; stop it first (Ctrl+.).</p>}
      {list.kind === 'error' && (
        <Notice tone="error" title="Could not list processes:">
          {list.message}
        </Notice>
      )}
      {list.data && list.data.processes.length === 0 && (
        <EmptyState title="No Python process is running" testId="attach-empty">
          <p>Start your program, then Refresh.</p>
        </EmptyState>
      )}
      {list.data && list.data.processes.length > 0 && (
        <div className="table-scroll">
          <table className="data-table attach-table" data-testid="attach-table">
            <thead>
              <tr>
                <th className="num">PID</th>
                <th>Python</th>
                <th className="num">Threads</th>
                <th>Command line</th>
                <th className="num">User</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {processes.map((process) => {
                const failed = submit.kind !== 'idle' && submit.kind !== 'busy' && submit.pid === process.pid;
                const problem = process.refusal ?? (failed ? submit.message : null);
                return (
                  <tr
                    key={process.pid}
                    data-testid="attach-row"
                    data-pid={process.pid}
                    className={process.refusal ? 'refused' : undefined}
                  >
                    <td className="num mono">{process.pid}</td>
                    <td>{describePython(process)}</td>
                    <td className="num">{process.threadCount}</td>
                    <td className="command-line" title={joinArgs(process.commandLine)}>
                      <span className="mono">{joinArgs(process.commandLine)}</span>
                      {problem && (
                        <p
                          className={process.refusal ? 'row-note warn' : 'row-note error'}
                          data-testid={process.refusal ? 'attach-refusal' : 'attach-refused'}
                        >
                          {problem}
                        </p>
                      )}
                    </td>
                    <td className="num">{process.uid}</td>
                    <td>
                      <button
                        type="button"
                        className="primary"
                        data-testid="attach-button"
                        disabled={process.refusal !== null || props.recording || submit.kind === 'busy'}
                        onClick={() => void attach(process)}
                      >
                        {submit.kind === 'busy' && submit.pid === process.pid ? 'Attaching…' : 'Attach'}
                      </button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          {processes.length === 0 && <p className="muted">No process matches “{query}”.</p>}
        </div>
      )}
    </section>
  );
}
