/**
 * Issue 11, the report a student hands in, end to end: after `rnnlab train --gradcheck --sample-at …` the run's
 * report.html has every section of the assignment; answers.md starts as a template with the seven questions, and
 * `rnnlab report RUN` rebuilds report.html with the student's answers; on paper (headless Chromium, print media) every
 * section starts a page, page 1 is the title with the summary, the interactive plot and its button are gone and the
 * static plot shows. Page images go to test-artifacts/report/.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inkShare, pagePngs, pdfPages } from './pdf';
import { REPO_ROOT, readJson, runCli, startCli, tempDirs } from './run-cli';

const dirs = tempDirs();
afterAll(() => dirs.removeAll());

const CHROMIUM = '/usr/bin/chromium';
const ARTIFACTS = join(REPO_ROOT, 'test-artifacts', 'report');
/** The sections of report.html, in order. */
const SECTIONS = ['Summary', 'Command and hyperparameters', 'Architecture', 'Gradient check', 'Loss', 'Text evolution', 'A passage from the best model', 'Questions and answers'];
const TRAIN = ['train', '--model', 'min-char-rnn', '--data', 'names', '--hidden', '32', '--iterations', '60', '--sample-at', '5,50,60', '--gradcheck', '--seed', '3', '--out', 'run'];

/** The student's answers.md: the template with answers written under three of the seven headings. */
const ANSWERS: Record<number, string> = {
  1: 'A **vanilla RNN** with one hidden layer:\n\n- `Wxh` reads the one-hot character\n- `Whh` carries the hidden state',
  2: 'After 5 iterations the text is noise; after 50 the names have vowels.',
  5: 'Nothing was hard about *this* small run.\n\n```\nloss = -log p\n```',
};

let cwd = '';
let run = '';
beforeAll(() => {
  cwd = dirs.make();
  run = join(cwd, 'run');
  const r = runCli(TRAIN, { cwd });
  if (r.status !== 0) throw new Error(r.stderr);
});

const html = () => readFileSync(join(run, 'report.html'), 'utf8');
const unescape = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');

function writeAnswers(): void {
  let text = readFileSync(join(run, 'answers.md'), 'utf8');
  for (const [n, answer] of Object.entries(ANSWERS)) text = text.replace(new RegExp(`(## ${n}\\. [^\\n]*\\n\\n<!--[^\\n]*-->\\n)`), `$1\n${answer}\n`);
  writeFileSync(join(run, 'answers.md'), text);
}

