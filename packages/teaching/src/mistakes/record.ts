/**
 * `teach mistakes`: runs every known mistake (a mutant of solution.ts) through the checks — hidden ones included —
 * recording each check's calls, and writes each exercise's signatures.json: for every check a mutant fails, the
 * outcomes of the calls where it differs from the reference solution. A mutant that fails no check is an error
 * (the checks miss that mistake). The inputs hash lets a test tell when the file is stale.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jsonClose } from '../check/canonical.js';
import type { Json } from '../check/canonical.js';
import { checkKey, HIDDEN_CHECKS_FILE } from '../check/check.js';
import { CHECKS_FILE } from '../grader/exercises.js';
import { gradeAll } from '../grader/grade-all.js';
import type { Submission } from '../grader/grade-all.js';
import type { ExerciseResult } from '../grader/results.js';
import { applyMistake, loadMistakes, MISTAKES_FILE } from './catalogue.js';
import type { Mistake } from './catalogue.js';
import { SIGNATURES_FILE } from './signatures.js';
import type { MistakeSignature, SignatureFile } from './signatures.js';

/** Hash of everything the signatures depend on: solution, catalogue, checks and fixtures of the exercise. */
export function inputsHash(exerciseDir: string): string {
  const hash = createHash('sha256');
  const fixtures = join(exerciseDir, 'fixtures');
  const files = ['solution.ts', MISTAKES_FILE, CHECKS_FILE, HIDDEN_CHECKS_FILE]
    .concat(existsSync(fixtures) ? readdirSync(fixtures).filter((f) => f.endsWith('.json')).sort().map((f) => join('fixtures', f)) : []);
  for (const f of files) {
    const path = join(exerciseDir, f);
    hash.update(`${f}\n${existsSync(path) ? readFileSync(path, 'utf8') : ''}\n`);
  }
  return hash.digest('hex').slice(0, 16);
}

/** Each check's calls, as key → outcome, by check key. */
function callsByCheck(result: ExerciseResult): Map<string, Map<string, Json>> {
  return new Map(result.checks.map((c) => [checkKey(`${c.file}.test.ts`, c.name), new Map((c.calls ?? []).map((call) => [call.key, call.outcome]))]));
}

/** A mutant's signature: per failed check, its calls whose outcome is not the reference's. */
function signatureOf(mistake: Mistake, result: ExerciseResult, reference: ExerciseResult): MistakeSignature {
  const ref = callsByCheck(reference);
  const checks: Record<string, Record<string, Json>> = {};
  for (const c of result.checks.filter((x) => x.status === 'failed')) {
    const key = checkKey(`${c.file}.test.ts`, c.name);
    const differing = (c.calls ?? []).filter((call) => {
      const expected = ref.get(key)?.get(call.key);
      return expected === undefined || !jsonClose(call.outcome, expected, 1e-9);
    });
    if (differing.length > 0) checks[key] = Object.fromEntries(differing.map((call) => [call.key, call.outcome]));
  }
  return { id: mistake.id, fn: mistake.fn, message: mistake.message, checks };
}

/** Records and writes the signatures of every exercise of `exercises` that has a mistakes.ts; returns the files. */
export async function recordSignatures(root: string, exercises: string[]): Promise<SignatureFile[]> {
  const catalogue = new Map(exercises.map((e) => [e, loadMistakes(join(root, e), e)] as const).filter(([, m]) => m.length > 0));
  const work = mkdtempSync(join(tmpdir(), 'rnnlab-mistakes-'));
  try {
    const submissions: Submission[] = [{ name: 'reference', sources: Object.fromEntries([...catalogue.keys()].map((e) => [e, join(root, e, 'solution.ts')])) }];
    for (const [exercise, mistakes] of catalogue) {
      const solution = readFileSync(join(root, exercise, 'solution.ts'), 'utf8');
      for (const mistake of mistakes) {
        const dir = join(work, `${exercise}--${mistake.id}`, exercise);
        mkdirSync(dir, { recursive: true });
        writeFileSync(join(dir, 'exercise.ts'), applyMistake(exercise, solution, mistake));
        submissions.push({ name: `${exercise}--${mistake.id}`, sources: { [exercise]: join(dir, 'exercise.ts') } });
      }
    }
    const graded = await gradeAll(root, submissions, { hidden: true, record: true });
    const reference = new Map(graded[0].report.exercises.map((e) => [e.exercise, e]));
    const files: SignatureFile[] = [];
    for (const [exercise, mistakes] of catalogue) {
      const ref = reference.get(exercise) as ExerciseResult;
      if (ref.points !== ref.maxPoints || ref.errors.length > 0) throw new Error(`teach mistakes: the reference solution of ${exercise} does not pass its checks`);
      const signatures = mistakes.map((mistake) => {
        const result = graded.find((g) => g.name === `${exercise}--${mistake.id}`)?.report.exercises[0] as ExerciseResult;
        if (result.checks.every((c) => c.status === 'passed')) throw new Error(`teach mistakes: ${exercise}/${mistake.id} passes every check; the checks miss this mistake`);
        return signatureOf(mistake, result, ref);
      });
      const file: SignatureFile = { exercise, inputsHash: inputsHash(join(root, exercise)), mistakes: signatures };
      writeFileSync(join(root, exercise, SIGNATURES_FILE), `${JSON.stringify(file, null, 1)}\n`);
      files.push(file);
    }
    return files;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
