/**
 * Pure exports of rows (leads, handoffs…) for spreadsheets and pipelines.
 */

export type ExportRow = Record<string, unknown>;

/** Characters that make a spreadsheet treat a cell as a formula (CSV/formula injection). */
const FORMULA_TRIGGERS = new Set(['=', '+', '-', '@', '\t', '\r']);

/**
 * RFC 4180 CSV (CRLF line ends, header row first). Columns are `columns` or the union of the rows'
 * keys in first-seen order. Any cell starting with `=`, `+`, `-`, `@`, tab or carriage return gets a
 * leading `'` so a spreadsheet shows it as text instead of running it. This includes negative numbers
 * (`'-5`): the rule stays simple and total, and our exports hold no negative values worth computing on.
 * Objects and arrays are written as JSON, dates as ISO.
 */
export function toCsv(rows: readonly ExportRow[], columns?: readonly string[]): string {
  const header = columns ?? unionOfKeys(rows);
  if (header.length === 0) return '';
  const lines = [header.map((column) => csvCell(column)), ...rows.map((row) => header.map((column) => csvCell(row[column])))];
  return lines.map((cells) => `${cells.join(',')}\r\n`).join('');
}

/** One JSON object per line (JSON Lines), each line ending with `\n`. */
export function toJsonl(rows: readonly ExportRow[]): string {
  return rows.map((row) => `${JSON.stringify(row)}\n`).join('');
}

function unionOfKeys(rows: readonly ExportRow[]): string[] {
  const keys = new Set<string>();
  for (const row of rows) for (const key of Object.keys(row)) keys.add(key);
  return [...keys];
}

/** One escaped, quoted-if-needed cell. */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  let text =
    typeof value === 'string'
      ? value
      : value instanceof Date
        ? value.toISOString()
        : typeof value === 'object'
          ? JSON.stringify(value)
          : String(value);
  if (text.length > 0 && FORMULA_TRIGGERS.has(text[0]!)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
