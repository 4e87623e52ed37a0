// The New experiment form: one script run across interpreters × GIL modes (× values of one argument or
// environment variable) × repetitions. Picking a free-threaded interpreter proposes GIL on and off, 3 each.
import { useEffect, useMemo, useRef, useState } from 'react';
import type { HostInfo } from '../../../../main/shared/api-contract.ts';
import { getApi } from '../../api/get-api.ts';
import { errorMessage, useRequest } from '../../api/use-request.ts';
import { InterpreterLabel } from '../../components/badges.tsx';
import { CommandFields, InputField, SamplingFields } from '../../components/input-field.tsx';
import { Notice } from '../../components/notice.tsx';
import { RequestError } from '../../components/request-error.tsx';
import { SubmitNotice, type SubmitState } from '../../components/submit-notice.tsx';
import {
  checkExperimentForm,
  countRuns,
  experimentLimits,
  toggleGilMode,
  toggleInterpreter,
  type ExperimentForm,
} from '../../logic/experiment-form.ts';
import { ScriptField } from '../new-run/script-field.tsx';
import type { GilMode } from '../../../../main/shared/vocabulary.ts';

const modeLabels: Record<GilMode, string> = {
  on: 'GIL on (PYTHON_GIL=1)',
  off: 'GIL off (PYTHON_GIL=0)',
  default: 'Build default',
};

