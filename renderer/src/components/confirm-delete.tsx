// Asks before deleting a list's item (a modal dialog): Escape or Cancel declines, the danger button deletes.
import { useState, type ReactNode } from 'react';
import { ModalDialog } from './modal-dialog.tsx';

/** The item a delete waits to be confirmed for: `ask` opens the confirmation, `clear` closes it. */
export interface PendingDelete<T> {
  item: T | null;
  ask: (item: T) => void;
  clear: () => void;
}

/** State for one ConfirmDelete of a list view. */
export function usePendingDelete<T>(): PendingDelete<T> {
  const [item, setItem] = useState<T | null>(null);
  return { item, ask: setItem, clear: () => setItem(null) };
}

/** Shown while an item is pending ("Delete run #3?"); focus starts on Cancel so Enter never deletes by accident. */
export function ConfirmDelete<T extends { id: number }>(props: {
  pending: PendingDelete<T>;
  /** What the item is, in the title: "run", "experiment". */
  what: string;
  children: ReactNode;
  onConfirm: (item: T) => void;
}) {
  const { item, clear } = props.pending;
  const confirm = (confirmed: T) => {
    clear();
    props.onConfirm(confirmed);
  };
  return (
    <ModalDialog open={item !== null} onCancel={clear} className="confirm" testId="confirm-dialog">
      <h3>{`Delete ${props.what} #${item?.id ?? ''}?`}</h3>
      <div>{props.children}</div>
      <div className="row end">
        <button type="button" autoFocus onClick={clear} data-testid="confirm-cancel">
          Cancel
        </button>
        <button type="button" className="danger" onClick={() => item && confirm(item)} data-testid="confirm-ok">
          Delete
        </button>
      </div>
    </ModalDialog>
  );
}
