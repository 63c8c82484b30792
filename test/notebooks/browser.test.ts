/**
 * The notebooks in a real browser: `pnpm notebooks --no-browser` serves a copy of notebook 03 (the training loop) on
 * 127.0.0.1, headless Chromium (Debian's, driven by playwright-core) opens it in JupyterLab and in Notebook 7, runs all
 * cells from the Run menu, and checks what a student would see: plotly plots drawn (their SVG), the check cells
 * showing ✓, and the live progress display of the training cell updating in place while min-char-rnn trains.
 * Screenshots go to test-artifacts/browser/.
 *
 * The copy sits in a temporary folder (so JupyterLab's autosave never touches the committed notebook) with a
 * node_modules link to the repository's. The server runs with RNNLAB_NOTEBOOK_SOURCE=solution, so the checks grade
 * the references and pass.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, symlinkSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { teachingPaths } from '../../notebooks/src/exercises/grader';
import { SETUP_TIMEOUT_MS, notebookSetup } from './jupyter-support';

const CHROMIUM = '/usr/bin/chromium';
const NOTEBOOK = '03-the-training-loop.ipynb';
/** The training cell's number of iterations: its progress display ends there. */
const ITERATIONS = 5000;
const root = join(__dirname, '..', '..');
const artifacts = join(root, 'test-artifacts', 'browser');
const exercises = ['04-loss-fun', '05-sample', '06-training-loop'];
const available = existsSync(CHROMIUM) && exercises.every((e) => existsSync(join(teachingPaths().exercisesDir, e, 'exercise.ts')));

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    }).on('error', reject);
  });
}

/** A folder holding a copy of the notebook and a node_modules link, for the server's root. */
function workFolder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'rnnlab-browser-'));
  symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'), 'dir');
  copyFileSync(join(root, 'notebooks', NOTEBOOK), join(dir, NOTEBOOK));
  copyFileSync(join(root, 'notebooks', NOTEBOOK), join(dir, 'original.ipynb'));
  return dir;
}

/** Starts `pnpm notebooks` (the built CLI) on a free port; resolves when the server answers. */
async function startServer(dir: string, classic: boolean): Promise<{ child: ChildProcess; url: string; kernelIds: () => Promise<string[]>; log: () => string }> {
  const { env } = notebookSetup();
  const port = await freePort();
  const token = 'rnnlab-browser-test';
  let log = '';
  const child = spawn(process.execPath, [
    join(root, 'notebooks', 'dist', 'setup', 'main.js'), '--no-browser', '--port', String(port), '--root-dir', dir, ...(classic ? ['--classic'] : []),
    '--', `--IdentityProvider.token=${token}`, '--ServerApp.ip=127.0.0.1',
  ], { env: { ...env, RNNLAB_NOTEBOOK_SOURCE: 'solution' }, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout!.on('data', (d) => (log += d));
  child.stderr!.on('data', (d) => (log += d));
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 120; i++) {
    if (child.exitCode !== null) throw new Error(`the server exited (${child.exitCode}):\n${log}`);
    try {
      if ((await fetch(`${base}/api/status?token=${token}`)).ok) break;
    } catch { /* not up yet */ }
    await new Promise((r) => setTimeout(r, 500));
  }
  const path = classic ? `/notebooks/${NOTEBOOK}` : `/lab/tree/${NOTEBOOK}`;
  const kernelIds = async () => ((await (await fetch(`${base}/api/kernels?token=${token}`)).json()) as { id: string }[]).map((k) => k.id);
  return { child, url: `${base}${path}?token=${token}`, kernelIds, log: () => log };
}

/** Stops the server with Ctrl-C's signal and resolves to its exit code. */
function stopServer(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve(child.exitCode);
    child.on('exit', (code) => resolve(code));
    child.kill('SIGINT');
  });
}

/** The processes still running the kernels of these ids, after waiting up to 5 s for them to end. */
async function kernelsLeft(ids: string[]): Promise<string[]> {
  const running = () => readdirSync('/proc').filter((pid) => /^\d+$/.test(pid)).flatMap((pid) => {
    try {
      const cmdline = readFileSync(join('/proc', pid, 'cmdline'), 'utf8');
      return ids.some((id) => cmdline.includes(`kernel-${id}.json`)) ? [cmdline.replace(/\0/g, ' ')] : [];
    } catch {
      return []; // ended while listed
    }
  });
  for (let waited = 0; running().length > 0 && waited < 5000; waited += 250) await new Promise((r) => setTimeout(r, 250));
  return running();
}

/** Opens the notebook, runs all cells from the Run menu, and records the progress display's steps as they change. */
async function runAll(page: Page, url: string): Promise<number[]> {
  await page.goto(url);
  await page.locator('.jp-Notebook .jp-Cell').first().waitFor({ timeout: 60_000 });
  await page.locator('.jp-Notebook-ExecutionIndicator[data-status="idle"], .jp-Toolbar-kernelStatus, .jp-KernelStatus').first()
    .waitFor({ timeout: 60_000 }).catch(() => {});
  await page.waitForTimeout(1500); // the kernel connects
  // Runs in the page (a string: this project's TypeScript has no DOM types): records each step the display shows.
  await page.evaluate(`
    window.rnnlabSteps = [];
    new MutationObserver(() => {
      const el = document.querySelector('.rnnlab-progress');
      const step = el ? Number(el.getAttribute('data-step')) : NaN;
      if (el && window.rnnlabSteps[window.rnnlabSteps.length - 1] !== step) window.rnnlabSteps.push(step);
    }).observe(document.body, { subtree: true, childList: true, attributes: true });
  `);
  await page.locator('.lm-MenuBar-itemLabel', { hasText: /^Run$/ }).click();
  await page.locator('.lm-Menu-itemLabel', { hasText: /^Run All Cells$/ }).click();
  // Attached, not visible: JupyterLab skips drawing the cells out of view (content-visibility), which Run All scrolls past.
  await page.locator(`.rnnlab-progress[data-step="${ITERATIONS}"]`).waitFor({ state: 'attached', timeout: 240_000 });
  return page.evaluate('window.rnnlabSteps') as Promise<number[]>;
}