// The form lives in the shell so it survives navigation; `onStarted` opens the running experiment.
export function ExperimentFormView(props: {
  form: ExperimentForm;
  setForm: (update: (form: ExperimentForm) => ExperimentForm) => void;
  host: HostInfo | null;
  onStarted: (experimentId: number) => void;
  onCancel: () => void;
}) {
  const { form, setForm } = props;
  const list = useRequest('interpreters:list', { refresh: false }, 'experiment-interpreters');
  const interpreters = useMemo(() => list.data?.interpreters ?? [], [list.data]);
  const [showProblems, setShowProblems] = useState(false);
  const [submit, setSubmit] = useState<SubmitState>({
    kind: 'idle',
  });
  const scriptRef = useRef<HTMLInputElement>(null);
  const check = useMemo(() => checkExperimentForm(form, interpreters), [form, interpreters]);
  const problems = showProblems && check.kind === 'invalid' ? check.problems : {};
  const runs = countRuns(form, interpreters);
  const anyFreeThreaded = form.interpreters.some((p) => interpreters.find((i) => i.path === p)?.freeThreaded);
  const set = <K extends keyof ExperimentForm>(key: K, value: ExperimentForm[K]) =>
    setForm((f) => ({ ...f, [key]: value }));
  const inputs = { idPrefix: 'experiment-', form, problems, onChange: set };

  // First visit: propose the first free-threaded interpreter (GIL on and off, 3 repetitions).
  useEffect(() => {
    if (list.kind !== 'ok' || form.interpreters.length > 0) return;
    const ft = interpreters.find((i) => i.freeThreaded) ?? interpreters[0];
    if (ft) setForm((f) => (f.interpreters.length > 0 ? f : toggleInterpreter(f, ft.path, interpreters)));
    // Only when the list arrives.
  }, [list.kind]);

  const openScript = async () => {
    if (!props.host?.nativeDialogs) return scriptRef.current?.focus();
    try {
      const { path } = await getApi().request('dialog:open-script', undefined);
      if (path) set('script', path);
    } catch (error) {
      setSubmit({ kind: 'error', message: errorMessage(error) });
    }
  };

  const start = async () => {
    setShowProblems(true);
    if (check.kind !== 'ok' || submit.kind === 'busy') return;
    setSubmit({ kind: 'busy' });
    try {
      const response = await getApi().request('experiments:start', check.spec);
      if (response.kind === 'refused') return setSubmit({ kind: 'refused', message: response.message });
      setSubmit({ kind: 'idle' });
      props.onStarted(response.experimentId);
    } catch (error) {
      setSubmit({ kind: 'error', message: errorMessage(error) });
    }
  };

  return (
    <section className="view" aria-labelledby="experiment-form-title">
      <header className="view-header row spread">
        <div>
          <h2 id="experiment-form-title">New experiment</h2>
          <p className="muted">
            Run one script across interpreters and GIL modes, several times each, and line the results up. Every run is
            stored like any other.
          </p>
        </div>
        <button type="button" onClick={props.onCancel}>
          All experiments
        </button>
      </header>
      <form
        className="form-grid"
        data-testid="experiment-form"
        onSubmit={(e) => {
          e.preventDefault();
          void start();
        }}
      >
        <ScriptField {...inputs} host={props.host} onOpen={() => void openScript()} inputRef={scriptRef} />
        <div className="field-row two">
          <CommandFields {...inputs} argsPlaceholder="--threads {value}" />
        </div>
        <fieldset className="field" data-testid="experiment-interpreters">
          <legend>Interpreters</legend>
          {list.kind === 'loading' && interpreters.length === 0 && <p className="muted">Looking for interpreters…</p>}
          <RequestError state={list} title="Could not list interpreters:" />
          {list.kind === 'ok' && interpreters.length === 0 && (
            <Notice tone="warning">No Python interpreter found. Add one on the New run screen.</Notice>
          )}
          <div className="check-list">
            {interpreters.map((i) => (
              <label key={i.path} className="check-row" data-testid="experiment-interpreter" data-path={i.path}>
                <input
                  type="checkbox"
                  checked={form.interpreters.includes(i.path)}
                  onChange={() => setForm((f) => toggleInterpreter(f, i.path, interpreters))}
                />
                <InterpreterLabel interpreter={i} />
                <code className="muted">{i.path}</code>
              </label>
            ))}
          </div>
          {problems.interpreters && <p className="field-error">{problems.interpreters}</p>}
        </fieldset>
        {anyFreeThreaded ? (
          <fieldset className="field" data-testid="experiment-gil-modes">
            <legend>GIL modes (free-threaded interpreters)</legend>
            <div className="row wrap">
              {(['on', 'off', 'default'] as const).map((mode) => (
                <label key={mode} className="check-row">
                  <input
                    type="checkbox"
                    data-testid={`experiment-gil-${mode}`}
                    checked={form.gilModes.includes(mode)}
                    onChange={() => setForm((f) => toggleGilMode(f, mode))}
                  />
                  {modeLabels[mode]}
                </label>
              ))}
            </div>
            <p className="hint">Interpreters with a GIL always run as they are, once per repetition.</p>
            {problems.gilModes && <p className="field-error">{problems.gilModes}</p>}
          </fieldset>
        ) : (
          <p className="hint" data-testid="experiment-gil-unavailable">
            GIL modes are offered for free-threaded interpreters only; GIL builds run as they are.
          </p>
        )}
        <div className="field-row">
          <InputField
            id="exp-repeat"
            testId="experiment-repeat"
            label="Repetitions"
            input={{ type: 'number', min: 1, max: experimentLimits.maxRepeat }}
            value={form.repeatText}
            onChange={(v) => setForm((f) => ({ ...f, repeatText: v, touched: true }))}
            problem={problems.repeatText}
          />
          <SamplingFields {...inputs} durationLabel="Stop each run after (s)" />
        </div>
        <fieldset className="field">
          <legend>Vary (optional)</legend>
          <div className="field-row">
            <select
              aria-label="What to vary"
              data-testid="experiment-vary-kind"
              value={form.varyKind}
              onChange={(e) => set('varyKind', e.target.value as ExperimentForm['varyKind'])}
            >
              <option value="none">Nothing</option>
              <option value="arg">An argument ({'{value}'} in the arguments)</option>
              <option value="env">An environment variable</option>
            </select>
            {form.varyKind !== 'none' && (
              <>
                <input
                  aria-label="Name"
                  data-testid="experiment-vary-name"
                  placeholder={form.varyKind === 'env' ? 'N_THREADS' : 'threads'}
                  value={form.varyName}
                  onChange={(e) => set('varyName', e.target.value)}
                  spellCheck={false}
                />
                <input
                  aria-label="Values"
                  data-testid="experiment-vary-values"
                  placeholder="1, 2, 4, 8"
                  value={form.varyValuesText}
                  onChange={(e) => set('varyValuesText', e.target.value)}
                  spellCheck={false}
                />
              </>
            )}
          </div>
          {problems.varyName && <p className="field-error">{problems.varyName}</p>}
          {problems.varyValuesText && <p className="field-error">{problems.varyValuesText}</p>}
        </fieldset>
        <div className="actions">
          <button type="submit" className="primary" data-testid="experiment-start" disabled={submit.kind === 'busy'}>
            {submit.kind === 'busy' ? 'Starting…' : 'Start experiment'}
          </button>
          <span className="muted" data-testid="experiment-run-count">
            {runs > 0 ? `${runs} run${runs === 1 ? '' : 's'}, one after another` : ''}
          </span>
        </div>
        <SubmitNotice submit={submit} testIdPrefix="experiment" />
      </form>
    </section>
  );
}
