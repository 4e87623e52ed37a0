// Export buttons for a run, a comparison or an experiment: Electron saves through a native dialog; the
// browser host answers with the content, which is handed to the browser as a download.
import { useState } from 'react';
import type { ExportTarget } from '../../../main/shared/compare-types.ts';
import type { ExportFormat } from '../../../main/shared/export-formats.ts';
import { getApi } from '../api/get-api.ts';
import { errorMessage } from '../api/use-request.ts';
import { base64ToBytes, downloadFileName, exportMimeTypes } from '../logic/export-download.ts';

const labels: Record<ExportFormat, string> = {
  html: 'HTML',
  pdf: 'PDF',
  json: 'JSON',
  csv: 'CSV',
  speedscope: 'speedscope',
  collapsed: 'Collapsed',
  trace: 'Trace',
};
const hints: Partial<Record<ExportFormat, string>> = {
  speedscope: 'speedscope JSON: one sampled profile per thread',
  collapsed: 'Collapsed stacks for flamegraph.pl, speedscope or Firefox Profiler',
  trace: 'Trace events for Firefox Profiler: sampled stacks plus GIL and lock markers',
};

// Hands `bytes` to the browser as a file download (Blob + a temporary <a download>).
export function triggerDownload(bytes: Uint8Array<ArrayBuffer>, fileName: string, mimeType: string): void {
  const url = URL.createObjectURL(new Blob([bytes], { type: mimeType }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}

// One button per format (`export-<format>` test ids) and a one-line result.
export function ExportButtons(props: { target: ExportTarget; formats?: ExportFormat[]; disabled?: boolean }) {
  const formats = props.formats ?? ['html', 'pdf', 'json', 'csv'];
  const [state, setState] = useState<
    { kind: 'idle' } | { kind: 'busy'; format: ExportFormat } | { kind: 'done' | 'error'; message: string }
  >({ kind: 'idle' });

  const save = async (format: ExportFormat) => {
    setState({ kind: 'busy', format });
    try {
      const result = await getApi().request('exports:save', { target: props.target, format, path: null });
      if (result.kind === 'saved') return setState({ kind: 'done', message: `Saved ${result.path}` });
      if (result.kind === 'cancelled') return setState({ kind: 'idle' });
      if (result.kind === 'failed') return setState({ kind: 'error', message: result.message });
      const name = downloadFileName(result.fileName, props.target, format);
      triggerDownload(base64ToBytes(result.base64), name, result.mimeType || exportMimeTypes[format]);
      setState({ kind: 'done', message: `Downloaded ${name}` });
    } catch (error) {
      setState({ kind: 'error', message: errorMessage(error) });
    }
  };

  return (
    <div className="export-buttons row wrap" role="group" aria-label="Export">
      <span className="muted">Export</span>
      {formats.map((format) => (
        <button
          key={format}
          type="button"
          className="chip"
          data-testid={`export-${format}`}
          title={hints[format]}
          disabled={props.disabled || state.kind === 'busy'}
          onClick={() => void save(format)}
        >
          {state.kind === 'busy' && state.format === format ? `${labels[format]}…` : labels[format]}
        </button>
      ))}
      {state.kind === 'done' && (
        <span className="muted export-status" data-testid="export-status">
          {state.message}
        </span>
      )}
      {state.kind === 'error' && (
        <span className="field-error export-status" role="alert" data-testid="export-error">
          Export failed: {state.message}
        </span>
      )}
    </div>
  );
}
