/**
 * report.docx — the Word document a student hands in: the same content as report.html (./../report.ts,
 * ../report-sections.ts), laid out for paper, each section on a new page: the summary; the command and every
 * hyperparameter; the architecture (table, equations, the unrolled diagram as an image); the gradient check; the loss
 * curves (an image rendered without a browser: Vega → SVG → resvg → PNG); the samples side by side in monospace; a
 * passage from the best checkpoint; the questions and answers; and an appendix with the model's source code (for
 * min-char-rnn, the port and what in it corresponds to each statement of min-char-rnn.py).
 */
import { AlignmentType, Document, Footer, HeadingLevel, Packer, PageNumber, PageOrientation, Paragraph, TextRun } from 'docx';
import type { Table } from 'docx';
import { formatStep, originalRelError } from '@rnnlab/core';
import type { ReportInput } from '../report';
import type { AssignmentSections } from '../report-sections';
import { describeSampling, formatSummaryValue, iterationHeading, showControlCharacters } from '../samples-md';
import type { Correspondence, SourceFile } from '../source-appendix';
import { STYLES, blocksToDocx, codeBlock, codeParagraphs, svgImage, textTable } from './docx-parts';

/** What the Word document needs: the report's input with its sections, and the model's source. */
export interface DocxInput extends ReportInput {
  sections: AssignmentSections;
  sources: SourceFile[];
  /** For min-char-rnn: the original's statements and the port's lines; empty otherwise. */
  correspondence: Correspondence[];
}

type Part = Paragraph | Table;

/** A4 in twips (portrait width and height; docx swaps them for landscape). */
const A4 = { width: 11906, height: 16838 };

const heading = (text: string, level: 1 | 2 = 1, pageBreakBefore = level === 1) =>
  new Paragraph({ text, heading: level === 1 ? HeadingLevel.HEADING_1 : HeadingLevel.HEADING_2, pageBreakBefore, keepNext: true });
const para = (text: string, options: { italics?: boolean; bold?: boolean; style?: string } = {}) =>
  new Paragraph({ ...(options.style === undefined ? {} : { style: options.style }), children: [new TextRun({ text, italics: options.italics, bold: options.bold })] });

function architecture(s: AssignmentSections): Part[] {
  const a = s.architecture;
  const group = (n: number) => n.toLocaleString('en-US');
  const rows = a.layers.map((l) => [`${l.name} (${l.type})`, l.outputShape, l.weights.map((w) => `${w.name} [${w.shape.join(', ')}]`).join('\n'), `${group(l.parameters)}${l.trainable ? '' : ' (fixed)'}`]);
  return [
    heading('Architecture'),
    para(`${a.title}. ${a.legend}`),
    textTable(['Layer (type)', 'Output shape', 'Weights', 'Parameters'], rows, { widths: [32, 24, 28, 16] }),
    para(`Total parameters: ${group(a.totalParameters)}; trainable: ${group(a.trainableParameters)}; non-trainable: ${group(a.totalParameters - a.trainableParameters)}.`, { style: 'Small' }),
    heading('Equations', 2, false),
    ...codeParagraphs(a.equations.join('\n'), 14),
    heading('The network unrolled in time', 2, false),
    svgImage(s.diagramSvg),
  ];
}

function gradCheck(s: AssignmentSections): Part[] {
  const stored = s.gradCheck;
  if (stored === null) return [heading('Gradient check'), para('This run has no gradient check: train with --gradcheck, or run rnnlab gradcheck RUN.')];
  const { check } = stored;
  const exp = (v: number, d: number) => (Number.isFinite(v) ? v.toExponential(d) : String(v));
  const rows = check.report.rows.map((r) => [
    r.param, `${r.index} [${r.position.join(', ')}]`, exp(r.numerical, 5), exp(r.analytic, 5), exp(r.relError, 2), exp(originalRelError(r.analytic, r.numerical), 2),
    check.failures.includes(r) ? 'FAILS' : 'passes',
  ]);
  const verdict = check.passed ? `Passed: all ${check.report.rows.length} checked entries agree.` : `Failed: ${check.failures.length} of ${check.report.rows.length} checked entries disagree.`;
  return [
    heading('Gradient check'),
    para(`${stored.model}: ${check.numChecks} random entries of each parameter on ${stored.where}; δ = ${formatStep(check.delta)}, entries chosen by RandomState(${stored.seed}), unclipped analytic gradients.`),
    para(verdict, { bold: true }),
    para(
      `Rule: an entry passes when cs231n's relative error |a − n| / max(1e-8, |a| + |n|) is at most ${check.relTolerance.toExponential(0)}, or |a − n| is at most ` +
        `${check.absTolerance.toExponential(2)} (the noise floor 50·ε·max(1, |loss|)/δ at loss ${check.loss.toFixed(4)}). grad-check.py's |a − n| / |a + n| is shown beside it.`,
      { style: 'Small' },
    ),
    textTable(['Parameter', 'Index', 'Numerical', 'Analytic', 'Rel. error', 'grad-check.py', 'Verdict'], rows, { size: 15, widths: [12, 17, 16, 16, 12, 14, 13] }),
    heading('Worst relative error per parameter', 2, false),
    textTable(['Parameter', 'Checks', 'Max relative error'], check.report.perParam.map((p) => [p.param, String(p.checks), exp(p.maxRelError, 2)])),
  ];
}