describe('report.html after rnnlab train', () => {
  it('has every section of the assignment, in order', () => {
    const headings = [...html().matchAll(/<h2>([^<]*)<\/h2>/g)].map((m) => m[1]);
    expect(headings).toEqual(SECTIONS);
  });

  it('shows the command and every resolved setting', () => {
    const page = html();
    const config = readJson<{ command: string; plan: Record<string, unknown>; schedule: Record<string, unknown> }>(join(run, 'config.json'));
    expect(page).toContain(`<code>${config.command}</code>`);
    for (const [key, value] of Object.entries({ ...config.plan, ...config.schedule })) {
      if (key === 'log') continue;
      const shown = value === null ? 'none' : Array.isArray(value) ? value.join(', ') : String(value);
      expect(page).toMatch(new RegExp(`<th scope="row">${key} [^<]*</th><td>${shown.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}</td>`));
    }
    expect(page).toContain('<th scope="row">one epoch</th><td>2,366 iterations');
  });

  it('shows the architecture with the parameter count and the unrolled diagram', () => {
    const page = html();
    expect(page).toContain(`Total parameters: ${(32 * 28 + 32 * 32 + 32 + 28 * 32 + 28).toLocaleString('en-US')}`);
    expect(page).toContain('<figure class="diagram"><svg');
    expect(page).toContain('<title>min-char-rnn, unrolled over T = 25 steps</title>');
  });

  it('shows the text after each requested iteration side by side, and a 1,000-character passage', () => {
    const page = html();
    expect([...page.matchAll(/<figure class="sample" data-iter="(\d+)">/g)].map((m) => Number(m[1]))).toEqual([5, 50, 60]);
    const passage = /<pre class="passage">\n([\s\S]*?)<\/pre>/.exec(page)?.[1] ?? '';
    expect([...unescape(passage)]).toHaveLength(1000);
    expect(page).toContain('1,000 characters sampled from <code>checkpoint.json</code> (iteration 60;');
  });

  it('answers.md starts as a template: the seven questions, each under a numbered heading', () => {
    const text = readFileSync(join(run, 'answers.md'), 'utf8');
    expect([...text.matchAll(/^## (\d+)\. (.+)$/gm)].map((m) => `${m[1]}. ${m[2]}`)).toEqual([
      '1. The architecture', '2. The outputs after 5, 50 and 500 iterations', '3. The gradient check', '4. What differs between the outputs',
      '5. What made training hard', '6. The smooth loss', '7. A passage from the best model',
    ]);
    expect(html().match(/<p class="unanswered">No answer yet/g)).toHaveLength(7);
  });
});

describe('rnnlab report RUN', () => {
  it('rebuilds report.html with the answers written in answers.md, and says which are still open', () => {
    writeAnswers();
    const before = html();
    const r = runCli(['report', 'run'], { cwd });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Answers: 3 of 7 questions answered in run/answers.md (unanswered: 3, 4, 6, 7).');
    const page = html();
    expect(page).not.toBe(before);
    expect(page).toContain('<p>A <strong>vanilla RNN</strong> with one hidden layer:</p>\n<ul><li><p><code>Wxh</code> reads the one-hot character</p></li>');
    expect(page).toContain('<p>After 5 iterations the text is noise; after 50 the names have vowels.</p>');
    expect(page).toContain('<pre class="answer-code">\nloss = -log p</pre>');
    expect(page.match(/<p class="unanswered">No answer yet/g)).toHaveLength(4);
    expect([...page.matchAll(/<h2>([^<]*)<\/h2>/g)].map((m) => m[1])).toEqual(SECTIONS);
  });

  it('writes a missing answers.md from the template (and never over an existing one)', () => {
    const d = dirs.make();
    expect(runCli(['train', '--model', 'min-char-rnn', '--data', 'names', '--hidden', '8', '--iterations', '3', '--out', 'r'], { cwd: d }).status).toBe(0);
    const template = readFileSync(join(d, 'r', 'answers.md'), 'utf8');
    execFileSync('rm', [join(d, 'r', 'answers.md')]);
    const r = runCli(['report', 'r'], { cwd: d });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Wrote the answers template r/answers.md');
    expect(readFileSync(join(d, 'r', 'answers.md'), 'utf8')).toBe(template);
    writeFileSync(join(d, 'r', 'answers.md'), '## 1. The architecture\n\nMine.\n');
    expect(runCli(['report', 'r'], { cwd: d }).stdout).not.toContain('Wrote the answers template');
    expect(readFileSync(join(d, 'r', 'answers.md'), 'utf8')).toBe('## 1. The architecture\n\nMine.\n');
  });

  it('leaves report.html as it was when answers.md is wrong, naming the file and the line', () => {
    const d = dirs.make();
    expect(runCli(['train', '--model', 'min-char-rnn', '--data', 'names', '--hidden', '8', '--iterations', '3', '--out', 'r'], { cwd: d }).status).toBe(0);
    const report = join(d, 'r', 'report.html');
    const before = { text: readFileSync(report, 'utf8'), mtime: statSync(report).mtimeMs };
    const files = readdirSync(join(d, 'r')).sort();
    for (const [answers, message] of [
      ['## 1. A\n\nx\n\n## 9. Nine\n', 'r/answers.md:5: heading "## 9. Nine" numbers no question; expected ## 1. to ## 7.'],
      ['## 2. A\n\n## 2. Again\n', 'r/answers.md:3: a second heading for question 2; each of the headings ## 1. to ## 7. must appear once.'],
    ]) {
      writeFileSync(join(d, 'r', 'answers.md'), answers);
      const r = runCli(['report', 'r'], { cwd: d });
      expect(r.status).toBe(1);
      expect(r.stderr).toBe(`rnnlab report: ${message}\n`);
    }
    writeFileSync(join(d, 'r', 'answers.md'), Buffer.from([0x23, 0x20, 0xff, 0xfe, 0x0a]));
    const binary = runCli(['report', 'r'], { cwd: d });
    expect(binary.status).toBe(1);
    expect(binary.stderr).toBe('rnnlab report: r/answers.md is not UTF-8 text; expected answers written in Markdown (save it as UTF-8).\n');
    expect({ text: readFileSync(report, 'utf8'), mtime: statSync(report).mtimeMs }).toEqual(before);
    expect(readdirSync(join(d, 'r')).sort()).toEqual(files);
  });

  it('is refused while a training holds the run, naming its pid', async () => {
    const d = dirs.make();
    const training = startCli(['train', '--model', 'min-char-rnn', '--data', 'names', '--hidden', '8', '--iterations', '1000000', '--out', 'r'], { cwd: d });
    try {
      await training.waitForOutput(/^Training min-char-rnn/m);
      const r = runCli(['report', 'r'], { cwd: d });
      expect(r.status).toBe(1);
      expect(r.stderr).toMatch(new RegExp(`^rnnlab report: .*pid ${training.child.pid}.*\\n$`));
    } finally {
      training.child.kill('SIGINT');
      await training.done;
    }
  });
});

const SHAKESPEARE = join(REPO_ROOT, 'data', 'tinyshakespeare.txt');

describe.skipIf(!existsSync(SHAKESPEARE))('--sample-at in epochs on tiny Shakespeare (data/tinyshakespeare.txt)', () => {
  // min-char-rnn's pointer moves 25 characters a step and wraps when p + 26 >= 1,115,394: ⌊(1,115,394 − 2) / 25⌋ steps.
  const MIN_CHAR_SHAKESPEARE = ['train', '--model', 'min-char-rnn', '--data', 'tinyshakespeare', '--hidden', '8'];

  it('an epoch of min-char-rnn is 44,615 iterations: 0.0001e is iteration 4, and the run says so', () => {
    const d = dirs.make();
    const r = runCli([...MIN_CHAR_SHAKESPEARE, '--iterations', '5', '--sample-at', '0.0001e,2', '--sample-length', '10', '--out', 'r'], { cwd: d });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('for 5 iterations (44615 per epoch)');
    expect(readJson<{ schedule: { sampleAt: number[] } }>(join(d, 'r', 'config.json')).schedule.sampleAt).toEqual([2, 4]);
    expect(readFileSync(join(d, 'r', 'report.html'), 'utf8')).toContain('<th scope="row">one epoch</th><td>44,615 iterations');
  });

  it('5e and 50e are iterations 223,075 and 2,230,750: refused, named, for a run that ends before them', () => {
    const d = dirs.make();
    const r = runCli([...MIN_CHAR_SHAKESPEARE, '--iterations', '5000', '--sample-at', '5,50,500,5000,5e,50e', '--out', 'r'], { cwd: d });
    expect(r.status).toBe(1);
    expect(r.stderr).toBe("rnnlab train: --sample-at 5e (5 × 44,615 iterations per epoch) is iteration 223,075, after the run's last (5,000); train longer (--iterations, --epochs) or sample earlier.\n");
    expect(readdirSync(d)).toEqual([]);
  });
});

describe.skipIf(!existsSync(CHROMIUM))('report.html on paper (headless Chromium, print media)', () => {
  let browser: Browser;
  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
    });
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('hides the interactive plot and its button, shows the static plot, and starts every section on a new page', async () => {
    const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
    await page.goto(`file://${join(run, 'report.html')}`);
    await page.locator('#loss-plot canvas').waitFor();
    expect(await page.locator('#y-scale').isVisible()).toBe(true); // on screen: the interactive plot and its button
    await page.emulateMedia({ media: 'print' });
    const printed = (await page.evaluate(`(() => {
      const style = (selector) => getComputedStyle(document.querySelector(selector));
      const plot = document.querySelector('.static-plot svg').getBoundingClientRect();
      return {
        button: style('#y-scale').display, interactive: style('#loss-plot').display, staticPlot: style('.static-plot').display,
        staticSize: [Math.round(plot.width), Math.round(plot.height)],
        breaks: [...document.querySelectorAll('section.page')].map((s) => [s.querySelector('h2').textContent, getComputedStyle(s).breakBefore]),
      };
    })()`)) as { button: string; interactive: string; staticPlot: string; staticSize: number[]; breaks: [string, string][] };
    expect(printed.button).toBe('none');
    expect(printed.interactive).toBe('none');
    expect(printed.staticPlot).toBe('block');
    expect(printed.staticSize[0]).toBeGreaterThan(300);
    expect(printed.staticSize[1]).toBeGreaterThan(150);
    expect(printed.breaks).toEqual(SECTIONS.slice(1).map((s) => [s, 'page']));

    // The PDF: page 1 holds the title and the whole summary; each later section opens a page; the loss page is drawn.
    const pdf = join(ARTIFACTS, 'report.pdf');
    await page.pdf({ path: pdf, format: 'A4', printBackground: true });
    await page.close();
    const pages = pdfPages(pdf);
    const first = pages[0];
    expect(first).toContain('rnnlab: min-char-rnn on names');
    for (const row of ['model', 'parameters', 'final smooth loss', 'command']) expect(first).toMatch(new RegExp(`^\\s*${row}\\s`, 'm'));
    for (const section of SECTIONS.slice(1)) {
      expect(pages.some((text) => text.trimStart().startsWith(section)), `a page starting with ${section}`).toBe(true);
    }
    expect(pages.join('')).not.toContain('log y axis');
    const lossPage = pages.findIndex((text) => text.trimStart().startsWith('Loss')) + 1;
    pagePngs(pdf, join(ARTIFACTS, 'page'), 1, lossPage);
    // The static plot's lines, grid and labels: measured 5.8% of the loss page (its heading and caption alone < 1%).
    expect(inkShare(pdf, lossPage)).toBeGreaterThan(0.02);
  });
});
