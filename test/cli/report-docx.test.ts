/**
 * Issue 11, `rnnlab report RUN --docx report.docx`: the Word document a student hands in. Read back twice — as the
 * .docx's own XML (jszip), and as LibreOffice renders it (Debian's libreoffice-writer, headless, .docx → PDF, read
 * with pdftotext and pdftoppm) — it has the report's sections, the hyperparameters, the gradient-check table, the
 * samples in a monospace font, the plots as images, the student's answers and the source code of the model.
 *
 * The LibreOffice part is skipped only when `soffice` is missing and RNNLAB_REQUIRE_LIBREOFFICE is unset (CI sets it
 * and installs libreoffice-writer). Page images go to test-artifacts/report-docx/.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inkShare, pagePngs, pdfPages } from './pdf';
import { REPO_ROOT, type SampleLine, readJson, readJsonLines, runCli, startCli, tempDirs } from './run-cli';

const dirs = tempDirs();
afterAll(() => dirs.removeAll());

const ARTIFACTS = join(REPO_ROOT, 'test-artifacts', 'report-docx');
const HAVE_SOFFICE = spawnSync('sh', ['-c', 'command -v soffice']).status === 0;
const REQUIRE_SOFFICE = process.env.RNNLAB_REQUIRE_LIBREOFFICE !== undefined && process.env.RNNLAB_REQUIRE_LIBREOFFICE !== '';
const HEADINGS = [
  'Command and hyperparameters', 'Architecture', 'Gradient check', 'Loss', 'Text evolution', 'A passage from the best model', 'Questions and answers',
  'Appendix: the source code of the model',
];
const ANSWERS: Record<number, string> = {
  1: 'The model is a **vanilla RNN** whose hidden state carries the context.',
  3: 'Every relative error is below the tolerance, so the backward pass is right.',
  7: 'The passage has learned that names end in a newline.',
};

interface StoredCheck { check: { report: { rows: { param: string; numerical: number; analytic: number }[] } } }

let cwd = '';
let docx = '';
let documentXml = '';
let zip: JSZip;
beforeAll(async () => {
  cwd = dirs.make();
  const train = runCli(['train', '--model', 'min-char-rnn', '--data', 'names', '--hidden', '32', '--iterations', '60', '--sample-at', '5,50,60', '--gradcheck', '--out', 'run'], { cwd });
  if (train.status !== 0) throw new Error(train.stderr);
  let answers = readFileSync(join(cwd, 'run', 'answers.md'), 'utf8');
  for (const [n, text] of Object.entries(ANSWERS)) answers = answers.replace(new RegExp(`(## ${n}\\. [^\\n]*\\n\\n<!--[^\\n]*-->\\n)`), `$1\n${text}\n`);
  writeFileSync(join(cwd, 'run', 'answers.md'), answers);
  const report = runCli(['report', 'run', '--docx', 'report.docx'], { cwd });
  if (report.status !== 0) throw new Error(report.stderr);
  docx = join(cwd, 'report.docx');
  zip = await JSZip.loadAsync(readFileSync(docx));
  documentXml = await zip.file('word/document.xml')!.async('string');
});

/** The document's paragraphs: their style and their text (the <w:t> runs joined, XML entities decoded). */
function paragraphs(xml: string): { style: string | null; text: string; xml: string }[] {
  const decode = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
  return [...xml.matchAll(/<w:p\b[^>]*>([\s\S]*?)<\/w:p>/g)].map((m) => ({
    style: /<w:pStyle w:val="([^"]+)"\/>/.exec(m[1])?.[1] ?? null,
    text: decode([...m[1].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => t[1]).join('')),
    xml: m[1],
  }));
}

