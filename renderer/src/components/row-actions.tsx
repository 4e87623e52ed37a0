// A list row that opens on click or Enter, and its Open / Delete buttons (which do not open it twice).
import type { KeyboardEvent } from 'react';

/** The props that make a table row open `open` on click, or on Enter while the row itself has focus. */
export function openableRow(open: () => void) {
  return {
    className: 'clickable',
    tabIndex: 0,
    onClick: open,
    onKeyDown: (e: KeyboardEvent<HTMLTableRowElement>) => e.key === 'Enter' && e.target === e.currentTarget && open(),
  };
}

/** The last cell of such a row; Delete is disabled while the item is still running. */
export function OpenDeleteActions(props: {
  onOpen: () => void;
  onDelete: () => void;
  running: boolean;
  openTestId?: string;
  deleteTestId: string;
}) {
  return (
    <td className="row-actions">
      <button type="button" data-testid={props.openTestId} onClick={(e) => (e.stopPropagation(), props.onOpen())}>
        Open
      </button>
      <button
        type="button"
        className="danger-quiet"
        data-testid={props.deleteTestId}
        disabled={props.running}
        onClick={(e) => (e.stopPropagation(), props.onDelete())}
      >
        Delete
      </button>
    </td>
  );
}
