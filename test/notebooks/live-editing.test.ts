/**
 * Live editing, as a student does it: in one kernel session, a check cell fails on the stub; the exercise file is
 * saved with a working implementation and the same check passes — no kernel restart, no build; a type error saved
 * into the file is shown by the next check; loadExercise runs the file as it is now. The session works on a copy of
 * exercise 01 (RNNLAB_EXERCISES_DIR) inside the repository, so the packages resolve and the real files stay as they are.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { teachingPaths } from '../../notebooks/src/exercises/grader';
import { SETUP_TIMEOUT_MS, notebookSetup, runPython } from './jupyter-support';

type Text = string | string[];
interface Cell { id: string; outputs: { output_type: string; text?: Text; data?: Record<string, Text>; ename?: string }[] }

const root = join(__dirname, '..', '..');
const source = join(teachingPaths().exercisesDir, '01-one-hot');
const available = (() => { try { readFileSync(join(source, 'solution.ts')); return true; } catch { return false; } })();

describe.skipIf(!available)('editing an exercise while its notebook runs', () => {
  let dir: string;
  let cells: Cell[];
  beforeAll(async () => {
    mkdirSync(join(root, 'test-artifacts'), { recursive: true });
    dir = mkdtempSync(join(root, 'test-artifacts', 'live-'));
    cpSync(source, join(dir, '01-one-hot'), { recursive: true });
    const exercise = join(dir, '01-one-hot', 'exercise.ts');
    const solution = readFileSync(join(source, 'solution.ts'), 'utf8');
    const withTypeError = solution.replace('const x = zeros([vocabSize, 1]);', "const x = zeros([vocabSize, 1]);\n  const label: number = 'one-hot';");
    expect(withTypeError).not.toBe(solution);
    const save = (text: string) => `require('fs').writeFileSync(${JSON.stringify(exercise)}, ${JSON.stringify(text)}); console.log('saved');`;
    const code = [
      // In a cell of its own: tslab forgets the declarations of a cell that failed.
      "import { checkExercise, loadExercise } from '@rnnlab/notebooks';\nconsole.log('imported');",
      "await checkExercise('01-one-hot', 'oneHot');",
      save(solution),
      "await checkExercise('01-one-hot', 'oneHot');",
      "console.log(loadExercise('01-one-hot').oneHot(1, 3));",
      save(withTypeError),
      "await checkExercise('01-one-hot', 'oneHot');",
    ];
    const notebook = {
      nbformat: 4, nbformat_minor: 5, metadata: { kernelspec: { name: 'tslab', display_name: 'TypeScript', language: 'typescript' } },
      cells: code.map((source, i) => ({ cell_type: 'code', id: `c${i}`, metadata: {}, source, outputs: [], execution_count: null })),
    };
    writeFileSync(join(dir, 'live.ipynb'), JSON.stringify(notebook));
    await runPython('run_notebook.py', [join(dir, 'live.ipynb'), join(dir, 'out.ipynb'), '--allow-errors'], {
      cwd: notebookSetup().paths.notebooksDir, timeoutMs: 180_000, env: { RNNLAB_EXERCISES_DIR: dir },
    });
    cells = (JSON.parse(readFileSync(join(dir, 'out.ipynb'), 'utf8')) as { cells: Cell[] }).cells;
  }, SETUP_TIMEOUT_MS + 180_000);
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const joined = (t: Text | undefined) => (Array.isArray(t) ? t.join('') : t ?? '');
  const text = (cell: Cell) => cell.outputs.map((o) => joined(o.text) + joined(o.data?.['text/plain'])).join('\n');
  const errors = (cell: Cell) => cell.outputs.filter((o) => o.output_type === 'error').map((o) => o.ename);

  it('fails on the stub, then passes after the file is saved with an implementation, in the same kernel', () => {
    expect(text(cells[1])).toMatch(/^✗ 01-one-hot \(oneHot\)/);
    expect(errors(cells[1])).toEqual(['ExerciseCheckError']);
    expect(text(cells[3])).toMatch(/^✓ 01-one-hot \(oneHot\): 1 of 1 checks passed/);
    expect(errors(cells[3])).toEqual([]);
  });

  it('loadExercise runs the file as saved', () => {
    expect(text(cells[4])).toBe('Tensor [3, 1]\n[[0.],\n [1.],\n [0.]]\n');
  });

  it('shows the TypeScript errors of the saved file at the next check', () => {
    expect(text(cells[6])).toContain('⚠ TypeScript found errors in your file');
    expect(text(cells[6])).toContain("Type 'string' is not assignable to type 'number'");
  });
});
