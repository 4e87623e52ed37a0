import path from 'node:path';
import { createExperimentReader } from '../../engine/experiment/experiment-store.ts';
import { startExperiment } from '../../engine/experiment/experiment-runner.ts';
import { experimentView } from '../../engine/experiment/experiment-view.ts';
import {
  GateError,
  checkGateSelectors,
  evaluateGate,
  parseGate,
  type Gate,
} from '../../engine/experiment/gate-expression.ts';
import type { ExperimentSpec, ExperimentView } from '../../shared/compare-types.ts';
import { CliError, usageError } from '../cli-error.ts';
import { findOnPath } from '../find-on-path.ts';
import { openReader } from '../open-reader.ts';
import { parseNumberOption, parseOptions, splitScriptArgs } from '../parse-options.ts';
import { printExperiment } from '../print-experiment.ts';
import { LAUNCH_OPTIONS, readRecordingOptions, RECORDING_OPTIONS } from '../recording-options.ts';
import { GIL_MODES, type GilMode } from '../../shared/vocabulary.ts';

/** Exit code when the --fail-if condition holds (the CI gate fails). */
export const GATE_FAILED_EXIT = 3;
/** Exit code after Ctrl-C (128 + SIGINT): the experiment is stored as cancelled. */
export const CANCELLED_EXIT = 130;

const list = (text: string): string[] =>
  text
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '');

function parseVary(kind: 'arg' | 'env', text: string | undefined): ExperimentSpec['vary'] {
  if (text === undefined) return null;
  const equals = text.indexOf('=');
  if (equals <= 0) throw usageError(`--vary-${kind} must be NAME=v1,v2,…, got "${text}"`);
  const values = list(text.slice(equals + 1));
  if (values.length === 0) throw usageError(`--vary-${kind} ${text.slice(0, equals)} has no values`);
  return { kind, name: text.slice(0, equals), values };
}

function parseGateOption(text: string | undefined): Gate | null {
  if (text === undefined) return null;
  try {
    return parseGate(text);
  } catch (error) {
    if (error instanceof GateError) throw usageError(`--fail-if: ${error.message}`);
    throw error;
  }
}

/**
 * `gilscope experiment SCRIPT --python P1,P2 --gil on,off --repeat N [--vary-arg|--vary-env NAME=v1,v2]
 * [--rate HZ] [--duration SEC] [--db FILE] [--json] [--fail-if EXPR] [--baseline KEY] [-- ARGS…]`.
 */
