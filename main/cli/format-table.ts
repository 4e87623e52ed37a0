/** Left-aligned plain-text columns, two spaces apart, with a header row. */
export function formatTable(header: string[], rows: string[][]): string {
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  const line = (cells: string[]): string =>
    cells.map((cell, column) => (column === cells.length - 1 ? cell : cell.padEnd(widths[column] ?? 0))).join('  ');
  return [line(header), ...rows.map(line)].join('\n') + '\n';
}

/** 0.1234 → "12.3%". */
export function percent(fraction: number): string {
  return `${(fraction * 100).toFixed(1)}%`;
}
