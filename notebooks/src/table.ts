/**
 * Tables in notebooks: one display with an HTML table and the same table as text (aligned columns, or one block per
 * cell when a cell holds several lines — samples of generated text side by side). Numbers are shown as given by
 * `format` (default: up to 4 significant digits, exponent notation for very small or large ones).
 */
import { escapeHtml } from '@rnnlab/core';
import { display, type MimeBundle } from './display';

/** A cell: text, or a number shown with the table's `format`. */
export type TableCell = string | number;

/** What `table` takes besides the rows. */
export interface TableOptions {
  /** The column headers, one per cell of a row. */
  columns: readonly string[];
  title?: string;
  /** How numbers are written (default `formatNumber`). */
  format?: (value: number) => string;
  /** Cells as preformatted text (monospace, line breaks kept) in columns of equal width: for generated text. */
  monospace?: boolean;
}

/** A number with up to 4 significant digits: 0.1235, 12.35, 1.235e-7, 0 — integers as they are. */
export function formatNumber(value: number): string {
  if (Number.isInteger(value)) return String(value);
  if (!Number.isFinite(value)) return String(value);
  const magnitude = Math.abs(value);
  return magnitude !== 0 && (magnitude < 1e-3 || magnitude >= 1e5) ? value.toExponential(3) : String(Number(value.toPrecision(4)));
}

/** The bundle of a table (HTML and text); throws when a row has more or fewer cells than there are columns. */
export function tableBundle(rows: readonly (readonly TableCell[])[], options: TableOptions): MimeBundle {
  const { columns, title, format = formatNumber, monospace = false } = options;
  rows.forEach((row, i) => {
    if (row.length !== columns.length) throw new Error(`table: row ${i} has ${row.length} cells, expected ${columns.length} (one per column)`);
  });
  const text = rows.map((row) => row.map((cell) => (typeof cell === 'number' ? format(cell) : cell)));
  const cellStyle = `padding: 3px 12px 3px 0; vertical-align: top; text-align: left;${monospace ? ' font-family: ui-monospace, monospace; white-space: pre-wrap;' : ''}`;
  const html = `<div class="rnnlab-table" style="font: 13px/1.4 system-ui, sans-serif; overflow-x: auto;">
${title ? `<div style="font-weight: 600; margin-bottom: 4px;">${escapeHtml(title)}</div>\n` : ''}<table style="border-collapse: collapse;${monospace ? ' table-layout: fixed; width: 100%;' : ''}">
<thead><tr>${columns.map((c) => `<th style="${cellStyle} border-bottom: 1px solid #888;">${escapeHtml(c)}</th>`).join('')}</tr></thead>
<tbody>${text.map((row) => `<tr>${row.map((c) => `<td style="${cellStyle}">${escapeHtml(c)}</td>`).join('')}</tr>`).join('\n')}</tbody>
</table></div>`;
  return { 'text/html': html, 'text/plain': [...(title ? [title] : []), plainTable(columns, text)].join('\n') };
}

/** Shows a table in the running cell: one row per entry of `rows`, one cell per column. */
export function table(rows: readonly (readonly TableCell[])[], options: TableOptions): void {
  display(tableBundle(rows, options));
}

/** Aligned columns, or — when a cell has several lines — one block per cell headed by its column. */
function plainTable(columns: readonly string[], rows: string[][]): string {
  if (rows.some((row) => row.some((cell) => cell.includes('\n')))) {
    return rows.map((row) => row.map((cell, j) => `── ${columns[j]} ──\n${cell}`).join('\n')).join('\n\n');
  }
  const widths = columns.map((c, j) => Math.max(c.length, ...rows.map((row) => row[j].length)));
  const line = (cells: readonly string[]) => cells.map((c, j) => c.padEnd(widths[j])).join('  ').trimEnd();
  return [line(columns), line(widths.map((w) => '─'.repeat(w))), ...rows.map(line)].join('\n');
}
