/**
 * check(): a vitest test that is worth points. It declares its points and whether it is hidden (vitest task meta, read
 * by the grader), records the calls it makes to the student's code, and turns a failure into the student's feedback:
 * the comparison's message (without expected values when hidden), and the known mistake it matches, if any.
 */
import { basename, dirname, join } from 'node:path';
import { test } from 'vitest';
import { readSignatures, recognise, SIGNATURES_FILE } from '../mistakes/signatures.js';
import { StudentError } from '../sandbox/student-process.js';
import { collectCalls } from './calls.js';
import type { RecordedCall } from './calls.js';
import { gradingContext } from './context.js';
import { checkKey, HIDDEN_CHECKS_FILE } from './names.js';
import { CheckFailure, formatFailure } from './failure.js';

/** A check's points, and whether it is hidden (kept out of the student copy; it lives in hidden.test.ts). */
export interface CheckOptions {
  points: number;
  hidden?: boolean;
}

/** What the grader reads from a check's task meta. */
export interface CheckMeta {
  points: number;
  hidden: boolean;
  /** Ids of the known mistakes the failure matched. */
  mistakes?: string[];
  /** The calls the check made (only when the grader records, for `teach mistakes`). */
  calls?: RecordedCall[];
}

declare module 'vitest' {
  interface TaskMeta {
    rnnlab?: CheckMeta;
  }
}


/** The student's message for a failure of the check body, with the known mistakes it matches. */
function feedback(error: unknown, hidden: boolean, mistakes: string[]): string {
  if (error instanceof CheckFailure) return formatFailure(error.detail, hidden, mistakes);
  const named = mistakes.map((m) => `\nLikely mistake: ${m}`).join('');
  // The student's own exception (never an expected value); say that it was raised on an input they cannot see.
  if (error instanceof StudentError) return error.message + (hidden && error.kind === 'threw' ? '\n(on a hidden test input)' : '') + named;
  // The check itself stumbled on the result (say, a field of an object that is undefined).
  const message = `could not check the result (${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}); `
    + 'does the function return what its doc comment says?';
  return (hidden ? 'this hidden check failed (its details are not shown)' : message) + named;
}

/**
 * Declares a check worth `points`. The body calls the student's functions (from `loadStudent`) and compares their
 * outputs with `expectTensor`, `expectEqual`, … — it fails by throwing. Hidden checks (`hidden: true`) belong in
 * hidden.test.ts; their messages never show expected values.
 */
export function check(name: string, options: CheckOptions, body: () => Promise<void> | void): void {
  const { points, hidden = false } = options;
  if (!(points > 0) || !Number.isFinite(points)) throw new Error(`check '${name}': points is ${points}, expected a positive number`);
  test(name, { meta: { rnnlab: { points, hidden } } }, async ({ task }) => {
    const file = task.file.filepath;
    if ((basename(file) === HIDDEN_CHECKS_FILE) !== hidden) {
      throw new Error(`check '${name}' in ${basename(file)}: hidden checks, and only they, go in ${HIDDEN_CHECKS_FILE}`);
    }
    const calls: RecordedCall[] = [];
    const meta = task.meta.rnnlab as CheckMeta;
    try {
      await collectCalls(calls, body);
    } catch (error) {
      const signatures = readSignatures(join(dirname(file), SIGNATURES_FILE));
      const known = signatures ? recognise(signatures, checkKey(basename(file), task.fullTestName ?? name), calls) : [];
      meta.mistakes = known.map((m) => m.id);
      throw new Error(feedback(error, hidden, known.map((m) => m.message)));
    } finally {
      if (gradingContext().record) meta.calls = calls;
    }
  });
}