function samples(input: DocxInput): Part[] {
  const parts: Part[] = [heading('Text evolution')];
  if (input.samples.length === 0) return [...parts, para('No samples were recorded.')];
  const sorted = [...input.samples].sort((a, b) => a.iter - b.iter);
  const perRow = Math.min(4, sorted.length);
  for (let i = 0; i < sorted.length; i += perRow) {
    const group = sorted.slice(i, i + perRow);
    const header = group.map((s) => iterationHeading(s.iter));
    const cells: Paragraph[][] = group.map((s) => [para(describeSampling(s).sampling, { style: 'Small' }), codeBlock(showControlCharacters(s.text), perRow >= 4 ? 14 : 16)]);
    while (header.length < perRow) {
      header.push('');
      cells.push([para('')]);
    }
    parts.push(textTable(header, [cells]), para(''));
  }
  return parts;
}

function answers(s: AssignmentSections): Part[] {
  const parts: Part[] = [heading('Questions and answers')];
  if (s.answers === null) return [...parts, para(`No answers: ${s.answersPath} is missing. Run rnnlab report on this run to write the template there.`)];
  for (const a of s.answers) {
    parts.push(heading(`${a.number}. ${a.question.title}`, 2, false), para(a.question.prompt, { italics: true, style: 'Small' }));
    parts.push(...(a.blocks === null ? [para(`No answer yet: write it under "## ${a.number}. …" in ${s.answersPath}.`, { italics: true })] : blocksToDocx(a.blocks)));
  }
  return parts;
}

function appendix(input: DocxInput): Part[] {
  const parts: Part[] = [heading('Appendix: the source code of the model', 1, false), para('From @rnnlab/core, the library this run trained with; line numbers on the left.')];
  if (input.correspondence.length > 0) {
    parts.push(
      heading("min-char-rnn.py and the port", 2, false),
      para('Each statement of Karpathy\'s min-char-rnn.py and where rnnlab does the same: the file (in @rnnlab/core) and its line.', { style: 'Small' }),
      textTable(['min-char-rnn.py', 'rnnlab', 'Where'], input.correspondence.map((c) => [c.original, c.port, c.line === null ? c.file : `${c.file}:${c.line}`]), { size: 15, widths: [46, 32, 22] }),
    );
  }
  for (const file of input.sources) {
    const lines = file.text.replace(/\n$/, '').split('\n');
    const width = String(lines.length).length;
    parts.push(heading(file.path, 2, true), ...codeParagraphs(lines.map((l, i) => `${String(i + 1).padStart(width)}  ${l}`).join('\n'), 14));
  }
  return parts;
}

/** Renders the Word document. */
export async function renderReportDocx(input: DocxInput): Promise<Buffer> {
  const s = input.sections;
  const summary = Object.entries(input.summary).map(([k, v]) => [k, formatSummaryValue(v)]);
  const children: Part[] = [
    new Paragraph({ text: input.title, heading: HeadingLevel.TITLE }),
    para('rnnlab training report', { style: 'Small' }),
    ...(input.stoppedEarly === undefined ? [] : [para(`Training stopped early at iteration ${input.stoppedEarly.iteration}: ${input.stoppedEarly.reason}`, { bold: true })]),
    textTable(null, summary, { widths: [30, 70] }),
    heading('Command and hyperparameters'),
    textTable(['Setting', 'Value'], s.hyperparameters, { widths: [35, 65] }),
    ...architecture(s),
    ...gradCheck(s),
    heading('Loss'),
    ...(s.lossPlotSvg === null ? [para('No loss was logged for this run.')] : [svgImage(s.lossPlotSvg), para(`${input.lossLabel}. Thin line: the loss at each iteration; bold: the smooth loss; points: the validation loss.`, { style: 'Small' })]),
    ...samples(input),
    ...(s.passage === null ? [] : [
      heading('A passage from the best model'),
      para(`${s.passage.length.toLocaleString('en-US')} ${s.passage.level === 'word' ? 'words' : 'characters'} from ${s.passage.checkpoint} (iteration ${s.passage.iteration}; ${s.passage.why}), temperature ${s.passage.temperature}, seed ${s.passage.seed}.`, { style: 'Small' }),
      ...codeParagraphs(showControlCharacters(s.passage.text), 17),
    ]),
    ...answers(s),
  ];
  const footer = new Footer({ children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ children: [PageNumber.CURRENT], size: 16 })] })] });
  const margin = { top: 1134, bottom: 1134, left: 1134, right: 1134 }; // 2 cm, in twips
  const document = new Document({
    creator: 'rnnlab', title: input.title, styles: STYLES,
    sections: [
      { properties: { page: { margin } }, footers: { default: footer }, children },
      // The source code on landscape pages, so that lines of up to about 170 characters do not wrap.
      { properties: { page: { margin, size: { orientation: PageOrientation.LANDSCAPE, width: A4.width, height: A4.height } } }, footers: { default: footer }, children: appendix(input) },
    ],
  });
  return Packer.toBuffer(document);
}
