/**
 * `teach mistakes`: runs every known mistake (a mutant of solution.ts) through the checks — hidden ones included —
 * recording each check's calls, and writes each exercise's signatures.json: for every check a mutant fails, the
 * outcomes of the calls where it differs from the reference solution. A mutant that fails no check is an error
 * (the checks miss that mistake). The inputs hash lets a test tell when the file is stale.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jsonClose } from '../check/canonical.js';
import type { Json } from '../check/canonical.js';
import { checkKey } from '../check/names.js';
import { gradeAll } from '../grader/grade-all.js';
import type { Submission } from '../grader/submissions.js';
import type { ExerciseResult } from '../grader/results.js';
import type { Mistake } from './catalogue.js';
import { inputsHash } from './inputs-hash.js';
import { loadCatalogue, mutantName, writeMutants } from './mutants.js';
import { SIGNATURES_FILE } from './signatures.js';
import type { MistakeSignature, SignatureFile } from './signatures.js';

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

/**
 * JSON.stringify replacer: fractions to 9 significant digits, far inside the 1e-6 with which outcomes are recognised
 * (integers, such as ids and generator states, stay exact), and written compactly — the file holds mutants' whole outputs (a training run's parameters, every gradient), and
 * rounding with no indentation makes it about half the size.
 */
const roundNumbers = (_key: string, value: unknown) => (typeof value === 'number' && !Number.isInteger(value) && Number.isFinite(value) ? Number(value.toPrecision(9)) : value);

/** Records and writes the signatures of every exercise of `exercises` that has a mistakes.ts; returns the files. */
export async function recordSignatures(root: string, exercises: string[]): Promise<SignatureFile[]> {
  const catalogue = loadCatalogue(root, exercises);
  const work = mkdtempSync(join(tmpdir(), 'rnnlab-mistakes-'));
  try {
    const reference: Submission = { name: 'reference', sources: Object.fromEntries([...catalogue.keys()].map((e) => [e, join(root, e, 'solution.ts')])) };
    const submissions = [reference, ...writeMutants(root, catalogue, work)];
    const graded = await gradeAll(root, submissions, { hidden: true, record: true });
    const references = new Map(graded[0].report.exercises.map((e) => [e.exercise, e]));
    const files: SignatureFile[] = [];
    for (const [exercise, mistakes] of catalogue) {
      const ref = references.get(exercise) as ExerciseResult;
      if (ref.points !== ref.maxPoints || ref.errors.length > 0) throw new Error(`teach mistakes: the reference solution of ${exercise} does not pass its checks`);
      const signatures = mistakes.map((mistake) => {
        const result = graded.find((g) => g.name === mutantName(exercise, mistake.id))?.report.exercises[0] as ExerciseResult;
        if (result.checks.every((c) => c.status === 'passed')) throw new Error(`teach mistakes: ${exercise}/${mistake.id} passes every check; the checks miss this mistake`);
        return signatureOf(mistake, result, ref);
      });
      const file: SignatureFile = { exercise, inputsHash: inputsHash(join(root, exercise)), mistakes: signatures };
      writeFileSync(join(root, exercise, SIGNATURES_FILE), `${JSON.stringify(file, roundNumbers)}\n`);
      files.push(file);
    }
    return files;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
