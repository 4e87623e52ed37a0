// One filter of the runs library: a select over one field of the query ('all' = not filtered by it).
import type { ReactNode } from 'react';
import type { RunQuery } from '../../logic/runs-filter.ts';

type FilterField = 'status' | 'interpreter' | 'gilMode';

/** The select of `field`; its options (the children) carry the field's values as they are stored in the query. */
export function QueryFilter(props: {
  field: FilterField;
  label: string;
  testId: string;
  query: RunQuery;
  onChange: (query: RunQuery) => void;
  children: ReactNode;
}) {
  const { field, query } = props;
  return (
    <select
      aria-label={props.label}
      data-testid={props.testId}
      value={query[field]}
      onChange={(e) => props.onChange({ ...query, [field]: e.target.value as RunQuery[FilterField] })}
    >
      {props.children}
    </select>
  );
}