describe.skipIf(!available)('the notebooks in a real browser (headless Chromium)', () => {
  let browser: Browser;
  beforeAll(async () => {
    notebookSetup();
    mkdirSync(artifacts, { recursive: true });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
    });
  }, SETUP_TIMEOUT_MS);
  afterAll(async () => {
    await browser?.close();
  });

  for (const classic of [false, true]) {
    const app = classic ? 'Notebook 7' : 'JupyterLab';
    it(`${app}: Run All draws the plots, shows ✓ at the checks and updates the training's progress display in place`, async () => {
      const dir = workFolder();
      const server = await startServer(dir, classic);
      const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
      const page = await context.newPage();
      const shot = (name: string) => page.screenshot({ path: join(artifacts, `${classic ? 'notebook7' : 'jupyterlab'}-${name}.png`) });
      try {
        const steps = await runAll(page, server.url);
        // Updated in place: one progress output, seen at several steps while the cell ran, ending at the last.
        expect(await page.locator('.rnnlab-progress').count()).toBe(1);
        expect(steps.length).toBeGreaterThanOrEqual(3);
        expect(steps[steps.length - 1]).toBe(ITERATIONS);
        expect(steps.every((step, i) => i === 0 || step > steps[i - 1])).toBe(true);
        await page.locator('.rnnlab-progress').evaluate((el) => el.scrollIntoView({ block: 'center' }));
        await shot('progress');

        // The last cell (your train against core) has run, so every check cell has its result.
        await page.locator('.jp-RenderedPlotly, .jp-OutputArea-output', { hasText: "largest difference from core's losses" }).first().waitFor({ state: 'attached', timeout: 120_000 });
        const headlines = await page.locator('.rnnlab-check .headline').allTextContents();
        expect(headlines.map((h) => h.split(':')[0])).toEqual([
          '✓ 04-loss-fun (clipGradients)', '✓ 04-loss-fun (lossFun)', '✓ 05-sample (sample)',
          '✓ 06-training-loop (adagradUpdate)', '✓ 06-training-loop (train)',
        ]);
        const check = page.locator('.rnnlab-check.passed .headline', { hasText: '✓ 06-training-loop (train)' });
        await check.evaluate((el) => el.scrollIntoView({ block: 'center' }));
        await shot('check');

        // Each plot is drawn when scrolled into view (JupyterLab renders and keeps only the cells near the viewport).
        const cells = page.locator('.jp-Notebook .jp-Cell');
        const titles = new Set<string>();
        for (let i = 0; i < (await cells.count()); i++) {
          await cells.nth(i).scrollIntoViewIfNeeded();
          for (const title of await cells.nth(i).locator('.jp-RenderedPlotly svg.main-svg .gtitle').allTextContents()) titles.add(title);
        }
        expect([...titles].sort()).toEqual(['The loss while training (summed over 25 characters)', 'Your training loop against core']);
        const lossCurve = page.locator('.jp-RenderedPlotly', { hasText: 'The loss while training' });
        await lossCurve.evaluate((el) => el.scrollIntoView({ block: 'center' }));
        expect(await lossCurve.locator('.scatterlayer .trace path.js-line').count()).toBe(2);
        await shot('loss-curve');
        const samples = page.locator('.rnnlab-table', { hasText: 'What the network writes' });
        await samples.evaluate((el) => el.scrollIntoView({ block: 'center' }));
        expect(await samples.locator('th').allTextContents()).toEqual(
          [5, 50, 500, 5000].map((n) => expect.stringMatching(new RegExp(`^after ${n.toLocaleString('en')} iterations`))),
        );
        await shot('samples');
        // No error and nothing on stderr anywhere (their texts, should there be any, say what went wrong).
        const stray = page.locator('.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"], .jp-RenderedText[data-mime-type="application/vnd.jupyter.error"]');
        expect(await stray.allTextContents()).toEqual([]);
      } catch (error) {
        await shot('failure').catch(() => {});
        throw new Error(`${(error as Error).message}\nserver log:\n${server.log().slice(-3000)}`);
      } finally {
        await context.close();
        const kernels = await server.kernelIds();
        expect(kernels).toHaveLength(1);
        expect(await stopServer(server.child)).toBe(0);
        // Stopping the server ends its kernel (it used to stay running, an orphan).
        if (existsSync('/proc')) expect(await kernelsLeft(kernels)).toEqual([]);
        // The committed notebook was never the one edited.
        expect(readFileSync(join(root, 'notebooks', NOTEBOOK), 'utf8')).toBe(readFileSync(join(dir, 'original.ipynb'), 'utf8'));
      }
    }, 480_000);
  }
});
