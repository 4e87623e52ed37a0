// A table column header that sorts by its column: a click sorts (or reverses); an arrow and aria-sort say how.

/** `active`: the table is sorted by this column, `descending` or not. */
export function SortHeader(props: {
  label: string;
  active: boolean;
  descending: boolean;
  onSort: () => void;
  numeric?: boolean | undefined;
  title?: string | undefined;
  testId?: string;
}) {
  const direction = props.descending ? 'descending' : 'ascending';
  return (
    <th className={props.numeric ? 'num' : undefined} title={props.title} aria-sort={props.active ? direction : 'none'}>
      <button type="button" className="sort" data-testid={props.testId} onClick={props.onSort}>
        {props.label}
        {props.active ? (props.descending ? ' ▼' : ' ▲') : ''}
      </button>
    </th>
  );
}
