// Interpreter picker: discovered interpreters with version, free-threaded badge, source and path;
// rescan; "Add interpreter…" by path with the backend's reason when it is rejected.
import { useEffect, useState } from 'react';
import type { InterpreterView } from '../../../../main/shared/api-contract.ts';
import { getApi } from '../../api/get-api.ts';
import { errorMessage, useRequest } from '../../api/use-request.ts';
import { InterpreterLabel } from '../../components/badges.tsx';
import { Notice } from '../../components/notice.tsx';
import { RequestError } from '../../components/request-error.tsx';
import { plural } from '../../logic/format.ts';

// Lists interpreters and reports the list up so the form can validate against the chosen one.
export function InterpreterPicker(props: {
  value: string;
  onChange: (path: string) => void;
  onList: (interpreters: InterpreterView[]) => void;
  problem: string | undefined;
}) {
  const [scan, setScan] = useState({ n: 0, refresh: false });
  const list = useRequest('interpreters:list', { refresh: scan.refresh }, `scan-${scan.n}`);
  const [adding, setAdding] = useState(false);
  const [addPath, setAddPath] = useState('');
  const [addState, setAddState] = useState<{ kind: 'idle' | 'busy' } | { kind: 'rejected'; message: string }>({
    kind: 'idle',
  });
  const { onChange, onList, value } = props;
  const interpreters = list.data?.interpreters ?? [];

  useEffect(() => {
    if (list.kind !== 'ok') return;
    onList(list.data.interpreters);
    const first = list.data.interpreters[0];
    if (first && !list.data.interpreters.some((i) => i.path === value)) onChange(first.path);
  }, [list, onList, onChange, value]);

  const add = async () => {
    setAddState({ kind: 'busy' });
    try {
      const result = await getApi().request('interpreters:add', { path: addPath.trim() });
      if (result.kind === 'rejected') return setAddState({ kind: 'rejected', message: result.message });
      setAddState({ kind: 'idle' });
      setAdding(false);
      setAddPath('');
      onChange(result.interpreter.path);
      setScan((s) => ({ n: s.n + 1, refresh: false }));
    } catch (error) {
      setAddState({ kind: 'rejected', message: errorMessage(error) });
    }
  };

  const chosen = interpreters.find((i) => i.path === value);
  return (
    <div className="field">
      <label htmlFor="interpreter">Interpreter</label>
      <div className="row">
        <select
          id="interpreter"
          data-testid="interpreter-select"
          value={chosen ? value : ''}
          onChange={(e) => onChange(e.target.value)}
          disabled={interpreters.length === 0}
          aria-invalid={props.problem !== undefined}
        >
          {interpreters.length === 0 && (
            <option value="">{list.kind === 'loading' ? 'Looking for interpreters…' : 'No interpreter found'}</option>
          )}
          {interpreters.map((i) => (
            <option key={i.path} value={i.path}>
              Python {i.version}
              {i.freeThreaded ? ' (free-threaded)' : ''} — {i.source} — {i.path}
            </option>
          ))}
        </select>
        <button
          type="button"
          onClick={() => setScan((s) => ({ n: s.n + 1, refresh: true }))}
          disabled={list.kind === 'loading'}
          title="Scan PATH, pyenv, uv, conda… again"
        >
          Rescan
        </button>
        <button type="button" data-testid="add-interpreter-button" onClick={() => setAdding((a) => !a)}>
          Add interpreter…
        </button>
      </div>
      {chosen && (
        <p className="hint">
          <InterpreterLabel interpreter={chosen} /> · found via {chosen.source} · <code>{chosen.path}</code>
          {chosen.freeThreaded && (chosen.gilEnabledByDefault ? ' · GIL on by default' : ' · GIL off by default')}
        </p>
      )}
      <RequestError state={list} title="Could not list interpreters:" />
      {list.kind === 'ok' && interpreters.length === 0 && (
        <Notice tone="warning" title="No Python interpreter found." testId="no-interpreters">
          GILscope looked on PATH and in pyenv, uv, conda and system folders. Install CPython 3.10 or later, or add one
          by its path.
        </Notice>
      )}
      {props.problem && <p className="field-error">{props.problem}</p>}
      {adding && (
        <div className="row add-interpreter">
          <input
            data-testid="add-interpreter-path"
            placeholder="/path/to/python3.13t"
            value={addPath}
            onChange={(e) => setAddPath(e.target.value)}
            onKeyDown={(e) => e.key === 'Enter' && addPath.trim() !== '' && void add()}
            autoFocus
          />
          <button type="button" onClick={() => void add()} disabled={addPath.trim() === '' || addState.kind === 'busy'}>
            Add
          </button>
        </div>
      )}
      {addState.kind === 'rejected' && (
        <Notice tone="error" title="Interpreter rejected:" testId="add-interpreter-error">
          {addState.message}
        </Notice>
      )}
      {list.data && list.data.rejected.length > 0 && (
        <details className="rejected">
          <summary>{plural(list.data.rejected.length, 'interpreter')} found but not usable</summary>
          <ul>
            {list.data.rejected.map((r) => (
              <li key={r.path}>
                <code>{r.path}</code> — {r.message}
              </li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}
