// CSV per RFC 4180 (CRLF rows, a field quoted when it holds a quote, comma or line break, quotes
// doubled). Vendor text is hostile: a spreadsheet runs a cell beginning with = + - @ (or a tab or
// carriage return) as a formula, so such a cell is prefixed with ' and shows as plain text.
const formulaStart = /^[=+\-@\t\r]/;
const needsQuotes = /[",\r\n]/;

export function csvCell(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const safe = formulaStart.test(value) ? `'${value}` : value;
  return needsQuotes.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export function csvText(rows: ReadonlyArray<ReadonlyArray<string | number | null>>): string {
  return rows.map((row) => row.map(csvCell).join(',') + '\r\n').join('');
}
