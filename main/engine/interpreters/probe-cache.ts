// A JSON file of probe outcomes keyed by the binary's real path, valid while its mtime and size stay the same.
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import * as z from 'zod';
import type { PythonFacts } from './interpreter.ts';

/** What is worth remembering about a binary: its facts, or that it is not Python. Failures are not cached. */
export type CachedOutcome = { kind: 'python'; facts: PythonFacts } | { kind: 'not-python'; detail: string };

/** The identity of a binary as the cache sees it. */
export interface BinaryStamp {
  /** pathKey() of the real path. */
  key: string;
  mtimeMs: number;
  size: number;
}

/** An in-memory view of the cache file; `save()` writes it back when something changed. */
export interface ProbeCache {
  get(stamp: BinaryStamp): CachedOutcome | undefined;
  set(stamp: BinaryStamp, outcome: CachedOutcome): void;
  save(): Promise<void>;
}

const CACHE_FORMAT_VERSION = 1;

const factsSchema = z.object({
  version: z.string(),
  versionTuple: z.tuple([z.number(), z.number(), z.number()]),
  implementation: z.string(),
  freeThreaded: z.boolean(),
  gilEnabledByDefault: z.boolean(),
  executable: z.string(),
});
const entrySchema = z.object({
  mtimeMs: z.number(),
  size: z.number(),
  outcome: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('python'), facts: factsSchema }),
    z.object({ kind: z.literal('not-python'), detail: z.string() }),
  ]),
});
const fileSchema = z.object({
  formatVersion: z.literal(CACHE_FORMAT_VERSION),
  entries: z.record(z.string(), entrySchema),
});
interface Entry {
  mtimeMs: number;
  size: number;
  outcome: CachedOutcome;
}

/** `${GILSCOPE_CACHE:-~/.cache/gilscope}/interpreters.json`. */
export function defaultProbeCacheFile(env: NodeJS.ProcessEnv = process.env): string {
  const root = env.GILSCOPE_CACHE || join(env.HOME || homedir(), '.cache', 'gilscope');
  return join(root, 'interpreters.json');
}

/** Reads the cache file; a missing, unreadable or foreign file gives an empty cache (rewritten on save). */
export async function openProbeCache(file: string): Promise<ProbeCache> {
  const entries = new Map<string, Entry>(Object.entries(await readEntries(file)));
  let dirty = false;
  return {
    get(stamp) {
      const entry = entries.get(stamp.key);
      return entry && entry.mtimeMs === stamp.mtimeMs && entry.size === stamp.size ? entry.outcome : undefined;
    },
    set(stamp, outcome) {
      entries.set(stamp.key, { mtimeMs: stamp.mtimeMs, size: stamp.size, outcome });
      dirty = true;
    },
    async save() {
      if (!dirty) return;
      // Merge with what another process may have written meanwhile, then replace atomically.
      const merged = { ...(await readEntries(file)), ...Object.fromEntries(entries) };
      const tmp = `${file}.${process.pid}.tmp`;
      await mkdir(dirname(file), { recursive: true });
      await writeFile(tmp, `${JSON.stringify({ formatVersion: CACHE_FORMAT_VERSION, entries: merged }, null, 1)}\n`);
      await rename(tmp, file);
      dirty = false;
    },
  };
}

/** A cache that remembers nothing (caching turned off). */
export function noProbeCache(): ProbeCache {
  return { get: () => undefined, set: () => undefined, save: async () => undefined };
}

async function readEntries(file: string): Promise<Record<string, Entry>> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return {};
  }
  try {
    const parsed = fileSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data.entries : {};
  } catch {
    return {};
  }
}
