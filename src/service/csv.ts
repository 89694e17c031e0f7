/**
 * CSV as RFC 4180 writes it: fields separated by commas, records ended by
 * CRLF, a field quoted (`"…"`, inner quotes doubled) when it holds a comma, a
 * quote, CR or LF. Beyond the RFC, two choices that keep a value's meaning:
 *
 * - `null` is an empty, unquoted field; the empty string is `""` — so the two
 *   stay apart for readers that care (most spreadsheet programs show both empty);
 * - a field with leading or trailing whitespace is quoted, so readers that trim
 *   unquoted fields keep the spaces.
 *
 * Text is written as is (any Unicode; the response is UTF-8, without a BOM).
 * Nothing is prefixed to neutralize spreadsheet formulas (`=`, `+`, `-`, `@`):
 * that would change the data; open an export in a spreadsheet with that in mind.
 *
 * Why not a library: docs/decisions/0008-csv-writer.md; the rules are tested in
 * test/unit/csv.test.ts.
 */
export type CsvCell = string | null;

const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;

export function csvField(value: CsvCell): string {
  if (value === null) return "";
  if (value === "") return '""';
  return NEEDS_QUOTES.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** One record, with its CRLF. */
export function csvRecord(cells: readonly CsvCell[]): string {
  let line = "";
  for (let i = 0; i < cells.length; i++) {
    if (i > 0) line += ",";
    line += csvField(cells[i] ?? null);
  }
  return `${line}\r\n`;
}

/** Records, each with its CRLF. */
export function csvRecords(rows: readonly (readonly CsvCell[])[]): string {
  let text = "";
  for (const row of rows) text += csvRecord(row);
  return text;
}
