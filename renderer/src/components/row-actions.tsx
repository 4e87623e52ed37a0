// A list row that opens on click or Enter, and its Open / Delete buttons (which do not open it twice).
import type { KeyboardEvent } from 'react';
import type { PendingDelete } from './confirm-delete.tsx';

/** The props that make the table row of item `id` (test id `testId`) call `open(id)` on click, or on Enter while the row itself has focus. */
export function openableRow(open: (id: number) => void, id: number, testId: string) {
  return {
    className: 'clickable',
    tabIndex: 0,
    'data-testid': testId,
    onClick: () => open(id),
    onKeyDown: (e: KeyboardEvent<HTMLTableRowElement>) => e.key === 'Enter' && e.target === e.currentTarget && open(id),
  };
}

/** The last cell of such a row: Open, and Delete (asks first; disabled while the item is still running). Test ids are PREFIX-open and PREFIX-delete. */
export function OpenDeleteActions<T extends { id: number; status: string }>(props: {
  item: T;
  onOpen: (id: number) => void;
  deleting: PendingDelete<T>;
  testIdPrefix: string;
}) {
  const { item } = props;
  return (
    <td className="row-actions">
      <button
        type="button"
        data-testid={`${props.testIdPrefix}-open`}
        onClick={(e) => (e.stopPropagation(), props.onOpen(item.id))}
      >
        Open
      </button>
      <button
        type="button"
        className="danger-quiet"
        data-testid={`${props.testIdPrefix}-delete`}
        disabled={item.status === 'running'}
        onClick={(e) => (e.stopPropagation(), props.deleting.ask(item))}
      >
        Delete
      </button>
    </td>
  );
}
