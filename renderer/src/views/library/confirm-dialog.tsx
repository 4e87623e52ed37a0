// A modal confirmation (native <dialog>): Escape or Cancel declines, the danger button confirms.
import { useEffect, useRef, type ReactNode } from 'react';

// Shown while `open`; focus starts on Cancel so Enter never deletes by accident.
export function ConfirmDialog(props: {
  open: boolean;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (props.open && !dialog.open) dialog.showModal();
    if (!props.open && dialog.open) dialog.close();
  }, [props.open]);
  return (
    <dialog
      ref={ref}
      className="confirm"
      data-testid="confirm-dialog"
      onCancel={(e) => (e.preventDefault(), props.onCancel())}
    >
      <h3>{props.title}</h3>
      <div>{props.children}</div>
      <div className="row end">
        <button type="button" autoFocus onClick={props.onCancel} data-testid="confirm-cancel">
          Cancel
        </button>
        <button type="button" className="danger" onClick={props.onConfirm} data-testid="confirm-ok">
          {props.confirmLabel}
        </button>
      </div>
    </dialog>
  );
}
