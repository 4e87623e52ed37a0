// Runs an experiment: probes the interpreters, stores the experiment and its plan, then makes each
// planned run ONE AFTER ANOTHER as an ordinary ProfileSession into the same store (never in parallel:
// runs would steal each other's cores). Cancel stops the current run (kept as "stopped") and ends the
// experiment as cancelled; whatever goes wrong, the experiment never stays "running".
import path from 'node:path';
import { checkScriptPath } from '../launch/check-script-path.ts';
import { probeInterpreter } from '../interpreters/probe-interpreter.ts';
import { callSafely } from '../profile/call-safely.ts';
import { ProfileSession, type ProfileOutcome } from '../profile/profile-session.ts';
import { rateRefusal } from '../profile/profile-request.ts';
import type { SamplerBatch } from '../sampler/sampler-messages.ts';
import { openRunStore, type RunStore } from '../store/open-database.ts';
import type { ExperimentSpec, ExperimentStatus } from '../../shared/compare-types.ts';
import {
  expandExperiment,
  launchVariant,
  type ExperimentPlan,
  type PlannedConfig,
  type PlanInterpreter,
} from './experiment-plan.ts';
import { addExperimentRun, createExperiment, finishExperiment } from './experiment-store.ts';
import { specRefusal } from './experiment-spec-check.ts';

/** Where the experiment is stored and how its runs sample. */
export interface ExperimentOptions {
  dbFile: string;
  samplerWorkerUrl?: URL | string;
  /** Last check of the expanded plan before anything is stored or run (e.g. a CI gate's selectors): a message refuses. */
  checkPlan?: (plan: ExperimentPlan) => string | null;
  /**
   * Builds and stores a finished run's summary and overview (e.g. in a host's query worker). Awaited before
   * the next run starts, so the work never competes with a run being measured. Without it, each run's
   * session builds them inline.
   */
  storeDigest?: (runId: number) => Promise<void>;
}

/** What an experiment reports while it runs; every hook is optional and may throw without harm. */
export interface ExperimentHooks {
  /** Before each run (current = what starts) and once at the end (current = null). */
  onProgress?(progress: { experimentId: number; done: number; total: number; current: string | null }): void;
  onRunStarted?(runId: number, pid: number, config: PlannedConfig, repetition: number): void;
  onRunOutput?(runId: number, stream: 'stdout' | 'stderr', text: string): void;
  onRunBatch?(runId: number, batch: SamplerBatch): void;
  onRunEnded?(runId: number, outcome: Extract<ProfileOutcome, { kind: 'recorded' }>): void;
}

/** How an experiment ended. */
export interface ExperimentEnd {
  status: Exclude<ExperimentStatus, 'running'>;
  message: string | null;
}

/** An experiment in progress. */
export interface RunningExperiment {
  id: number;
  total: number;
  done: Promise<ExperimentEnd>;
  /** Stops the current run and makes no more; the experiment ends as cancelled. */
  cancel(): void;
}

