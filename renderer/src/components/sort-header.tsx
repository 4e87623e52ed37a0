// A table column header that sorts by its column: a click sorts (or reverses); an arrow and aria-sort say how.

/** A sortable column: its key, heading, whether it holds numbers, and a hover text. */
export interface SortColumn<K extends string> {
  key: K;
  label: string;
  numeric?: boolean;
  title?: string;
}

/** `sort`: the column the table is sorted by, and in which direction. */
export function SortHeader<K extends string>(props: {
  column: SortColumn<K>;
  sort: { key: K; descending: boolean };
  onSort: () => void;
  testId?: string;
}) {
  const { column, sort } = props;
  const active = sort.key === column.key;
  const direction = sort.descending ? 'descending' : 'ascending';
  return (
    <th className={column.numeric ? 'num' : undefined} title={column.title} aria-sort={active ? direction : 'none'}>
      <button type="button" className="sort" data-testid={props.testId} onClick={props.onSort}>
        {column.label}
        {active ? (sort.descending ? ' ▼' : ' ▲') : ''}
      </button>
    </th>
  );
}
