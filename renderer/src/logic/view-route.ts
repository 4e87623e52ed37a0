// Every screen has a URL: the view is written to the location's hash (#/run/12, #/compare/3,5,8, …) so
// Back, Forward, reload and a bookmark keep the user's place. Hash routes need nothing from the host
// (the browser host serves one page, Electron a custom protocol) and never reach the server.

/** Where the user is inside a run's detail; every field is optional (absent = the default). */
export interface RunPlace {
  /** The time range selected on the timeline, ns from the run's start. */
  range?: { fromNs: number; toNs: number };
  /** The thread the stacks panel and the source view show. */
  tid?: number;
  /** The stacks panel's tab (top functions is the default). */
  tab?: 'flame';
  /** The open source view: a file as the run's stacks name it, scrolled to `line`. */
  source?: { file: string; line: number };
}

/** A screen of the app and what it shows. */
export type View =
  | { kind: 'new' }
  | { kind: 'attach' }
  | { kind: 'live' }
  | { kind: 'runs' }
  | ({ kind: 'run'; runId: number } & RunPlace)
  | { kind: 'compare'; runIds: number[] }
  | { kind: 'experiments' }
  | { kind: 'experiment-new' }
  | { kind: 'experiment'; experimentId: number };

const ids = (text: string): number[] | null => {
  const list = text.split(',').map(Number);
  return list.length > 0 && list.every((n) => Number.isSafeInteger(n) && n > 0) ? list : null;
};

/** The hash of `view`, e.g. "#/run/12". */
export function viewToHash(view: View): string {
  switch (view.kind) {
    case 'run':
      return `#/run/${view.runId}${placeQuery(view)}`;
    case 'compare':
      return `#/compare/${view.runIds.join(',')}`;
    case 'experiment':
      return `#/experiment/${view.experimentId}`;
    default:
      return `#/${view.kind}`;
  }
}

/** "?from=…&to=…&tid=…&tab=flame&file=…&line=…" for the fields of `place` that are set; "" when none is. */
function placeQuery(place: RunPlace): string {
  const query = new URLSearchParams();
  if (place.range) {
    query.set('from', String(place.range.fromNs));
    query.set('to', String(place.range.toNs));
  }
  if (place.tid !== undefined) query.set('tid', String(place.tid));
  if (place.tab) query.set('tab', place.tab);
  if (place.source) {
    query.set('file', place.source.file);
    query.set('line', String(place.source.line));
  }
  const text = query.toString();
  return text === '' ? '' : `?${text}`;
}

/** The place a run's query names; parts that are missing or malformed are left out (the default shows). */
function parsePlace(text: string): RunPlace {
  const query = new URLSearchParams(text);
  const whole = (name: string): number | null => {
    const value = query.get(name);
    if (value === null || !/^\d+$/.test(value)) return null;
    const n = Number(value);
    return Number.isSafeInteger(n) ? n : null;
  };
  const place: RunPlace = {};
  const fromNs = whole('from');
  const toNs = whole('to');
  if (fromNs !== null && toNs !== null && fromNs < toNs) place.range = { fromNs, toNs };
  const tid = whole('tid');
  if (tid !== null) place.tid = tid;
  if (query.get('tab') === 'flame') place.tab = 'flame';
  const file = query.get('file');
  if (file) place.source = { file, line: whole('line') ?? 1 };
  return place;
}

/** The view a hash names; null for an empty or unknown hash (the caller keeps its default). */
export function hashToView(hash: string): View | null {
  const [route = '', query = ''] = hash.replace(/^#\/?/, '').split(/\?(.*)/s);
  const [kind = '', arg = ''] = route.split('/');
  if (query !== '' && kind !== 'run') return null;
  if (
    kind === 'new' ||
    kind === 'attach' ||
    kind === 'live' ||
    kind === 'runs' ||
    kind === 'experiments' ||
    kind === 'experiment-new'
  )
    return arg === '' ? { kind } : null;
  const list = ids(arg);
  if (!list) return null;
  if (kind === 'run' && list.length === 1) return { kind: 'run', runId: list[0]!, ...parsePlace(query) };
  if (kind === 'experiment' && list.length === 1) return { kind: 'experiment', experimentId: list[0]! };
  if (kind === 'compare' && list.length >= 2) return { kind: 'compare', runIds: list };
  return null;
}
