// The source text of the files a run's stacks name, kept with the run so its source view survives edits,
// moves and deletions of the files. Texts are shared by content hash: runs of an unchanged script store it once.
import { createHash } from 'node:crypto';
import type { RunStore } from './open-database.ts';
import { rethrowAsStoreError } from './store-error.ts';

/** One file as a run's stacks name it: its text when it was read, or one line saying why there is none. */
export type SourceFile = { path: string; text: string; problem: null } | { path: string; text: null; problem: string };

/** Stores (or replaces) the files of `runId` in one transaction. */
export function saveRunSources(store: RunStore, runId: number, files: readonly SourceFile[]): void {
  const { db } = store;
  const insertText = db.prepare('INSERT OR IGNORE INTO source_texts (hash, text) VALUES (?, ?)');
  const upsertFile = db.prepare(
    `INSERT INTO run_sources (run_id, path, hash, problem) VALUES (?, ?, ?, ?)
     ON CONFLICT (run_id, path) DO UPDATE SET hash = excluded.hash, problem = excluded.problem`,
  );
  const save = db.transaction(() => {
    for (const file of files) {
      const hash = file.text === null ? null : createHash('sha256').update(file.text).digest('hex');
      if (hash !== null) insertText.run(hash, file.text);
      upsertFile.run(runId, file.path, hash, file.problem);
    }
  });
  try {
    save.immediate();
  } catch (error) {
    rethrowAsStoreError(store.file, error, store.busyTimeoutMs);
  }
}

/** Drops texts no run refers to any more (after runs were deleted). */
export function pruneSourceTexts(store: RunStore): void {
  store.db
    .prepare('DELETE FROM source_texts WHERE hash NOT IN (SELECT hash FROM run_sources WHERE hash IS NOT NULL)')
    .run();
}