describe('report.docx, as Word reads it (the XML in the .docx)', () => {
  it('has the sections as headings, in the order of report.html, and the title', () => {
    const ps = paragraphs(documentXml);
    expect(ps.find((p) => p.style === 'Title')?.text).toBe('rnnlab: min-char-rnn on names');
    expect(ps.filter((p) => p.style === 'Heading1').map((p) => p.text)).toEqual(HEADINGS);
  });

  it('lists every hyperparameter and every entry of the gradient check', () => {
    const text = paragraphs(documentXml).map((p) => p.text);
    const config = readJson<{ plan: Record<string, unknown> }>(join(cwd, 'run', 'config.json'));
    for (const key of Object.keys(config.plan)) expect(text.some((t) => t.startsWith(`${key} `))).toBe(true);
    expect(text).toContain('learningRate --lr');
    const stored = readJson<StoredCheck>(join(cwd, 'run', 'gradcheck.json'));
    for (const row of stored.check.report.rows) expect(text).toContain(row.numerical.toExponential(5));
    expect(text).toContain('Passed: all 50 checked entries agree.');
  });

  it('shows each sample in a monospace font, and the plots (diagram, loss) as PNG images', async () => {
    const ps = paragraphs(documentXml);
    for (const sample of readJsonLines<SampleLine>(join(cwd, 'run', 'samples.jsonl'))) {
      const first = sample.text.split('\n').find((l) => l.trim() !== '') as string;
      const holder = ps.find((p) => p.style === 'Code' && p.text.includes(first));
      expect(holder, `a Code paragraph with "${first}"`).toBeDefined();
      expect(holder!.xml).toContain('w:ascii="Courier New"');
    }
    const images = Object.keys(zip.files).filter((f) => f.startsWith('word/media/') && !zip.files[f].dir);
    expect(images).toHaveLength(2);
    for (const f of images) {
      const png = await zip.file(f)!.async('nodebuffer');
      expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
      expect(png.length).toBeGreaterThan(20_000);
    }
  });

  it('has the answers from answers.md under their questions, with their Markdown marks', () => {
    const ps = paragraphs(documentXml);
    const at = (heading: string) => ps.findIndex((p) => p.style === 'Heading2' && p.text === heading);
    expect(ps[at('1. The architecture') + 2].text).toBe('The model is a vanilla RNN whose hidden state carries the context.');
    expect(ps[at('1. The architecture') + 2].xml).toMatch(/<w:b\/>[\s\S]*?<w:t[^>]*>vanilla RNN<\/w:t>/);
    expect(ps[at('3. The gradient check') + 2].text).toBe(ANSWERS[3]);
    expect(ps[at('7. A passage from the best model') + 2].text).toBe(ANSWERS[7]);
    expect(ps[at('2. The outputs after 5, 50 and 500 iterations') + 2].text).toMatch(/^No answer yet/);
  });

  it('ends with the source code of the model on landscape pages, and the table from min-char-rnn.py to it', () => {
    const text = paragraphs(documentXml).map((p) => p.text);
    expect(text.some((t) => /^\s*\d+ {2}export class MinCharRnn\b/.test(t))).toBe(true);
    expect(text.some((t) => /^\s*\d+ {2}export function lossFunReadable\(/.test(t))).toBe(true);
    expect(text.some((t) => /^\s*\d+ {2}export function adagradUpdate\(/.test(t))).toBe(true);
    expect(text).toContain('hs[t] = np.tanh(np.dot(Wxh, xs[t]) + np.dot(Whh, hs[t-1]) + bh)');
    expect(text.some((t) => /^src\/lm\/min-char-readable\.ts:\d+$/.test(t))).toBe(true);
    expect(documentXml).toMatch(/<w:pgSz [^>]*w:orient="landscape"/);
  });
});

describe('rnnlab report --docx, interrupted', () => {
  it('SIGTERM while the document is made: exit 143 leaving no document and no temporary file, the run unlocked', async () => {
    const before = readdirSync(join(cwd, 'run')).sort();
    const report = startCli(['report', 'run', '--docx', 'stopped.docx'], { cwd });
    await report.waitForOutput(/^Report: /m);
    report.child.kill('SIGTERM');
    const end = await report.done;
    // Making the document takes about a second after "Report:"; should the signal come after it all the same, the
    // document must be whole.
    if (end.status === 0) await JSZip.loadAsync(readFileSync(join(cwd, 'stopped.docx')));
    else {
      expect(end.status).toBe(143);
      expect(end.stderr).toBe('rnnlab report: interrupted by SIGTERM; every file is as it was or complete.\n');
      expect(readdirSync(cwd).filter((f) => f.includes('stopped'))).toEqual([]);
    }
    expect(readdirSync(cwd).filter((f) => f.includes('stopped') && f !== 'stopped.docx')).toEqual([]);
    expect(readdirSync(join(cwd, 'run')).sort()).toEqual(before);
    expect(runCli(['report', 'run'], { cwd }).status).toBe(0);
  });
});

describe.skipIf(!HAVE_SOFFICE && !REQUIRE_SOFFICE)('report.docx through LibreOffice (headless, .docx → PDF)', () => {
  let pdf = '';
  let pages: string[] = [];
  beforeAll(() => {
    if (!HAVE_SOFFICE) throw new Error('RNNLAB_REQUIRE_LIBREOFFICE is set but soffice is not installed (apt-get install libreoffice-writer)');
    const out = dirs.make();
    // A profile of its own, so that a LibreOffice the user has open does not take the conversion over.
    execFileSync('soffice', [`-env:UserInstallation=file://${dirs.make()}`, '--headless', '--convert-to', 'pdf', '--outdir', out, docx], { stdio: 'pipe', timeout: 120_000 });
    pdf = join(out, 'report.pdf');
    pages = pdfPages(pdf);
  }, 150_000);

  it('shows the headings, a hyperparameter, a gradient-check row, a sample, the answers and the source code', () => {
    const text = pages.join('\n');
    for (const heading of HEADINGS) expect(text).toContain(heading);
    expect(text).toMatch(/learningRate --lr\s+0\.1/);
    const row = readJson<StoredCheck>(join(cwd, 'run', 'gradcheck.json')).check.report.rows.find((r) => r.param === 'Whh')!;
    expect(text).toMatch(new RegExp(`Whh\\s+\\d+ \\[\\d+, \\d+\\]\\s+${row.numerical.toExponential(5).replace(/[.+-]/g, '\\$&')}\\s+${row.analytic.toExponential(5).replace(/[.+-]/g, '\\$&')}`));
    const sample = readJsonLines<SampleLine>(join(cwd, 'run', 'samples.jsonl'))[1];
    expect(text).toContain(sample.text.split('\n').find((l) => l.trim() !== '') as string);
    for (const answer of [ANSWERS[3], ANSWERS[7], 'The model is a vanilla RNN whose hidden state carries the context.']) expect(text.replace(/\s+/g, ' ')).toContain(answer);
    expect(text).toMatch(/\d+\s+export class MinCharRnn/);
  });

  it('renders page 1 (the title and the summary) and the loss plot as pages that are not blank', () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    const lossPage = pages.findIndex((p) => p.trimStart().startsWith('Loss')) + 1;
    expect(lossPage).toBeGreaterThan(1);
    pagePngs(pdf, join(ARTIFACTS, 'page'), 1, lossPage);
    expect(pages[0]).toContain('rnnlab: min-char-rnn on names');
    // A blank page has no ink; measured: page 1 (title, summary table) 5%, the loss page 3.4% (its heading and caption alone < 1%).
    expect(inkShare(pdf, 1)).toBeGreaterThan(0.01);
    expect(inkShare(pdf, lossPage)).toBeGreaterThan(0.02);
  });
});
