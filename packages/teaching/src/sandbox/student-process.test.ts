/**
 * StudentProcess on its own (the built child entry): the time budget is shared by all calls of an exercise, a crash
 * fails one call and the next gets a fresh process, functions travel as childFunction, and the child cannot answer
 * for a call it was not asked.
 */
import { tensor } from '@rnnlab/core';
import type { Tensor } from '@rnnlab/core';
import { afterEach, describe, expect, it } from 'vitest';
import { childFunction } from './codec';
import { StudentError, StudentProcess } from './student-process';
import { transpileStudentFile } from './transpile';

const processes: StudentProcess[] = [];
afterEach(() => processes.splice(0).forEach((p) => p.close()));

function start(code: string, timeLimitMs = 10_000): StudentProcess {
  const file = '/nowhere/09-demo/exercise.ts';
  const p = new StudentProcess({ exercise: '09-demo', file, code: transpileStudentFile(file, code), timeLimitMs, memoryMb: 128 });
  processes.push(p);
  return p;
}

const busy = 'export function wait(ms: number) { const end = Date.now() + ms; while (Date.now() < end); return ms; }';

describe('StudentProcess', () => {
  it('shares one time budget among the calls of an exercise', async () => {
    const p = start(busy, 2500);
    expect(await p.call('wait', [300])).toBe(300);
    await expect(p.call('wait', [5000])).rejects.toThrow(new StudentError('timeout', '09-demo timed out after 2.5 s while running wait (an infinite loop, or far too much work?); its remaining checks were not run'));
    await expect(p.call('wait', [1])).rejects.toThrow('timed out after 2.5 s');
  });

  it('after a crash, the next call starts a fresh process', async () => {
    const p = start("let calls = 0; export function count() { return ++calls; } export function die() { process.exit(3); }");
    expect(await p.call('count', [])).toBe(1);
    await expect(p.call('die', [])).rejects.toThrow("09-demo: the student's code ended the process with exit code 3 while running die");
    expect(await p.call('count', [])).toBe(1);
  });

  it('passes a childFunction and Tensors both ways', async () => {
    const p = start('import { Tensor } from "@rnnlab/core"; export function apply(f: (x: Tensor) => number, x: Tensor) { return { value: f(x), x }; }');
    const result = await p.call('apply', [childFunction((c: typeof import('@rnnlab/core'), x: Tensor) => c.sum(c.mul(x, x))), tensor([1, 2, 3])]) as { value: number; x: Tensor };
    expect(result.value).toBe(14);
    expect(Array.from(result.x.data)).toEqual([1, 2, 3]);
  });

  it('refuses a file that does not parse, naming the error', async () => {
    const error = await start('export const f = () => (1;').call('f', []).catch((e: Error) => e);
    expect((error as Error).message).toBe("exercise.ts of 09-demo threw while loading: SyntaxError: the file does not parse: exercise.ts:1:26: ')' expected.");
  });

  it('names a function the file does not export, and an import other than the core', async () => {
    await expect(start(busy).call('nope', [])).rejects.toThrow('exercise.ts does not export a function named nope (it exports wait)');
    await expect(start("import x from 'left-pad'; export const f = () => x;").call('f', [])).rejects.toThrow(
      "exercise.ts of 09-demo threw while loading: Error: exercise.ts may import only '@rnnlab/core' and Node's built-in modules, not 'left-pad'",
    );
  });
});
