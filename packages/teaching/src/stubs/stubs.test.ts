import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { exercisesDir, runCli, tempDir } from '../../test-support/cli';
import { listExercises } from '../grader/exercises';
import { findRegions, makeStub, SolutionFormatError, syncStubs } from './stubs';

const solution = `import { NotImplementedError, Tensor } from '@rnnlab/core';

/** Doubles x. */
export function double(x: number): number {
  // BEGIN SOLUTION
  const twice = 2 * x;
  return twice;
  // END SOLUTION
}

export class Cell {
  step(h: Tensor): Tensor {
    // BEGIN SOLUTION
    return h;
    // END SOLUTION
  }
}

export const half = (x: number): number => {
  // BEGIN SOLUTION
  return x / 2;
  // END SOLUTION
};
`;

describe('makeStub', () => {
  it('replaces each solution region by a NotImplementedError naming the exercise and the function, keeping the rest', () => {
    expect(makeStub('09-demo', 'solution.ts', solution)).toBe(`import { NotImplementedError, Tensor } from '@rnnlab/core';

/** Doubles x. */
export function double(x: number): number {
  throw new NotImplementedError('09-demo: double is not implemented yet');
}

export class Cell {
  step(h: Tensor): Tensor {
    throw new NotImplementedError('09-demo: Cell.step is not implemented yet');
  }
}

export const half = (x: number): number => {
  throw new NotImplementedError('09-demo: half is not implemented yet');
};
`);
  });

  it('lists each region with its function and solution lines', () => {
    expect(findRegions('solution.ts', solution).map((r) => [r.fn, r.begin, r.end, r.lines.length])).toEqual([['double', 5, 8, 2], ['Cell.step', 13, 15, 1], ['half', 20, 22, 1]]);
  });

  it.each([
    ['an unclosed region', '  // BEGIN SOLUTION\n', 'solution.ts:3: // BEGIN SOLUTION is never closed'],
    ['a nested region', '  // BEGIN SOLUTION\n  // BEGIN SOLUTION\n  // END SOLUTION\n', 'solution.ts:4: // BEGIN SOLUTION inside the region opened on line 3'],
    ['an END without BEGIN', '  // END SOLUTION\n', 'solution.ts:3: // END SOLUTION without a // BEGIN SOLUTION'],
  ])('rejects %s, naming the line', (_, body, message) => {
    const text = `import { NotImplementedError } from '@rnnlab/core';\nexport function f(): void {\n${body}}\n`;
    expect(() => findRegions('solution.ts', text)).toThrow(new SolutionFormatError(message));
  });

  it('rejects a region outside a function, a file without regions, and a file that does not import NotImplementedError', () => {
    expect(() => findRegions('s.ts', "import { NotImplementedError } from '@rnnlab/core';\n// BEGIN SOLUTION\n// END SOLUTION\n")).toThrow('s.ts:2: a solution region must be inside a named function');
    expect(() => findRegions('s.ts', 'export const x = 1;\n')).toThrow('s.ts: no // BEGIN SOLUTION … // END SOLUTION region');
    expect(() => findRegions('s.ts', solution.replace('NotImplementedError, ', ''))).toThrow("s.ts: import NotImplementedError from '@rnnlab/core' (the stub's regions throw it)");
  });
});

describe('the committed stubs', () => {
  const work = tempDir('stubs');
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('are in sync with their solutions', () => {
    expect(syncStubs(exercisesDir, listExercises(exercisesDir), true).filter((s) => !s.inSync)).toEqual([]);
  });

  it('teach stubs --check fails when a solution changed, and teach stubs brings the stub back in sync', () => {
    const copy = join(work, 'exercises');
    cpSync(exercisesDir, copy, { recursive: true });
    const file = join(copy, '01-one-hot', 'solution.ts');
    writeFileSync(file, readFileSync(file, 'utf8').replace('export function encode(text: string', 'export function encode(input: string'));
    expect(runCli('teach', ['--exercises', copy, 'stubs', '--check'])).toEqual({
      code: 1, stdout: '', stderr: 'teach stubs: exercise.ts out of sync with solution.ts in 01-one-hot; run pnpm teach stubs\n',
    });
    expect(runCli('teach', ['--exercises', copy, 'stubs']).stdout).toBe(`1 of ${listExercises(copy).length} stubs rewritten\n`);
    expect(runCli('teach', ['--exercises', copy, 'stubs', '--check']).code).toBe(0);
    expect(readFileSync(join(copy, '01-one-hot', 'exercise.ts'), 'utf8')).toContain('export function encode(input: string');
  });
});
