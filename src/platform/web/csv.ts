/**
 * CSV as spreadsheets read it (RFC 4180: quoted cells, CRLF lines). A cell that a spreadsheet would
 * run as a formula (=, +, -, @, tab, CR at the start) gets a leading apostrophe, because names and
 * notes in these files come from the public and companies (OWASP "CSV injection").
 */
export type CsvValue = string | number | null | undefined;

export function csvCell(value: CsvValue): string {
  const text = value === null || value === undefined ? '' : String(value);
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return `"${safe.replace(/"/g, '""')}"`;
}

/** Records only: CSV has no comment lines, so anything said about the file goes beside it (a header). */
export function toCsv(rows: readonly (readonly CsvValue[])[]): string {
  return `${rows.map((row) => row.map(csvCell).join(',')).join('\r\n')}\r\n`;
}
