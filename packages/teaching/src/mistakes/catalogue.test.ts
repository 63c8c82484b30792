import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exercisesDir } from '../../test-support/cli';
import { listExercises } from '../grader/exercises';
import { applyMistake, loadMistakes, MistakeError } from './catalogue';

describe('mistake patches', () => {
  it('every search string of every catalogue occurs exactly once in its solution.ts, and changes it', () => {
    for (const exercise of listExercises(exercisesDir)) {
      const solution = readFileSync(join(exercisesDir, exercise, 'solution.ts'), 'utf8');
      for (const mistake of loadMistakes(join(exercisesDir, exercise), exercise)) {
        expect(applyMistake(exercise, solution, mistake), `${exercise}/${mistake.id}`).not.toBe(solution);
      }
    }
  });

  it('a search string found twice, or not at all, is an error naming the mistake', () => {
    const mistake = { id: 'twice', fn: 'f', message: 'm', patch: { search: 'a', replace: 'b' } };
    expect(() => applyMistake('01-x', 'a a', mistake)).toThrow(new MistakeError('01-x/twice: the search string occurs 2 times in solution.ts, expected once: "a"'));
    expect(() => applyMistake('01-x', 'c', mistake)).toThrow('occurs 0 times');
    expect(() => applyMistake('01-x', 'a', { ...mistake, patch: { search: 'a', replace: 'a' } })).toThrow('replace equals search');
  });

  it('patches apply in order, and the replacement is taken literally ($& is not special)', () => {
    const mistake = { id: 'two', fn: 'f', message: 'm', patch: [{ search: 'x = 1', replace: 'x = $&' }, { search: 'y', replace: 'z' }] };
    expect(applyMistake('01-x', 'x = 1; y', mistake)).toBe('x = $&; z');
  });
});
