// Asks before deleting a list's item (a modal dialog): Escape or Cancel declines, the danger button deletes.
import type { ReactNode } from 'react';
import { ModalDialog } from './modal-dialog.tsx';

/** Shown while `item` is set ("Delete run #3?"); focus starts on Cancel so Enter never deletes by accident. */
export function ConfirmDelete<T extends { id: number }>(props: {
  item: T | null;
  /** What the item is, in the title: "run", "experiment". */
  what: string;
  children: ReactNode;
  onConfirm: (item: T) => void;
  onCancel: () => void;
}) {
  const { item } = props;
  return (
    <ModalDialog open={item !== null} onCancel={props.onCancel} className="confirm" testId="confirm-dialog">
      <h3>{`Delete ${props.what} #${item?.id ?? ''}?`}</h3>
      <div>{props.children}</div>
      <div className="row end">
        <button type="button" autoFocus onClick={props.onCancel} data-testid="confirm-cancel">
          Cancel
        </button>
        <button type="button" className="danger" onClick={() => item && props.onConfirm(item)} data-testid="confirm-ok">
          Delete
        </button>
      </div>
    </ModalDialog>
  );
}
