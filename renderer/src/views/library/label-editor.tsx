// Inline label editing for a run row: click to edit, Enter saves, Escape cancels, empty clears.
import { useState } from 'react';

// Shows the label (or a faint "add label"), and an input while editing.
export function LabelEditor(props: { label: string | null; onSave: (label: string | null) => Promise<void> }) {
  const [editing, setEditing] = useState(false);
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  if (!editing)
    return (
      <button
        type="button"
        className="link label-button"
        data-testid="run-label"
        title="Rename / label this run"
        onClick={(e) => {
          e.stopPropagation();
          setText(props.label ?? '');
          setEditing(true);
        }}
      >
        {props.label ?? <span className="muted">add label</span>}
      </button>
    );
  const save = async () => {
    setBusy(true);
    await props.onSave(text.trim() === '' ? null : text.trim());
    setBusy(false);
    setEditing(false);
  };
  return (
    <input
      className="label-input"
      data-testid="run-label-input"
      value={text}
      autoFocus
      disabled={busy}
      maxLength={200}
      onClick={(e) => e.stopPropagation()}
      onChange={(e) => setText(e.target.value)}
      onKeyDown={(e) => {
        e.stopPropagation();
        if (e.key === 'Enter') void save();
        if (e.key === 'Escape') setEditing(false);
      }}
      onBlur={() => !busy && void save()}
    />
  );
}
