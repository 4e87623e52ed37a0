// Placeholder page until the desktop-app issue brings the profiling UI. It exercises the IPC contract
// end to end (renderer → preload → main → zod → handler) by asking for the app version.
import { useEffect, useState } from 'react';

type VersionState = { kind: 'loading' } | { kind: 'ready'; version: string } | { kind: 'unavailable'; reason: string };

// The root component.
export function App() {
  const [version, setVersion] = useState<VersionState>({ kind: 'loading' });

  useEffect(() => {
    // Absent when the page is opened outside Electron (e.g. a browser during e2e work).
    const api = window.gilscope;
    if (!api) {
      setVersion({ kind: 'unavailable', reason: 'not running inside the GILscope shell' });
      return;
    }
    let cancelled = false;
    api.request('app:version', undefined).then(
      ({ version }) => !cancelled && setVersion({ kind: 'ready', version }),
      (error: unknown) => !cancelled && setVersion({ kind: 'unavailable', reason: String(error) }),
    );
    return () => {
      cancelled = true;
    };
  }, []);

  return (
    <main className="placeholder">
      <h1>GILscope</h1>
      <p>Profiling UI arrives with the desktop-app issue.</p>
      <p className="version" data-testid="app-version">
        {version.kind === 'loading' && 'Version: …'}
        {version.kind === 'ready' && `Version ${version.version}`}
        {version.kind === 'unavailable' && `Version unavailable (${version.reason})`}
      </p>
    </main>
  );
}
