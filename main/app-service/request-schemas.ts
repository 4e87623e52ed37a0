// zod schemas for every request payload of the contract, shared by the Electron IPC layer and the
// browser host, so a payload is checked the same way whichever transport brought it. Paths must be
// absolute (the backend has no meaningful "current folder" for a UI), numbers are bounded.
import path from 'node:path';
import { z } from 'zod';
import type { RequestChannel, RequestOf } from '../shared/api-contract.ts';
import { EXPORT_FORMATS } from '../shared/export-formats.ts';
import { SAMPLE_SCOPES } from '../shared/run-views.ts';
import { GIL_MODES } from '../shared/vocabulary.ts';
import { MAX_RATE_HZ, MIN_RATE_HZ } from '../engine/profile/profile-request.ts';
import { MAX_COMPARE_RUNS, MIN_COMPARE_RUNS } from '../engine/compare/load-comparison.ts';
import {
  MAX_EXPERIMENT_INTERPRETERS,
  MAX_EXPERIMENT_REPEAT,
  MAX_VARY_VALUES,
} from '../engine/experiment/experiment-spec-check.ts';

/** Longest label a run may carry. */
export const MAX_LABEL_LENGTH = 200;
/** Most bins a timeline request may ask for (a 4K screen is narrower). */
export const MAX_TIMELINE_BINS = 4000;
const MAX_PATH_LENGTH = 4096;
const MAX_DURATION_SECONDS = 7 * 24 * 3600;

const absolutePath = z
  .string()
  .min(1, 'must not be empty')
  .max(MAX_PATH_LENGTH, `must be at most ${MAX_PATH_LENGTH} characters`)
  .refine((value) => !value.includes('\0'), 'must not contain NUL')
  .refine((value) => path.isAbsolute(value), 'must be an absolute path');
// A file as a run's stacks name it: absolute, relative (old CPythons' __main__) or a pseudo-file like <string>.
const stackFile = z
  .string()
  .min(1, 'must not be empty')
  .max(MAX_PATH_LENGTH, `must be at most ${MAX_PATH_LENGTH} characters`)
  .refine((value) => !value.includes('\0'), 'must not contain NUL');
const runId = z.number().int().min(1).max(Number.MAX_SAFE_INTEGER);
const timeNs = z.number().finite().min(0).max(Number.MAX_SAFE_INTEGER).nullable();
const tid = z
  .number()
  .int()
  .min(0)
  .max(2 ** 31 - 1)
  .nullable();
const scope = z.enum(SAMPLE_SCOPES);
const runRange = z
  .strictObject({
    fromNs: z.number().finite().min(0).max(Number.MAX_SAFE_INTEGER),
    toNs: z.number().finite().min(0).max(Number.MAX_SAFE_INTEGER),
  })
  .refine((value) => value.fromNs < value.toNs, { message: 'fromNs must be less than toNs', path: ['fromNs'] });
const none = z.undefined();
const gilMode = z.enum(GIL_MODES);

const profileStart = z.strictObject({
  script: absolutePath,
  args: z
    .array(
      z
        .string()
        .max(32_768)
        .refine((value) => !value.includes('\0'), 'must not contain NUL'),
    )
    .max(1000),
  cwd: absolutePath.nullable(),
  python: absolutePath,
  gilMode,
  rateHz: z.number().finite().min(MIN_RATE_HZ).max(MAX_RATE_HZ),
  durationSeconds: z.number().finite().gt(0).max(MAX_DURATION_SECONDS).nullable(),
  stacks: z.boolean().optional(),
});

const attachStart = z.strictObject({
  pid: z
    .number()
    .int()
    .min(1)
    .max(2 ** 22),
  rateHz: z.number().finite().min(MIN_RATE_HZ).max(MAX_RATE_HZ),
  durationSeconds: z.number().finite().gt(0).max(MAX_DURATION_SECONDS).nullable(),
  children: z.boolean(),
  stacks: z.boolean().optional(),
});

const timeline = z
  .strictObject({ runId, fromNs: timeNs, toNs: timeNs, bins: z.number().int().min(1).max(MAX_TIMELINE_BINS) })
  .refine((value) => value.fromNs === null || value.toNs === null || value.fromNs < value.toNs, {
    message: 'fromNs must be less than toNs',
    path: ['fromNs'],
  });

const scriptArg = z
  .string()
  .max(32_768)
  .refine((value) => !value.includes('\0'), 'must not contain NUL');
const experimentId = runId;
const compareIds = z
  .array(runId)
  .min(MIN_COMPARE_RUNS)
  .max(MAX_COMPARE_RUNS)
  .refine((ids) => new Set(ids).size === ids.length, 'runs must be distinct');

