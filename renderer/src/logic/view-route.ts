// Every screen has a URL: the view is written to the location's hash (#/run/12, #/compare/3,5,8, …) so
// Back, Forward, reload and a bookmark keep the user's place. Hash routes need nothing from the host
// (the browser host serves one page, Electron a custom protocol) and never reach the server.

/** A screen of the app and what it shows. */
export type View =
  | { kind: 'new' }
  | { kind: 'attach' }
  | { kind: 'live' }
  | { kind: 'runs' }
  | { kind: 'run'; runId: number }
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
      return `#/run/${view.runId}`;
    case 'compare':
      return `#/compare/${view.runIds.join(',')}`;
    case 'experiment':
      return `#/experiment/${view.experimentId}`;
    default:
      return `#/${view.kind}`;
  }
}

/** The view a hash names; null for an empty or unknown hash (the caller keeps its default). */
export function hashToView(hash: string): View | null {
  const [kind = '', arg = ''] = hash.replace(/^#\/?/, '').split('/');
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
  if (kind === 'run' && list.length === 1) return { kind: 'run', runId: list[0]! };
  if (kind === 'experiment' && list.length === 1) return { kind: 'experiment', experimentId: list[0]! };
  if (kind === 'compare' && list.length >= 2) return { kind: 'compare', runIds: list };
  return null;
}
