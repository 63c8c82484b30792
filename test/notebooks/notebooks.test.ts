/**
 * Every notebook runs headless with the tslab kernel (nbclient; Debian's /usr/bin/python3 where it has python3-nbclient,
 * as on CI, else the project venv's — see kernelClientPython), in two modes:
 * - with the references (RNNLAB_NOTEBOOK_SOURCE=solution: check cells grade solution.ts, loadExercise loads it):
 *   no error anywhere, every check shows ✓, and every cell's expectations hold;
 * - with the untouched stubs (exercise.ts as committed): errors only in the cells that run the student's code (tagged
 *   `check` or `uses-exercise`), every cell still executed, and every code cell has output.
 * A cell's expectations sit in its metadata, `rnnlab.expect`: texts that must appear in its outputs (streams and the
 * text/plain of displays; a plot's text/plain is "[plot] title: kinds"), checked in the mode where the cell can pass.
 * A notebook whose exercises are not in @rnnlab/teaching yet is skipped, saying so.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { teachingPaths } from '../../notebooks/src/exercises/grader';
import { SETUP_TIMEOUT_MS, kernelClientPython, notebookSetup, runPython } from './jupyter-support';

interface Output { output_type: string; text?: string | string[]; data?: Record<string, unknown>; ename?: string; evalue?: string }
interface Cell {
  cell_type: string;
  id: string;
  source: string | string[];
  execution_count?: number | null;
  outputs?: Output[];
  metadata: { tags?: string[]; rnnlab?: { expect?: string[] }; nbgrader?: Record<string, unknown> };
}
interface Notebook { cells: Cell[]; metadata: { rnnlab?: { exercises?: string[] }; kernelspec?: { name: string } } }

const notebooksDir = join(__dirname, '..', '..', 'notebooks');
const notebookFiles = readdirSync(notebooksDir).filter((f) => /^\d\d-.*\.ipynb$/.test(f)).sort();
const read = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as Notebook;
const joined = (s: string | string[] | undefined) => (Array.isArray(s) ? s.join('') : s ?? '');
const outputText = (cell: Cell) => (cell.outputs ?? []).map((o) => joined(o.text) + joined(o.data?.['text/plain'] as string | string[])).join('\n');
const runsStudentCode = (cell: Cell) => (cell.metadata.tags ?? []).some((t) => t === 'check' || t === 'uses-exercise');
const codeCells = (nb: Notebook) => nb.cells.filter((c) => c.cell_type === 'code');

/** Executes `file` in `mode`; resolves to the executed notebook and how long it took. */
async function execute(file: string, mode: 'references' | 'stubs'): Promise<{ nb: Notebook; seconds: number }> {
  const { paths } = notebookSetup();
  const output = join(mkdtempSync(join(tmpdir(), 'rnnlab-nb-')), 'out.ipynb');
  const started = Date.now();
  const args = [join(notebooksDir, file), output, ...(mode === 'stubs' ? ['--allow-errors'] : []), '--timeout', '60'];
  const env = { RNNLAB_NOTEBOOK_SOURCE: mode === 'references' ? 'solution' : 'exercise' };
  await runPython('run_notebook.py', args, { cwd: paths.notebooksDir, timeoutMs: 180_000, env });
  return { nb: read(output), seconds: (Date.now() - started) / 1000 };
}

describe('the committed notebooks', () => {
  it.each(notebookFiles)('%s is stored clean: no outputs, no execution counts, the tslab kernelspec', (file) => {
    const nb = read(join(notebooksDir, file));
    expect(nb.metadata.kernelspec?.name).toBe('tslab');
    for (const cell of codeCells(nb)) {
      expect(cell.outputs, cell.id).toEqual([]);
      expect(cell.execution_count ?? null, cell.id).toBeNull();
    }
  });

  it.each(notebookFiles)('%s has nbgrader metadata: unique grade ids, points on check and answer cells', (file) => {
    const nb = read(join(notebooksDir, file));
    const ids = nb.cells.map((c) => c.metadata.nbgrader?.grade_id);
    expect(ids.every((id) => typeof id === 'string')).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    for (const cell of nb.cells.filter((c) => c.metadata.nbgrader?.grade)) expect(cell.metadata.nbgrader?.points, cell.id).toBeGreaterThan(0);
    expect(nb.cells.some((c) => c.metadata.tags?.includes('check'))).toBe(true);
  });
});

