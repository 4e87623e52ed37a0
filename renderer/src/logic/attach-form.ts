// The "Attach to process…" screen's pure parts: its settings checked into an attach request, and the
// process list filtered by what the user typed (a PID, or words of the command line).
import type { AttachStartRequest } from '../../../main/shared/api-contract.ts';
import type { RunningPythonView } from '../../../main/shared/running-python.ts';
import { rateLimits } from './launch-fields.ts';

/** What the user typed: sampling rate, how long to stay attached, whether to follow children. */
export interface AttachForm {
  rateText: string;
  durationText: string;
  children: boolean;
}

export const emptyAttachForm: AttachForm = { rateText: '100', durationText: '', children: false };

/** The request for `pid`, or the first problem with the settings (one line). */
export function checkAttachForm(
  form: AttachForm,
  pid: number,
): { kind: 'ok'; request: AttachStartRequest } | { kind: 'invalid'; problem: string } {
  const rate = Number(form.rateText);
  if (!Number.isInteger(rate) || rate < rateLimits.min || rate > rateLimits.max)
    return {
      kind: 'invalid',
      problem: `Sampling rate must be a whole number of Hz from ${rateLimits.min} to ${rateLimits.max}.`,
    };
  let duration: number | null = null;
  if (form.durationText.trim() !== '') {
    duration = Number(form.durationText);
    if (!Number.isFinite(duration) || duration <= 0)
      return { kind: 'invalid', problem: 'Detach after must be a positive number of seconds (or empty).' };
  }
  return { kind: 'ok', request: { pid, rateHz: rate, durationSeconds: duration, children: form.children } };
}

/** Processes whose PID and command line together hold every word of the query (case-insensitive). */
export function filterProcesses(processes: readonly RunningPythonView[], query: string): RunningPythonView[] {
  const words = query.trim().toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...processes];
  return processes.filter((p) => {
    const text = `${p.pid} ${p.commandLine.join(' ')}`.toLowerCase();
    return words.every((word) => text.includes(word));
  });
}

/** "3.13.5 free-threaded", "3.12", or "unknown version". */
export function describePython(process: RunningPythonView): string {
  if (process.pythonVersion === null) return 'unknown version';
  return `${process.pythonVersion}${process.freeThreaded ? ' free-threaded' : ''}`;
}
