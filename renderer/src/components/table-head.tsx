// A data table's header row from a list of columns: a plain label, or a numeric column (right-aligned, as
// its cells are). Columns that are `false` are left out, so a conditional column is written in place.

export type HeadColumn = string | { label: string; numeric: true } | false;

export function TableHead(props: { columns: readonly HeadColumn[] }) {
  return (
    <thead>
      <tr>
        {props.columns.map((column, i) =>
          column === false ? null : typeof column === 'string' ? (
            <th key={i}>{column}</th>
          ) : (
            <th key={i} className="num">
              {column.label}
            </th>
          ),
        )}
      </tr>
    </thead>
  );
}

/** A numeric column. */
export const num = (label: string): HeadColumn => ({ label, numeric: true });