for (const file of notebookFiles) {
  const exercises = read(join(notebooksDir, file)).metadata.rnnlab?.exercises ?? [];
  const missing = exercises.filter((e) => !existsSync(join(teachingPaths().exercisesDir, e, 'exercise.ts')));

  describe.skipIf(missing.length > 0)(`${file} runs headless${missing.length ? ` (skipped: @rnnlab/teaching lacks ${missing.join(', ')})` : ''}`, () => {
    let references: { nb: Notebook; seconds: number };
    let stubs: { nb: Notebook; seconds: number };
    beforeAll(async () => {
      references = await execute(file, 'references');
      stubs = await execute(file, 'stubs');
      process.stdout.write(`${file}: ${references.seconds.toFixed(1)} s with the references, ${stubs.seconds.toFixed(1)} s with the stubs (nbclient on ${kernelClientPython()})\n`);
    }, SETUP_TIMEOUT_MS + 360_000);

    it('with the references: every cell ran, none failed, every check shows ✓ and its points, every expectation holds', () => {
      for (const cell of codeCells(references.nb)) {
        expect(cell.execution_count, cell.id).toBeGreaterThan(0);
        expect(cell.outputs?.filter((o) => o.output_type === 'error'), cell.id).toEqual([]);
        const text = outputText(cell);
        if (cell.metadata.tags?.includes('check')) {
          // The cell's nbgrader points are the grader's points for the checks it shows.
          const [, earned, max] = /^✓ .*: \d+ of \d+ checks passed, (\d+)\/(\d+) points$/m.exec(text) ?? [];
          expect(Number(max), cell.id).toBe(cell.metadata.nbgrader?.points);
          expect(earned, cell.id).toBe(max);
        }
        for (const expected of cell.metadata.rnnlab?.expect ?? []) expect(text, cell.id).toContain(expected);
      }
    });

    it('with the references: plots carry the plotly JSON, HTML and text', () => {
      const plots = codeCells(references.nb).flatMap((c) => c.outputs ?? []).filter((o) => o.data?.['application/vnd.plotly.v1+json']);
      expect(plots.length).toBeGreaterThan(0);
      for (const plot of plots) {
        expect((plot.data!['application/vnd.plotly.v1+json'] as { data: unknown[] }).data.length).toBeGreaterThan(0);
        expect(joined(plot.data!['text/html'] as string)).toContain('Plotly.newPlot');
        expect(joined(plot.data!['text/plain'] as string)).toMatch(/^\[plot\] /);
      }
      // plotly.js is inlined once per kernel session: in the first plot's HTML only.
      const inlined = plots.filter((p) => joined(p.data!['text/html'] as string).length > 1_000_000);
      expect(inlined.length).toBe(1);
      expect(plots.indexOf(inlined[0])).toBe(0);
    });

    it('with the stubs: errors only where the student\'s code runs, every cell executed and showing output', () => {
      const cells = codeCells(stubs.nb);
      for (const cell of cells) {
        expect(cell.execution_count, cell.id).toBeGreaterThan(0);
        expect(cell.outputs?.length, cell.id).toBeGreaterThan(0);
        const errors = cell.outputs!.filter((o) => o.output_type === 'error');
        if (runsStudentCode(cell)) {
          expect(errors.length, cell.id).toBe(1);
          expect(`${errors[0].ename}: ${errors[0].evalue}`, cell.id).toMatch(/ExerciseCheckError|NotImplementedError/);
        } else {
          expect(errors, cell.id).toEqual([]);
          for (const expected of cell.metadata.rnnlab?.expect ?? []) expect(outputText(cell), cell.id).toContain(expected);
        }
        if (cell.metadata.tags?.includes('check')) expect(outputText(cell), cell.id).toMatch(/^✗ .*\n(.|\n)*not implemented/m);
      }
      expect(cells.filter(runsStudentCode).length).toBeGreaterThan(0);
    });
  });
}
