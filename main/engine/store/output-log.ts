// The target's stdout/stderr, bounded per run: when a run prints more than the cap we keep the TAIL
// (the end of a log is what explains a crash) and count the bytes dropped from the front.
import type Database from 'better-sqlite3';
import type { Nanoseconds } from '../model.ts';
import type { OutputStream } from './run-types.ts';

/** 8 MiB of output per run, both streams together. */
export const DEFAULT_OUTPUT_CAP_BYTES = 8 * 1024 * 1024;

/** The last ≤ maxBytes bytes of `text` in UTF-8, cut at a character boundary. */
export function utf8Tail(text: string, maxBytes: number): string {
  const bytes = Buffer.from(text, 'utf8');
  if (bytes.length <= maxBytes) return text;
  let start = bytes.length - maxBytes;
  while (start < bytes.length && (bytes[start]! & 0xc0) === 0x80) start++;
  return bytes.subarray(start).toString('utf8');
}

/** Appends output rows for one run and trims the oldest ones past the cap; call inside a transaction. */
export interface OutputLog {
  append(stream: OutputStream, text: string, timeNs: Nanoseconds): void;
}

/** Creates the output log of a new run (it starts empty). */
export function createOutputLog(db: Database.Database, runId: number, capBytes: number): OutputLog {
  const insert = db.prepare('INSERT INTO output (run_id, stream, time_ns, text) VALUES (?, ?, ?, ?)');
  const remove = db.prepare('DELETE FROM output WHERE id = ?');
  const readText = db.prepare('SELECT text FROM output WHERE id = ?').pluck();
  const rewrite = db.prepare('UPDATE output SET text = ? WHERE id = ?');
  const totals = db.prepare('UPDATE runs SET output_kept_bytes = ?, output_dropped_bytes = ? WHERE id = ?');
  let rows: { id: number; bytes: number }[] = [];
  let head = 0;
  let kept = 0;
  let dropped = 0;

  return {
    append(stream, text, timeNs) {
      let bytes = Buffer.byteLength(text, 'utf8');
      if (bytes === 0) return;
      if (bytes > capBytes) {
        text = utf8Tail(text, capBytes);
        const trimmed = Buffer.byteLength(text, 'utf8');
        dropped += bytes - trimmed;
        bytes = trimmed;
      }
      const id = Number(insert.run(runId, stream, Math.round(timeNs), text).lastInsertRowid);
      rows.push({ id, bytes });
      kept += bytes;
      while (kept > capBytes) {
        const oldest = rows[head]!;
        const excess = kept - capBytes;
        if (oldest.bytes <= excess) {
          remove.run(oldest.id);
          kept -= oldest.bytes;
          dropped += oldest.bytes;
          head++;
        } else {
          const tail = utf8Tail(readText.get(oldest.id) as string, oldest.bytes - excess);
          const tailBytes = Buffer.byteLength(tail, 'utf8');
          rewrite.run(tail, oldest.id);
          kept -= oldest.bytes - tailBytes;
          dropped += oldest.bytes - tailBytes;
          oldest.bytes = tailBytes;
        }
      }
      if (head > 1024 && head * 2 > rows.length) {
        rows = rows.slice(head);
        head = 0;
      }
      totals.run(kept, dropped, runId);
    },
  };
}
