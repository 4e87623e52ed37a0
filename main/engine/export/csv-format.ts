// CSV as RFC 4180 (https://www.rfc-editor.org/rfc/rfc4180): CRLF line ends, a header row, and fields
// containing a comma, a double quote, CR or LF enclosed in double quotes with inner quotes doubled.
// Numbers are written as JavaScript prints them (dot decimal separator, whatever the locale); null = empty.
// Text that a spreadsheet would read as a formula (starting with = + - @, tab or CR: a thread named
// `=HYPERLINK(...)`) gets a leading ' (OWASP "CSV injection"); numbers are never changed.

/** A CSV cell before quoting. */
export type CsvValue = string | number | boolean | null | undefined;

/** Text cells a spreadsheet would evaluate as a formula. */
const FORMULA_START = /^[=+\-@\t\r]/;

/** One field: text that would be a formula is defused with a leading ', then quoted when RFC 4180 requires it. */
export function csvField(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const raw = String(value);
  const text = typeof value === 'string' && FORMULA_START.test(raw) ? `'${raw}` : raw;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

// A whole CSV document: the header, then one line per row; every line ends with CRLF.
export function toCsv(header: readonly string[], rows: ReadonlyArray<readonly CsvValue[]>): string {
  return [header, ...rows].map((row) => `${row.map(csvField).join(',')}\r\n`).join('');
}