export async function experimentCommand(argv: string[]): Promise<number> {
  const { ownArgs, scriptArgs } = splitScriptArgs(argv);
  const { values, positionals } = parseOptions(ownArgs, {
    ...RECORDING_OPTIONS,
    ...LAUNCH_OPTIONS,
    repeat: { type: 'string' },
    'vary-arg': { type: 'string' },
    'vary-env': { type: 'string' },
    'fail-if': { type: 'string' },
    baseline: { type: 'string' },
  });
  if (positionals.length !== 1)
    throw usageError(
      positionals.length === 0
        ? 'experiment needs a SCRIPT'
        : `experiment takes one SCRIPT; put the script's own arguments after "--"`,
    );
  const gilModes = list(values.gil ?? 'on,off') as GilMode[];
  const badMode = gilModes.find((mode) => !GIL_MODES.includes(mode));
  if (badMode !== undefined || gilModes.length === 0)
    throw usageError(`--gil takes a comma-separated list of ${GIL_MODES.join(', ')}, got "${values.gil}"`);
  const repeat = parseNumberOption('repeat', values.repeat, 3);
  if (!Number.isInteger(repeat)) throw usageError(`--repeat must be a whole number, got "${values.repeat}"`);
  if (values['vary-arg'] !== undefined && values['vary-env'] !== undefined)
    throw usageError('give --vary-arg or --vary-env, not both');
  const gate = parseGateOption(values['fail-if']);
  const cwd = path.resolve(values.cwd ?? process.cwd());
  const recording = readRecordingOptions(values);
  const pythons =
    values.python === undefined
      ? [findOnPath('python3') ?? 'python3']
      : list(values.python).map((python) =>
          python.includes('/') ? path.resolve(python) : (findOnPath(python) ?? python),
        );
  const spec: ExperimentSpec = {
    script: path.resolve(cwd, positionals[0] ?? ''),
    args: scriptArgs,
    cwd,
    interpreters: pythons,
    gilModes,
    repeat,
    vary: parseVary('arg', values['vary-arg']) ?? parseVary('env', values['vary-env']),
    rateHz: recording.rateHz,
    durationSeconds: recording.durationSeconds,
    stacks: recording.stacks,
  };
  const { dbFile, json } = recording;

  let gateProblem: string | null = null;
  const started = await startExperiment(
    spec,
    {
      dbFile,
      checkPlan: (plan) => {
        if (!gate) return null;
        try {
          checkGateSelectors(gate, plan.configs);
          return null;
        } catch (error) {
          if (!(error instanceof GateError)) throw error;
          return (gateProblem = `--fail-if: ${error.message}`);
        }
      },
    },
    {
      onProgress: ({ experimentId, done, total, current }) => {
        if (current !== null)
          process.stderr.write(`gilscope: experiment ${experimentId}: run ${done + 1}/${total}: ${current}\n`);
      },
      onRunEnded: (runId, outcome) => {
        if (outcome.status !== 'completed')
          process.stderr.write(
            `gilscope: run ${runId} ${outcome.status}${outcome.message ? `: ${outcome.message}` : ''}\n`,
          );
      },
    },
  );
  if (started.kind === 'refused') throw gateProblem !== null ? usageError(gateProblem) : new CliError(started.message);
  const { experiment } = started;
  let interrupted = false;
  const cancel = (): void => {
    if (!interrupted)
      process.stderr.write(`gilscope: cancelling experiment ${experiment.id} (the current run is stopped and kept)\n`);
    interrupted = true;
    experiment.cancel();
  };
  process.on('SIGINT', cancel);
  process.on('SIGTERM', cancel);
  const end = await experiment.done.finally(() => {
    process.off('SIGINT', cancel);
    process.off('SIGTERM', cancel);
  });

  const view = readView(dbFile, experiment.id, values.baseline ?? null);
  if (values.baseline !== undefined && view.baselineKey !== values.baseline) {
    process.stderr.write(
      `gilscope: --baseline "${values.baseline}" is not a configuration (have: ${view.configs.map((config) => config.key).join(', ')}); speedups are against ${view.baselineKey}\n`,
    );
  }
  if (json) process.stdout.write(`${JSON.stringify(view)}\n`);
  else printExperiment(view, process.stdout);
  if (end.status === 'cancelled') {
    process.stderr.write(
      `gilscope: experiment ${experiment.id} cancelled; ${view.progress.done} of ${view.progress.total} runs kept\n`,
    );
    return CANCELLED_EXIT;
  }
  if (end.status === 'failed')
    throw new CliError(`experiment ${experiment.id} failed: ${end.message ?? 'unknown error'}`);
  if (!gate) return 0;
  const verdict = evaluateGate(gate, view);
  if (verdict.holds) {
    process.stderr.write(`gilscope: --fail-if holds: ${verdict.description}\n`);
    return GATE_FAILED_EXIT;
  }
  process.stderr.write(`gilscope: --fail-if does not hold (gate passed): ${verdict.description}\n`);
  return 0;
}

function readView(dbFile: string, id: number, baselineKey: string | null): ExperimentView {
  const { store, reader } = openReader(dbFile);
  try {
    const view = experimentView(reader, createExperimentReader(store), id, baselineKey);
    if (!view) throw new CliError(`experiment ${id} vanished from ${dbFile}`);
    return view;
  } finally {
    store.close();
  }
}