// Checks and stores the experiment, then runs it in the background; refused when the spec, script or an interpreter is unusable.
export async function startExperiment(
  spec: ExperimentSpec,
  options: ExperimentOptions,
  hooks: ExperimentHooks = {},
): Promise<{ kind: 'refused'; message: string } | { kind: 'started'; experiment: RunningExperiment }> {
  const refusal = specRefusal(spec) ?? rateRefusal(spec.rateHz);
  if (refusal) return { kind: 'refused', message: refusal };
  const cwd = spec.cwd ?? path.dirname(path.resolve(spec.script));
  const script = checkScriptPath(spec.script, cwd);
  if (script.kind === 'refused') return script;
  const probes = await Promise.all(spec.interpreters.map((python) => probeInterpreter(python)));
  const interpreters: PlanInterpreter[] = [];
  for (const [i, probe] of probes.entries()) {
    if (probe.kind !== 'ok') return { kind: 'refused', message: probe.message };
    // Launch the path the user named (a venv's python is a symlink whose own site-packages count).
    interpreters.push({
      path: spec.interpreters[i]!,
      version: probe.interpreter.version,
      freeThreaded: probe.interpreter.freeThreaded,
    });
  }
  const stored: ExperimentSpec = { ...spec, script: script.absolutePath, cwd };
  const plan = expandExperiment(stored, interpreters);
  const planRefusal = options.checkPlan?.(plan) ?? null;
  if (planRefusal !== null) return { kind: 'refused', message: planRefusal };
  let store: RunStore;
  try {
    store = openRunStore(options.dbFile);
  } catch (error) {
    return { kind: 'refused', message: error instanceof Error ? error.message : String(error) };
  }
  let id: number;
  try {
    id = createExperiment(store, stored, plan);
  } catch (error) {
    store.close();
    return { kind: 'refused', message: error instanceof Error ? error.message : String(error) };
  }

  let cancelled = false;
  let current: ProfileSession | null = null;
  const total = plan.runs.length;

  const runAll = async (): Promise<ExperimentEnd> => {
    let done = 0;
    let completed = 0;
    let lastFailure: string | null = null;
    for (const planned of plan.runs) {
      if (cancelled) break;
      const config = plan.configs[planned.config]!;
      callSafely(hooks.onProgress, {
        experimentId: id,
        done,
        total,
        current: `${config.label} (repetition ${planned.repetition} of ${spec.repeat})`,
      });
      const variant = launchVariant(stored, config.varyValue);
      let runId = -1;
      const session: ProfileSession = new ProfileSession(
        {
          python: config.interpreter.path,
          script: script.absolutePath,
          args: variant.args,
          cwd,
          env: variant.env,
          gilMode: config.gilMode,
          rateHz: spec.rateHz,
          durationSeconds: spec.durationSeconds ?? undefined,
          stacks: spec.stacks,
          dbFile: options.dbFile,
        },
        {
          onStarted: (started, pid) => {
            runId = started;
            callSafely(hooks.onRunStarted, started, pid, config, planned.repetition);
          },
          onOutput: (stream, text) => {
            if (runId >= 0) callSafely(hooks.onRunOutput, runId, stream, text);
          },
          onBatch: (batch) => {
            if (runId >= 0) callSafely(hooks.onRunBatch, runId, batch);
          },
        },
        { samplerWorkerUrl: options.samplerWorkerUrl, digestInline: !options.storeDigest },
      );
      current = session;
      if (cancelled) session.stop();
      const outcome = await session.done.finally(() => (current = null));
      if (outcome.kind === 'refused')
        throw new Error(`run ${done + 1} of ${total} (${config.label}) was refused: ${outcome.message}`);
      addExperimentRun(store, id, {
        runId: outcome.runId,
        configKey: config.key,
        repetition: planned.repetition,
        varyValue: config.varyValue,
      });
      await options.storeDigest?.(outcome.runId).catch(() => {}); // best effort: a missing summary is computed when read
      done++;
      if (outcome.status === 'completed') completed++;
      else lastFailure = `run ${outcome.runId} (${config.label}): ${outcome.message ?? outcome.status}`;
      callSafely(hooks.onRunEnded, outcome.runId, outcome);
    }
    callSafely(hooks.onProgress, { experimentId: id, done, total, current: null });
    if (cancelled) return { status: 'cancelled', message: `cancelled after ${done} of ${total} runs` };
    if (completed === 0) return { status: 'failed', message: `no run completed; last: ${lastFailure ?? 'none'}` };
    return {
      status: 'completed',
      message:
        lastFailure === null ? null : `${done - completed} of ${total} runs did not complete; last: ${lastFailure}`,
    };
  };

  const finished = runAll()
    .catch((error: unknown): ExperimentEnd => ({
      status: 'failed',
      message: error instanceof Error ? error.message : String(error),
    }))
    .then((end) => {
      try {
        finishExperiment(store, id, end.status, end.status === 'completed' ? null : end.message);
      } catch (error) {
        return {
          status: 'failed' as const,
          message: `the experiment's end could not be stored: ${(error as Error).message}`,
        };
      } finally {
        store.close();
      }
      return end;
    });

  return {
    kind: 'started',
    experiment: {
      id,
      total,
      done: finished,
      cancel: () => {
        cancelled = true;
        current?.stop();
      },
    },
  };
}
