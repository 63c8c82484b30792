/**
 * How a Tensor prints: a shaped, rounded table in the manner of numpy's repr, so that `console.log(h)` in a notebook
 * or the REPL shows something a person can read instead of a 100,000-character line.
 *
 *   Tensor [2, 3]
 *   [[ 0.1235, -1.2   ,  3.    ],
 *    [ 4.    ,  5.    ,  6.    ]]
 *
 * Numbers use numpy's default "maxprec" style at `precision` digits (aligned decimal points, trailing zeros shown as
 * blanks), switching to scientific notation when the magnitudes call for it (numpy's rule: largest ≥ 1e8, smallest
 * non-zero < 1e-4, or a ratio above 1e3). Above `threshold` elements every long axis is summarised with `...` between
 * its first and last `edgeItems` entries; rows wider than `lineWidth` wrap. Blocks of rank-3+ tensors are separated by
 * blank lines, as numpy does.
 */
import type { Tensor } from './tensor';

/** Printing options; the defaults are numpy's, but with 4 digits instead of 8. */
export interface FormatOptions {
  precision?: number;
  threshold?: number;
  edgeItems?: number;
  lineWidth?: number;
}

const DEFAULTS: Required<FormatOptions> = { precision: 4, threshold: 1000, edgeItems: 3, lineWidth: 100 };

/** The table form of `t` with a `Tensor [shape]` header line. */
export function formatTensor(t: Tensor, options: FormatOptions = {}): string {
  const opts = { ...DEFAULTS, ...options };
  const header = `Tensor [${t.shape.join(', ')}]`;
  if (t.rank === 0) return `${header} ${formatScalar(t.data[0], opts.precision)}`;
  if (t.size === 0) return `${header} []`;
  const summarise = t.size > opts.threshold;
  const shown = shownIndices(t.shape, summarise ? opts.edgeItems : Infinity);
  const cell = numberFormatter(collectShown(t, shown), opts.precision);
  return `${header}\n${formatBlock(t, shown, cell, 0, 0, 1, opts.lineWidth)}`;
}

/** Per axis: the indices printed, with -1 standing for the `...` gap. */
function shownIndices(shape: readonly number[], edge: number): number[][] {
  return shape.map((n) => {
    if (n <= 2 * edge) return Array.from({ length: n }, (_, i) => i);
    return [...Array.from({ length: edge }, (_, i) => i), -1, ...Array.from({ length: edge }, (_, i) => n - edge + i)];
  });
}

function collectShown(t: Tensor, shown: number[][]): number[] {
  const values: number[] = [];
  const walk = (dim: number, offset: number) => {
    const stride = t.shape.slice(dim + 1).reduce((a, b) => a * b, 1);
    for (const i of shown[dim]) {
      if (i < 0) continue;
      if (dim === t.rank - 1) values.push(t.data[offset + i]);
      else walk(dim + 1, offset + i * stride);
    }
  };
  walk(0, 0);
  return values;
}

/** `[ ... ]` for the sub-tensor at `offset` along `dim`; `indent` is the column its `[` sits in. */
function formatBlock(
  t: Tensor, shown: number[][], cell: (x: number) => string, dim: number, offset: number, indent: number, lineWidth: number,
): string {
  const stride = t.shape.slice(dim + 1).reduce((a, b) => a * b, 1);
  if (dim === t.rank - 1) {
    const items = shown[dim].map((i) => (i < 0 ? '...' : cell(t.data[offset + i])));
    return `[${wrapRow(items, indent, lineWidth)}]`;
  }
  const rowSeparator = `,${'\n'.repeat(t.rank - dim - 1)}${' '.repeat(indent)}`;
  const rows = shown[dim].map((i) => (i < 0 ? '...' : formatBlock(t, shown, cell, dim + 1, offset + i * stride, indent + 1, lineWidth)));
  return `[${rows.join(rowSeparator)}]`;
}

/** Joins a row's items with ", ", breaking lines before an item that would pass `lineWidth`. */
function wrapRow(items: string[], indent: number, lineWidth: number): string {
  let out = '';
  let column = indent;
  items.forEach((item, k) => {
    const piece = k === 0 ? item : `, ${item}`;
    if (k > 0 && column + piece.length + 2 > lineWidth) {
      out += `,\n${' '.repeat(indent)}${item}`;
      column = indent + item.length;
    } else {
      out += piece;
      column += piece.length;
    }
  });
  return out;
}

/** A formatter giving every shown number the same width, chosen from all of them at once. */
function numberFormatter(values: number[], precision: number): (x: number) => string {
  const finite = values.filter(Number.isFinite);
  const magnitudes = finite.map(Math.abs).filter((a) => a > 0);
  const max = magnitudes.length ? Math.max(...magnitudes) : 0;
  const min = magnitudes.length ? Math.min(...magnitudes) : 0;
  const scientific = max >= 1e8 || (min > 0 && (min < 1e-4 || max / min > 1e3));
  const negative = values.some((x) => x < 0 || Object.is(x, -0));

  if (scientific) {
    // As numpy: as many mantissa digits as the most precise number needs (up to `precision`), zero-padded.
    const digits = Math.max(0, ...finite.map((x) => x.toExponential(precision).split('e')[0].replace(/0+$/, '').split('.')[1]?.length ?? 0));
    const expDigits = Math.max(2, ...finite.map((x) => x.toExponential(digits).split('e')[1].replace(/^[-+]/, '').length));
    const text = (x: number) => (Number.isFinite(x) ? sciText(x, digits, expDigits) : nonFinite(x));
    const width = Math.max(...values.map((x) => text(x).length));
    return (x) => text(x).padStart(width);
  }
  // Align the decimal points: the integer parts right-aligned, the fractions left-aligned and padded with blanks.
  const split = (s: string) => [s.slice(0, s.indexOf('.')), s.slice(s.indexOf('.'))];
  const parts = finite.map((x) => split(fixedText(x, precision)));
  const intWidth = Math.max(0, ...parts.map(([int]) => int.length), negative ? 2 : 1);
  const fracWidth = Math.max(0, ...parts.map(([, frac]) => frac.length));
  const width = Math.max(intWidth + fracWidth, ...values.filter((x) => !Number.isFinite(x)).map((x) => nonFinite(x).length));
  return (x) => {
    if (!Number.isFinite(x)) return nonFinite(x).padStart(width);
    const [int, frac] = split(fixedText(x, precision));
    return (int.padStart(intWidth) + frac.padEnd(fracWidth)).padStart(width);
  };
}

/** `x` rounded to `precision` decimals with trailing zeros dropped, keeping the point: 3 → "3.", 0.5 → "0.5". */
function fixedText(x: number, precision: number): string {
  const s = (Object.is(x, -0) ? '-' : '') + x.toFixed(precision); // toFixed drops the sign of -0; numpy keeps it
  return (s.includes('.') ? s : `${s}.`).replace(/0+$/, '');
}

/** numpy's scientific form: 1.2346e-05, or 1.e-05 with no digits; the exponent signed and zero-padded. */
function sciText(x: number, digits: number, expDigits: number): string {
  const [mantissa, exponent] = x.toExponential(digits).split('e');
  const sign = exponent.startsWith('-') ? '-' : '+';
  return `${digits === 0 ? `${mantissa}.` : mantissa}e${sign}${exponent.replace(/^[-+]/, '').padStart(expDigits, '0')}`;
}

function nonFinite(x: number): string {
  return Number.isNaN(x) ? 'nan' : x > 0 ? 'inf' : '-inf';
}

function formatScalar(x: number, precision: number): string {
  return Number.isFinite(x) ? fixedText(x, precision) : nonFinite(x);
}
