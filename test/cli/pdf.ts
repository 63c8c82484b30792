/**
 * Reading a PDF back with poppler-utils (pdftotext, pdftoppm), for the tests of the printed report.html and of
 * report.docx converted by LibreOffice: the text of each page, page images for a person to look at, and how much of
 * a page is ink.
 */
import { execFileSync } from 'node:child_process';

/** The text of each page (pdftotext -layout; pages end with a form feed). */
export function pdfPages(pdf: string): string[] {
  return execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }).split('\f').slice(0, -1);
}

/** Renders pages `first` to `last` as PNG files `prefix`-N.png (at 60 dpi), for a person to look at. */
export function pagePngs(pdf: string, prefix: string, first: number, last: number): void {
  execFileSync('pdftoppm', ['-png', '-r', '60', '-f', String(first), '-l', String(last), pdf, prefix]);
}

/** The share of pixels that are not white (ink, lines, shading) on page `n` (a greyscale rendering at 30 dpi, read from pdftoppm's PGM output). */
export function inkShare(pdf: string, n: number): number {
  const pgm = execFileSync('pdftoppm', ['-gray', '-r', '30', '-f', String(n), '-l', String(n), pdf], { maxBuffer: 64 * 1024 * 1024 });
  const header = /^P5\s+(\d+)\s+(\d+)\s+255\s/.exec(pgm.subarray(0, 40).toString('latin1'));
  if (header === null) throw new Error('pdftoppm did not write a PGM image');
  const pixels = pgm.subarray(header[0].length);
  let dark = 0;
  for (const v of pixels) if (v < 235) dark++;
  return dark / pixels.length;
}
