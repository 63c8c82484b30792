/** `rnnlab-teach`'s bad arguments: one line on stderr, exit 1, nothing written. */
import { cpSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { exercisesDir, runCli, tempDir } from '../../test-support/cli';
import { listExercises } from '../grader/exercises';

const work = tempDir('teach-cli');
afterAll(() => rmSync(work, { recursive: true, force: true }));
const empty = join(work, 'empty');
mkdirSync(empty);
const oneSubmission = join(work, 'one');
mkdirSync(join(oneSubmission, '01-one-hot'), { recursive: true });
writeFileSync(join(oneSubmission, '01-one-hot', 'exercise.ts'), '');

describe('rnnlab-teach bad arguments', () => {
  const cases: [string[], string][] = [
    [['grade-all', join(work, 'missing'), '--csv', join(work, 'g.csv')], `teach: grade-all ${join(work, 'missing')}: no such folder`],
    [['grade-all', empty, '--csv', join(work, 'g.csv')], `teach: grade-all ${empty}: no student folders in it`],
    [['grade-all', oneSubmission, '--csv', join(work, 'g.csv')], `teach: grade-all ${oneSubmission}: this is one submission (laid out like exercises/); grade it with grade --dir, or give the folder holding one folder per student`],
    [['grade-all', empty, '--csv', join(work, 'no-folder', 'g.csv')], `teach: --csv ${join(work, 'no-folder', 'g.csv')}: the folder ${join(work, 'no-folder')} does not exist`],
    [['grade-all', empty], "error: required option '--csv <file>' not specified"],
    [['--exercises', empty, 'stubs'], `teach: --exercises ${empty}: no exercise folders in it (NN-name/checks.test.ts)`],
    [['release', join(work, 'out'), '--notebooks', join(work, 'missing')], `teach: release --notebooks ${join(work, 'missing')}: no such folder`],
    [['publish'], "error: unknown command 'publish'"],
    [['mistakes', '--json', join(work, 'm.json')], 'teach: mistakes --json: only with --verify'],
    [['mistakes', '--check', '--verify'], 'teach: mistakes: --check or --verify, not both'],
    [['mistakes', '--verify', '--json', join(work, 'no-folder', 'm.json')], `teach: --json ${join(work, 'no-folder', 'm.json')}: the folder ${join(work, 'no-folder')} does not exist`],
  ];
  it.each(cases)('rnnlab-teach %j', (args, message) => {
    expect(runCli('teach', args)).toEqual({ code: 1, stdout: '', stderr: `${message}\n` });
  });

  it('teach mistakes --check passes on the committed signatures', () => {
    const catalogues = listExercises(exercisesDir).filter((e) => existsSync(join(exercisesDir, e, 'mistakes.ts'))).length;
    expect(runCli('teach', ['mistakes', '--check'])).toEqual({ code: 0, stdout: `${catalogues} signature files in sync\n`, stderr: '' });
    expect(exercisesDir).toContain('exercises');
  });

  it('teach mistakes --verify exits 1 naming a mistake no check catches and one whose signature is not recorded', () => {
    const copy = join(work, 'catalogue');
    cpSync(join(exercisesDir, '01-one-hot'), join(copy, '01-one-hot'), { recursive: true });
    writeFileSync(join(copy, '01-one-hot', 'mistakes.ts'), `export const mistakes = [
      { id: 'harmless', fn: 'buildVocab', message: 'none', patch: { search: 'distinct.add(ch);', replace: 'distinct.add(ch); // the same' } },
      { id: 'unrecorded', fn: 'buildVocab', message: 'unsorted', patch: { search: 'return [...distinct].sort(', replace: 'return [...distinct].reverse() || [].sort(' } },
    ];\n`);
    expect(runCli('teach', ['--exercises', copy, 'mistakes', '--verify'])).toEqual({
      code: 1, stdout: '', stderr: 'teach mistakes: 01-one-hot/harmless (passes every check), 01-one-hot/unrecorded (not named by a failing check); run pnpm teach mistakes, or strengthen the checks\n',
    });
  });
});