const experimentStart = z.strictObject({
  script: absolutePath,
  args: z.array(scriptArg).max(1000),
  cwd: absolutePath.nullable(),
  interpreters: z.array(absolutePath).min(1).max(MAX_EXPERIMENT_INTERPRETERS),
  gilModes: z.array(gilMode).min(1).max(3),
  repeat: z.number().int().min(1).max(MAX_EXPERIMENT_REPEAT),
  vary: z
    .strictObject({
      kind: z.enum(['arg', 'env']),
      name: z
        .string()
        .min(1)
        .max(200)
        .refine((value) => !value.includes('\0'), 'must not contain NUL'),
      values: z.array(scriptArg).min(1).max(MAX_VARY_VALUES),
    })
    .nullable(),
  rateHz: z.number().finite().min(MIN_RATE_HZ).max(MAX_RATE_HZ),
  durationSeconds: z.number().finite().gt(0).max(MAX_DURATION_SECONDS).nullable(),
  stacks: z.boolean().optional(),
});

const exportTarget = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('run'), runId }),
  z.strictObject({ kind: z.literal('compare'), runIds: compareIds }),
  z.strictObject({ kind: z.literal('experiment'), experimentId }),
]);

type RequestSchemas = { [C in RequestChannel]: z.ZodType<RequestOf<C>> };

// One schema per channel; a channel missing here fails the typecheck.
export const requestSchemas: RequestSchemas = {
  'app:version': none,
  'interpreters:list': z.strictObject({ refresh: z.boolean() }),
  'interpreters:add': z.strictObject({ path: absolutePath }),
  'dialog:open-script': none,
  'scripts:recent': none,
  'profile:start': profileStart,
  'profile:stop': z.strictObject({ runId }),
  'processes:list': none,
  'profile:attach': attachStart,
  'runs:list': none,
  'runs:summary': z.strictObject({ runId }),
  'runs:timeline': timeline,
  'runs:output': z.strictObject({ runId }),
  'runs:functions': z.strictObject({ runId, tid, scope, range: runRange.nullable().optional() }),
  'runs:flamegraph': z.strictObject({ runId, tid, scope, range: runRange.nullable().optional() }),
  'runs:source': z.strictObject({ runId, file: stackFile, tid, range: runRange.nullable().optional() }),
  'runs:range-summary': z.strictObject({ runId, range: runRange }),
  'runs:rename': z.strictObject({
    runId,
    label: z.string().max(MAX_LABEL_LENGTH, `must be at most ${MAX_LABEL_LENGTH} characters`).nullable(),
  }),
  'runs:delete': z.strictObject({ runId }),
  'compare:runs': z.strictObject({ runIds: compareIds }),
  'compare:timelines': z.strictObject({
    runIds: z.array(runId).min(1).max(MAX_COMPARE_RUNS),
    bins: z.number().int().min(1).max(MAX_TIMELINE_BINS),
  }),
  'compare:flamegraph': z
    .strictObject({ baseRunId: runId, runId, scope })
    .refine((value) => value.baseRunId !== value.runId, 'runs must be distinct'),
  'experiments:start': experimentStart,
  'experiments:cancel': z.strictObject({ experimentId }),
  'experiments:list': none,
  'experiments:get': z.strictObject({ experimentId, baselineKey: z.string().max(4096).nullable() }),
  'experiments:delete': z.strictObject({ experimentId }),
  'exports:save': z.strictObject({
    target: exportTarget,
    format: z.enum(EXPORT_FORMATS),
    path: absolutePath.nullable(),
  }),
};

/** A request the backend refuses before doing anything: unknown channel or invalid payload. */
export class InvalidRequestError extends Error {
  override name = 'InvalidRequestError';
}

/** "runs:timeline: bins: Too big: expected number to be <=4000; …": every issue with the field it concerns. */
export function describeIssues(channel: string, error: z.ZodError): string {
  const issues = error.issues.map(
    (issue) => `${issue.path.length > 0 ? issue.path.join('.') : 'payload'}: ${issue.message}`,
  );
  return `${channel}: invalid payload: ${issues.join('; ')}`;
}

// Validates a raw payload for `channel`; throws InvalidRequestError naming the channel and each bad field.
export function parseRequest<C extends RequestChannel>(channel: C, raw: unknown): RequestOf<C> {
  const parsed = requestSchemas[channel].safeParse(raw);
  if (!parsed.success) throw new InvalidRequestError(describeIssues(channel, parsed.error));
  return parsed.data;
}
