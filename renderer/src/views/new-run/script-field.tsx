// The script chooser: a path field, Open… (native dialog where the host has one), drag-and-drop of
// a .py file, and the recent scripts list.
import { useState, type DragEvent } from 'react';
import type { HostInfo } from '../../../../main/shared/api-contract.ts';
import { getApi } from '../../api/get-api.ts';
import { useRequest } from '../../api/use-request.ts';
import type { LaunchInputsProps } from '../../components/input-field.tsx';
import { Kbd } from '../../components/kbd.tsx';
import { baseName } from '../../logic/format.ts';
import { isPythonFileName } from '../../logic/new-run-form.ts';

// Electron's preload reveals a dropped file's full path (webUtils); browsers never do.
function droppedPath(file: File): string | null {
  return getApi().pathForFile?.(file) ?? null;
}

// Script path input plus its helpers; `onOpen` runs the native dialog (also bound to Ctrl+O).
export function ScriptField(
  props: LaunchInputsProps<'script'> & {
    host: HostInfo | null;
    onOpen: () => void;
    inputRef: React.RefObject<HTMLInputElement | null>;
  },
) {
  const setPath = (path: string) => props.onChange('script', path);
  const problem = props.problems.script;
  const recent = useRequest('scripts:recent', undefined, 'recent');
  const [dropHint, setDropHint] = useState<string | null>(null);
  const [dragging, setDragging] = useState(false);
  const native = props.host?.nativeDialogs ?? false;

  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    const file = event.dataTransfer.files[0];
    if (!file) return;
    if (!isPythonFileName(file.name)) return setDropHint(`${file.name} is not a Python script (.py).`);
    const path = droppedPath(file);
    if (path) {
      setPath(path);
      setDropHint(null);
    } else {
      setDropHint(`The browser only reveals the file name (${file.name}), not where it is: type its full path above.`);
      props.inputRef.current?.focus();
    }
  };

  return (
    <div
      className={`field drop-zone${dragging ? ' dragging' : ''}`}
      data-testid="script-drop-zone"
      onDragOver={(e) => {
        e.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={onDrop}
    >
      <label htmlFor="script">Script</label>
      <div className="row">
        <input
          id="script"
          ref={props.inputRef}
          data-testid="script-path-input"
          className="mono grow"
          placeholder="/home/you/project/script.py"
          value={props.form.script}
          onChange={(e) => setPath(e.target.value)}
          spellCheck={false}
          aria-invalid={problem !== undefined}
        />
        {native && (
          <button type="button" data-testid="open-script-button" onClick={props.onOpen}>
            Open… <Kbd keys="Ctrl+O" />
          </button>
        )}
      </div>
      <p className="hint">
        {native
          ? 'Drop a .py file here, or type its path.'
          : 'Type the full path of the script on the machine running GILscope (Ctrl+O focuses this field).'}
      </p>
      {problem && <p className="field-error">{problem}</p>}
      {dropHint && (
        <p className="field-error" data-testid="drop-hint">
          {dropHint}
        </p>
      )}
      {recent.data && recent.data.scripts.length > 0 && (
        <div className="recent" data-testid="recent-scripts">
          <span className="muted">Recent:</span>
          {recent.data.scripts.slice(0, 8).map((path) => (
            <button type="button" key={path} className="chip" title={path} onClick={() => setPath(path)}>
              {baseName(path)}
            </button>
          ))}
        </div>
      )}
    </div>
  );
}
