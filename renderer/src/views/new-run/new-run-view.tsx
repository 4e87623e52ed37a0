// The New run screen: script, arguments, working directory, interpreter, GIL mode, rate, duration,
// and Profile (Ctrl+Enter). Refusals from the backend appear inline with their message.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type {
  HostInfo,
  InterpreterView,
  ProfileStartRequest,
  ProfileStartResponse,
} from '../../../../main/shared/api-contract.ts';
import { getApi } from '../../api/get-api.ts';
import { errorMessage } from '../../api/use-request.ts';
import { useCommand } from '../../commands.ts';
import { Kbd } from '../../components/kbd.tsx';
import { CommandFields, SamplingFields } from '../../components/input-field.tsx';
import { SubmitNotice, type SubmitState } from '../../components/submit-notice.tsx';
import { checkNewRunForm, type NewRunForm } from '../../logic/new-run-form.ts';
import { InterpreterPicker } from './interpreter-picker.tsx';
import { ScriptField } from './script-field.tsx';

// The form lives in the shell so it survives navigating away and back.
export function NewRunView(props: {
  form: NewRunForm;
  setForm: (update: (form: NewRunForm) => NewRunForm) => void;
  host: HostInfo | null;
  recording: boolean;
  startProfile: (request: ProfileStartRequest) => Promise<ProfileStartResponse>;
  pendingOpen: boolean;
  clearPendingOpen: () => void;
  /** Opens "Attach to process…" (a running process instead of a script). */
  onAttach: () => void;
}) {
  const { form, setForm } = props;
  const [interpreters, setInterpreters] = useState<InterpreterView[]>([]);
  const [showProblems, setShowProblems] = useState(false);
  const [submit, setSubmit] = useState<SubmitState>({
    kind: 'idle',
  });
  const scriptRef = useRef<HTMLInputElement>(null);
  const interpreter = interpreters.find((i) => i.path === form.python);
  const check = useMemo(() => checkNewRunForm(form, interpreter), [form, interpreter]);
  const problems = showProblems && check.kind === 'invalid' ? check.problems : {};
  const set = <K extends keyof NewRunForm>(key: K, value: NewRunForm[K]) => setForm((f) => ({ ...f, [key]: value }));
  const inputs = { idPrefix: '', form, problems, onChange: set };
  const onPython = useCallback((path: string) => setForm((f) => ({ ...f, python: path })), [setForm]);

  const openScript = useCallback(async () => {
    if (!props.host?.nativeDialogs) {
      scriptRef.current?.focus();
      scriptRef.current?.select();
      return;
    }
    try {
      const { path } = await getApi().request('dialog:open-script', undefined);
      if (path) setForm((f) => ({ ...f, script: path }));
    } catch (error) {
      setSubmit({ kind: 'error', message: errorMessage(error) });
    }
  }, [props.host, setForm]);

  const profile = async () => {
    setShowProblems(true);
    if (check.kind !== 'ok' || submit.kind === 'busy' || props.recording) return;
    setSubmit({ kind: 'busy' });
    try {
      const response = await props.startProfile(check.request);
      setSubmit(response.kind === 'refused' ? { kind: 'refused', message: response.message } : { kind: 'idle' });
    } catch (error) {
      setSubmit({ kind: 'error', message: errorMessage(error) });
    }
  };

  // A refusal answers the form as it was: once the user edits it, the notice is stale and goes.
  useEffect(() => {
    setSubmit((current) => (current.kind === 'refused' || current.kind === 'error' ? { kind: 'idle' } : current));
  }, [form]);

  useCommand('open-script', () => void openScript());
  useCommand('profile', () => void profile());
  const { pendingOpen, clearPendingOpen } = props;
  useEffect(() => {
    if (!pendingOpen) return;
    clearPendingOpen();
    void openScript();
  }, [pendingOpen, clearPendingOpen, openScript]);

  return (
    <section className="view new-run" aria-labelledby="new-run-title">
      <header className="view-header">
        <h2 id="new-run-title">New run</h2>
        <p className="muted">
          Run a Python script under the sampler and see where its threads spend their time — and whether the GIL holds
          them back.{' '}
          <button type="button" className="link" data-testid="attach-link" onClick={props.onAttach}>
            Attach to a running process…
          </button>
        </p>
      </header>
      <form
        className="form-grid"
        onSubmit={(e) => {
          e.preventDefault();
          void profile();
        }}
      >
        <ScriptField {...inputs} host={props.host} onOpen={() => void openScript()} inputRef={scriptRef} />
        <CommandFields
          {...inputs}
          argsPlaceholder={'--threads 8 "quoted arg"'}
          argsHint="Split like a shell: quotes group words, a backslash escapes one character."
        />
        <InterpreterPicker value={form.python} onChange={onPython} onList={setInterpreters} problem={problems.python} />
        <div className="field-row">
          <div className="field">
            <label htmlFor="gil-mode">GIL mode</label>
            {interpreter?.freeThreaded ? (
              <select
                id="gil-mode"
                data-testid="gil-mode-select"
                value={form.gilMode}
                onChange={(e) => set('gilMode', e.target.value as NewRunForm['gilMode'])}
              >
                <option value="default">Default ({interpreter.gilEnabledByDefault ? 'on' : 'off'})</option>
                <option value="on">On (PYTHON_GIL=1)</option>
                <option value="off">Off (PYTHON_GIL=0)</option>
              </select>
            ) : (
              <p className="hint static" data-testid="gil-mode-unavailable">
                Always on — only free-threaded builds can switch the GIL.
              </p>
            )}
          </div>
          <SamplingFields {...inputs} durationLabel="Stop after (s)" />
        </div>
        <div className="actions">
          <button
            type="submit"
            className="primary"
            data-testid="profile-button"
            disabled={submit.kind === 'busy' || props.recording}
          >
            {submit.kind === 'busy' ? 'Starting…' : 'Profile'} <Kbd keys="Ctrl+Enter" />
          </button>
          {props.recording && <span className="muted">A run is recording; stop it first (Ctrl+.).</span>}
        </div>
        <SubmitNotice submit={submit} testIdPrefix="profile" />
      </form>
    </section>
  );
}
