/**
 * Building blocks of report.docx (npm `docx`): the document's styles (a monospace "Code" style for samples, equations
 * and source code), tables, images, and the student's Markdown answers (../markdown.ts's blocks) as Word paragraphs.
 */
import {
  BorderStyle, ExternalHyperlink, ImageRun, Paragraph, ShadingType, Table, TableCell, TableLayoutType, TableRow, TextRun, WidthType,
} from 'docx';
import type { IStylesOptions, ParagraphChild } from 'docx';
import type { Block, Inline } from '../markdown';
import { svgToPng } from '../png';

/** A monospace font Word has everywhere (LibreOffice substitutes Liberation Mono, metrically the same). */
export const MONO = 'Courier New';
/** The text width of an A4 page with 2 cm margins, in pixels at 96 dpi (docx measures images in pixels). */
export const TEXT_WIDTH_PX = 642;

/** Styles: body text, headings, and "Code" (monospace, no spacing between lines). */
export const STYLES: IStylesOptions = {
  default: { document: { run: { font: 'Calibri', size: 21 }, paragraph: { spacing: { after: 100 } } } },
  paragraphStyles: [
    { id: 'Code', name: 'Code', basedOn: 'Normal', run: { font: MONO, size: 16 }, paragraph: { spacing: { after: 0, line: 240 } } },
    { id: 'Small', name: 'Small', basedOn: 'Normal', run: { size: 18, color: '59636E' } },
  ],
};

/** Lines of monospace text, one paragraph each (`size` in half-points overrides the style's 8 pt). */
export function codeParagraphs(text: string, size?: number): Paragraph[] {
  return text.split('\n').map((line) => new Paragraph({ style: 'Code', children: [new TextRun({ text: line, ...(size === undefined ? {} : { size }) })] }));
}

/** A monospace block as one paragraph with line breaks (to sit in a table cell). */
export function codeBlock(text: string, size = 16): Paragraph {
  const runs = text.split('\n').map((line, i) => new TextRun({ text: line, font: MONO, size, ...(i > 0 ? { break: 1 } : {}) }));
  return new Paragraph({ style: 'Code', children: runs });
}

const BORDER = { style: BorderStyle.SINGLE, size: 4, color: 'D1D9E0' };

/** A table of text cells with a shaded header row (none when `header` is null), as wide as the page; cells may also be paragraphs. */
export function textTable(header: string[] | null, rows: (string | Paragraph[])[][], options: { size?: number; widths?: number[] } = {}): Table {
  const size = options.size ?? 18;
  const cell = (content: string | Paragraph[], head: boolean, c: number) =>
    new TableCell({
      children: typeof content === 'string' ? content.split('\n').map((line) => new Paragraph({ spacing: { after: 0 }, children: [new TextRun({ text: line, bold: head, size })] })) : content,
      ...(head ? { shading: { type: ShadingType.CLEAR, fill: 'F6F8FA', color: 'auto' } } : {}),
      ...(options.widths === undefined ? {} : { width: { size: options.widths[c], type: WidthType.PERCENTAGE } }),
      margins: { top: 40, bottom: 40, left: 80, right: 80 },
    });
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    layout: TableLayoutType.FIXED,
    borders: { top: BORDER, bottom: BORDER, left: BORDER, right: BORDER, insideHorizontal: BORDER, insideVertical: BORDER },
    rows: [
      ...(header === null ? [] : [new TableRow({ tableHeader: true, children: header.map((h, c) => cell(h, true, c)) })]),
      ...rows.map((r) => new TableRow({ cantSplit: true, children: r.map((content, c) => cell(content, false, c)) })),
    ],
  });
}

/** An SVG as a PNG image paragraph, `widthPx` wide on the page (rendered at twice that for print). */
export function svgImage(svg: string, widthPx = TEXT_WIDTH_PX): Paragraph {
  const { png, width, height } = svgToPng(svg, widthPx * 2);
  return new Paragraph({ children: [new ImageRun({ type: 'png', data: png, transformation: { width: widthPx, height: Math.round((widthPx * height) / width) } })] });
}

function runs(inlines: Inline[]): ParagraphChild[] {
  return inlines.map((r) => {
    if (r.lineBreak === true) return new TextRun({ text: '', break: 1 });
    const run = new TextRun({ text: r.text, bold: r.bold, italics: r.italic, strike: r.strike, ...(r.code === true ? { font: MONO } : {}), ...(r.link === undefined ? {} : { style: 'Hyperlink' }) });
    return r.link !== undefined && /^(https?:|mailto:)/i.test(r.link) ? new ExternalHyperlink({ link: r.link, children: [run] }) : run;
  });
}

/** The student's Markdown as Word paragraphs and tables; `indent` nests lists and quotes (in twips). */
export function blocksToDocx(blocks: Block[], indent = 0): (Paragraph | Table)[] {
  const left = indent === 0 ? {} : { indent: { left: indent } };
  return blocks.flatMap((b): (Paragraph | Table)[] => {
    switch (b.kind) {
      case 'paragraph':
        return [new Paragraph({ children: runs(b.inlines), ...left })];
      case 'heading':
        return [new Paragraph({ children: runs(b.inlines), keepNext: true, ...left, run: { bold: true } })];
      case 'code':
        return codeParagraphs(b.text);
      case 'rule':
        return [new Paragraph({ border: { bottom: BORDER }, children: [] })];
      case 'quote':
        return blocksToDocx(b.blocks, indent + 360);
      case 'list':
        return b.items.flatMap((item, i) => {
          const marker = b.ordered ? `${b.start + i}.` : '•';
          const [first, ...rest] = item;
          const head = first?.kind === 'paragraph' ? runs(first.inlines) : [];
          const lead = new Paragraph({ indent: { left: indent + 360, hanging: 360 }, children: [new TextRun({ text: `${marker}\t` }), ...head] });
          return [lead, ...blocksToDocx(first?.kind === 'paragraph' ? rest : item, indent + 360)];
        });
      case 'table':
        return [textTable(b.header.map(plain), b.rows.map((r) => r.map(plain)))];
    }
  });
}

const plain = (inlines: Inline[]) => inlines.map((r) => r.text).join('');
