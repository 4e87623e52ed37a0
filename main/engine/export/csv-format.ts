// CSV as RFC 4180 (https://www.rfc-editor.org/rfc/rfc4180): CRLF line ends, a header row, and fields
// containing a comma, a double quote, CR or LF enclosed in double quotes with inner quotes doubled.
// Numbers are written as JavaScript prints them (dot decimal separator, whatever the locale); null = empty.

/** A CSV cell before quoting. */
export type CsvValue = string | number | boolean | null | undefined;

/** One field, quoted when RFC 4180 requires it. */
export function csvField(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'number' ? (Number.isFinite(value) ? String(value) : '') : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

// A whole CSV document: the header, then one line per row; every line ends with CRLF.
export function toCsv(header: readonly string[], rows: ReadonlyArray<readonly CsvValue[]>): string {
  return [header, ...rows].map((row) => `${row.map(csvField).join(',')}\r\n`).join('');
}
