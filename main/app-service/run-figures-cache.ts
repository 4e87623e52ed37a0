// Per-run library figures (CPU seconds, contention) remembered once a run has finished: computing them
// decodes every sample, far too slow to redo for every run on every `runs:list`. Kept in memory and in a
// small JSON file under the data folder, keyed by database file and run (id + creation time, because
// SQLite may reuse the id of a deleted last run).
import fs from 'node:fs';
import path from 'node:path';
import type { RunFigures } from './run-queries.ts';

const FILE_VERSION = 1;

interface FiguresFile {
  version: number;
  databases: Record<string, Record<string, RunFigures>>;
}

/** The key of a run in the cache. */
export function figuresKey(run: { id: number; createdAt: string }): string {
  return `${run.id}@${run.createdAt}`;
}

// Figures of finished runs of one database, persisted best-effort (a read-only data folder only costs time).
export class RunFiguresCache {
  private readonly file: string;
  private readonly dbFile: string;
  private figures: Map<string, RunFigures> | null = null;

  constructor(file: string, dbFile: string) {
    this.file = file;
    this.dbFile = dbFile;
  }

  /** The cached figures of a run, if any. */
  get(key: string): RunFigures | undefined {
    return this.load().get(key);
  }

  /** Remembers figures of finished runs and writes the file once. */
  setMany(entries: Array<[string, RunFigures]>): void {
    if (entries.length === 0) return;
    const figures = this.load();
    for (const [key, value] of entries) figures.set(key, value);
    this.save();
  }

  /** Forgets runs that are no longer in the database. */
  retain(keys: ReadonlySet<string>): void {
    const figures = this.load();
    let changed = false;
    for (const key of figures.keys()) {
      if (!keys.has(key)) {
        figures.delete(key);
        changed = true;
      }
    }
    if (changed) this.save();
  }

  private load(): Map<string, RunFigures> {
    if (this.figures) return this.figures;
    this.figures = new Map(Object.entries(this.readFile().databases[this.dbFile] ?? {}));
    return this.figures;
  }

  private readFile(): FiguresFile {
    try {
      const parsed = JSON.parse(fs.readFileSync(this.file, 'utf8')) as FiguresFile;
      if (parsed.version === FILE_VERSION && typeof parsed.databases === 'object' && parsed.databases !== null) return parsed;
    } catch {
      // missing or unreadable: start empty
    }
    return { version: FILE_VERSION, databases: {} };
  }

  private save(): void {
    const content = this.readFile();
    content.databases[this.dbFile] = Object.fromEntries(this.load());
    try {
      fs.mkdirSync(path.dirname(this.file), { recursive: true });
      const temp = `${this.file}.${process.pid}.tmp`;
      fs.writeFileSync(temp, JSON.stringify(content));
      fs.renameSync(temp, this.file);
    } catch {
      // best effort: figures are recomputed next launch
    }
  }
}
