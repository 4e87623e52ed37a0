// A native <dialog> shown as a modal while `open` (focus trapping comes with it); Escape calls `onCancel`.
import { useEffect, useRef, type ReactNode } from 'react';

export function ModalDialog(props: {
  open: boolean;
  onCancel: () => void;
  className: string;
  testId: string;
  children: ReactNode;
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
      className={props.className}
      data-testid={props.testId}
      onCancel={(e) => (e.preventDefault(), props.onCancel())}
    >
      {props.children}
    </dialog>
  );
}
