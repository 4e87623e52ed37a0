// A native <dialog> shown as a modal while `open` is true (Escape and focus trapping come with it).
import { useEffect, useRef } from 'react';

/** The ref to put on the <dialog>; it opens and closes with `open`. */
export function useModalDialog(open: boolean) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return ref;
}
