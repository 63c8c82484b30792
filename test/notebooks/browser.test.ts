/**
 * The notebooks in a real browser: `pnpm notebooks --no-browser` serves a copy of a notebook on 127.0.0.1, headless
 * Chromium (Debian's, driven by playwright-core) opens it in JupyterLab and in Notebook 7, runs all cells from the
 * Run menu, and checks what a student would see: a plotly plot drawn (its SVG), a check cell showing ✓, and a live
 * progress display that updated in place while its cell ran. Screenshots go to test-artifacts/browser/.
 *
 * The copy sits in a temporary folder (so JupyterLab's autosave never touches the committed notebook) with a
 * node_modules link to the repository's, and gets one extra cell at the end that trains nothing but reports progress.
 * The server runs with RNNLAB_NOTEBOOK_SOURCE=solution, so the checks grade the references and pass.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { teachingPaths } from '../../notebooks/src/exercises/grader';
import { SETUP_TIMEOUT_MS, notebookSetup } from './jupyter-support';

const CHROMIUM = '/usr/bin/chromium';
const NOTEBOOK = '01-one-hot-encoding.ipynb';
const root = join(__dirname, '..', '..');
const artifacts = join(root, 'test-artifacts', 'browser');
const available = existsSync(CHROMIUM) && existsSync(join(teachingPaths().exercisesDir, '01-one-hot', 'exercise.ts'));

const PROGRESS_CELL = `import { trainingProgress } from '@rnnlab/notebooks';
const progress = trainingProgress({ total: 60, title: 'browser test', everyMs: 100 });
for (let step = 1; step <= 60; step++) {
  await new Promise((resolve) => setTimeout(resolve, 40));
  await progress.update(step, { loss: 4 / step });
}
progress.done();`;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    }).on('error', reject);
  });
}

/** A folder holding the notebook (plus the progress cell) and a node_modules link, for the server's root. */
function workFolder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'rnnlab-browser-'));
  symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'), 'dir');
  const nb = JSON.parse(readFileSync(join(root, 'notebooks', NOTEBOOK), 'utf8')) as { cells: object[] };
  nb.cells.push({ cell_type: 'code', id: 'browser-progress', metadata: {}, source: PROGRESS_CELL, outputs: [], execution_count: null });
  writeFileSync(join(dir, NOTEBOOK), JSON.stringify(nb));
  copyFileSync(join(root, 'notebooks', NOTEBOOK), join(dir, 'original.ipynb'));
  return dir;
}

/** Starts `pnpm notebooks` (the built CLI) on a free port; resolves when the server answers. */
async function startServer(dir: string, classic: boolean): Promise<{ child: ChildProcess; url: string; log: () => string }> {
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
  return { child, url: `${base}${path}?token=${token}`, log: () => log };
}

/** Stops the server with Ctrl-C's signal and resolves to its exit code. */
function stopServer(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve(child.exitCode);
    child.on('exit', (code) => resolve(code));
    child.kill('SIGINT');
  });
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
  await page.locator('.rnnlab-progress[data-step="60"]').waitFor({ timeout: 150_000 });
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
    it(`${app}: Run All draws the plots, shows ✓ at the checks and updates the progress display in place`, async () => {
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
        expect(steps[steps.length - 1]).toBe(60);

        const check = page.locator('.rnnlab-check.passed .headline', { hasText: '✓ 01-one-hot (buildVocab)' });
        await check.waitFor({ timeout: 30_000 });
        await check.evaluate((el) => el.scrollIntoView({ block: 'center' }));
        await shot('check');

        // Each plot is drawn when scrolled into view (JupyterLab renders and keeps only the cells near the viewport).
        const cells = page.locator('.jp-Notebook .jp-Cell');
        const titles = new Set<string>();
        for (let i = 0; i < (await cells.count()); i++) {
          await cells.nth(i).scrollIntoViewIfNeeded();
          for (const title of await cells.nth(i).locator('.jp-RenderedPlotly svg.main-svg .gtitle').allTextContents()) titles.add(title);
        }
        expect([...titles].sort()).toEqual([
          'How often each character occurs', 'One-hot rows of "First"', 'The one-hot inputs of the first chunk (T = 25, V = 65)',
        ]);
        const chunkHeatmap = page.locator('.jp-RenderedPlotly', { hasText: 'The one-hot inputs of the first chunk' });
        await chunkHeatmap.evaluate((el) => el.scrollIntoView({ block: 'center' }));
        expect(await chunkHeatmap.locator('.hm, image').count()).toBeGreaterThan(0);
        await shot('heatmap');
        await page.locator('.rnnlab-progress').evaluate((el) => el.scrollIntoView({ block: 'center' }));
        await shot('progress');
        expect(await page.locator('.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]').count()).toBe(0);
        expect(await page.locator('.jp-RenderedText[data-mime-type="application/vnd.jupyter.error"]').count()).toBe(0);
      } catch (error) {
        await shot('failure').catch(() => {});
        throw new Error(`${(error as Error).message}\nserver log:\n${server.log().slice(-3000)}`);
      } finally {
        await context.close();
        expect(await stopServer(server.child)).toBe(0);
        // The committed notebook was never the one edited.
        expect(readFileSync(join(root, 'notebooks', NOTEBOOK), 'utf8')).toBe(readFileSync(join(dir, 'original.ipynb'), 'utf8'));
      }
    }, 240_000);
  }
});
