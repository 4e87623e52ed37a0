// GILscope's JSON export: one object with `schemaVersion` (bumped only when a field changes meaning or
// disappears; new fields do not bump it), `kind` (run | comparison | experiment) and the data under a key
// named after the kind. The shapes are those of main/shared (RunSummary, ComparisonView, ExperimentView).
import type { BinnedTimeline } from '../../shared/run-views.ts';
import type { ComparisonView, ExperimentView } from '../../shared/compare-types.ts';
import type { RunSummary } from '../../shared/run-summary-types.ts';

/** Version of the export envelope. */
export const EXPORT_SCHEMA_VERSION = 1;

/** What a JSON export contains. */
export type JsonExport =
  | { schemaVersion: number; kind: 'run'; exporter: 'GILscope'; run: RunSummary; timeline: BinnedTimeline | null }
  | { schemaVersion: number; kind: 'comparison'; exporter: 'GILscope'; comparison: ComparisonView }
  | { schemaVersion: number; kind: 'experiment'; exporter: 'GILscope'; experiment: ExperimentView };

type Payload =
  | { kind: 'run'; run: RunSummary; timeline: BinnedTimeline | null }
  | { kind: 'comparison'; comparison: ComparisonView }
  | { kind: 'experiment'; experiment: ExperimentView };

// The export object for `payload`, as pretty-printed JSON text ending in a newline.
export function toJsonExport(payload: Payload): string {
  const document = { schemaVersion: EXPORT_SCHEMA_VERSION, exporter: 'GILscope', ...payload } as JsonExport;
  return `${JSON.stringify(document, null, 2)}\n`;
}
