/**
 * SVG → PNG without a browser, for the Word document: resvg (the Rust SVG renderer, as prebuilt per-platform npm
 * packages: nothing is downloaded or compiled at install) with the DejaVu fonts of the `dejavu-fonts-ttf` package, so
 * text renders the same on every machine, whatever fonts it has. Generic families map to DejaVu Sans / Sans Mono.
 */
import { dirname, join } from 'node:path';
import { Resvg } from '@resvg/resvg-js';

const FONT_DIR = join(dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
const FONTS = ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf', 'DejaVuSans-Oblique.ttf', 'DejaVuSansMono.ttf'].map((f) => join(FONT_DIR, f));

/** A PNG of `svg`, `width` pixels wide (the height follows the aspect ratio), on white; and its size in pixels. */
export function svgToPng(svg: string, width: number): { png: Buffer; width: number; height: number } {
  const image = new Resvg(svg, {
    fitTo: { mode: 'width', value: width },
    background: '#ffffff',
    font: { loadSystemFonts: false, fontFiles: FONTS, defaultFontFamily: 'DejaVu Sans', sansSerifFamily: 'DejaVu Sans', monospaceFamily: 'DejaVu Sans Mono' },
  }).render();
  return { png: image.asPng(), width: image.width, height: image.height };
}
