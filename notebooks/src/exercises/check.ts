/**
 * checkExercise — the check cell of a notebook: grades the student's exercise file with the grader's own checks (the
 * same as `pnpm grade`, one source) and shows ✓ or ✗ per check with the grader's feedback. When a check fails it
 * then throws, so the cell ends in an error, as an nbgrader test cell must, and "Run All" stops there.
 *
 * A notebook step checks the functions it is about: `checkExercise('01-one-hot', 'buildVocab')` shows only the checks
 * whose name begins with that function (the grader names them `buildVocab: …`). With RNNLAB_NOTEBOOK_SOURCE=solution
 * in the kernel's environment the reference solutions are graded instead (the notebooks' "with references" tests).
 */
import { escapeHtml } from '@rnnlab/core';
import { display, type MimeBundle } from '../display';
import { type CheckOutcome, type ExerciseOutcome, type Grader, gradeInProcess, gradeOnChange } from './grader';

/** The kernel's grader: the teaching package's grading session, re-run only when the exercise's folder changed. */
const kernelGrader = gradeOnChange(gradeInProcess);

/** A check cell's failure: its message is one line; the table above the error has the details. */
export class ExerciseCheckError extends Error {
  override name = 'ExerciseCheckError';
  constructor(message: string) {
    super(message);
    this.stack = `${this.name}: ${message}`; // the frames would only show this helper
  }
}

/** Whether check cells grade the reference solutions (set by the notebook tests) rather than the student's files. */
export function gradingSolutions(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.RNNLAB_NOTEBOOK_SOURCE === 'solution';
}

/** What one check cell shows. */
export interface CheckSummary {
  exercise: string;
  /** The functions the cell is about (empty: the whole exercise). */
  functions: string[];
  checks: CheckOutcome[];
  typeErrors: string[];
  errors: string[];
  source: string;
}

/**
 * Grades `exercise` (e.g. '01-one-hot') and shows the checks about `functions` (all when omitted). Throws
 * ExerciseCheckError when one of them failed or the checks could not run. (`grader` and `show` are for tests.)
 */
export async function checkExercise(
  exercise: string,
  functions: string | string[] = [],
  { grader = kernelGrader, show = display }: { grader?: Grader; show?: (bundle: MimeBundle) => void } = {},
): Promise<void> {
  const summary = await gradeForCell(exercise, functions, grader);
  show(checkBundle(summary));
  const failed = summary.checks.filter((c) => c.status !== 'passed').length + summary.errors.length;
  if (failed > 0) {
    throw new ExerciseCheckError(`${describeTarget(summary)}: ${failed} of ${summary.checks.length} check${summary.checks.length === 1 ? '' : 's'} failed (see above)`);
  }
}

/** Runs the grader and keeps what the cell is about. Throws when no check matches `functions`. */
export async function gradeForCell(exercise: string, functions: string | string[], grader: Grader): Promise<CheckSummary> {
  const wanted = typeof functions === 'string' ? [functions] : functions;
  const outcome = await grader(exercise, { solutions: gradingSolutions() });
  const about = (check: CheckOutcome) => wanted.length === 0 || wanted.some((fn) => checkSubjects(check.name).includes(fn));
  const checks = outcome.checks.filter((c) => c.exercise === exercise && about(c));
  const summary: ExerciseOutcome | undefined = outcome.exercises.find((e) => e.exercise === exercise);
  if (checks.length === 0 && (summary?.errors.length ?? 0) === 0) {
    throw new ExerciseCheckError(`${exercise}: the grader has no check about ${wanted.join(', ') || 'this exercise'}`);
  }
  return {
    exercise, functions: wanted, checks,
    typeErrors: summary?.typeErrors ?? [], errors: summary?.errors ?? [], source: summary?.source ?? '',
  };
}

/**
 * The functions a check is about, from the head of its name (before the colon): "buildCharToIx and buildIxToChar: …"
 * → both; "lossFun over a chunk: …" → lossFun (a qualifier after the name is not a function); "stepBackward then
 * sgdUpdate: …" → sgdUpdate (a sequence checks its last step; the earlier ones have checks of their own).
 */
export function checkSubjects(name: string): string[] {
  const head = name.includes(':') ? name.slice(0, name.indexOf(':')) : name;
  const last = head.split(/\s+then\s+/).pop() ?? '';
  return last.split(/\s*(?:,|\band\b)\s*/).map((part) => /^[A-Za-z_$][\w$]*/.exec(part.trim())?.[0] ?? '').filter(Boolean);
}

function describeTarget(s: CheckSummary): string {
  return s.functions.length ? `${s.exercise} (${s.functions.join(', ')})` : s.exercise;
}

/** The ✓/✗ table as HTML and as text. */
export function checkBundle(s: CheckSummary): MimeBundle {
  const earned = s.checks.reduce((a, c) => a + c.points, 0);
  const max = s.checks.reduce((a, c) => a + c.maxPoints, 0);
  const ok = s.errors.length === 0 && s.checks.every((c) => c.status === 'passed');
  const mark = ok ? '✓' : '✗';
  const headline = `${mark} ${describeTarget(s)}: ${s.checks.filter((c) => c.status === 'passed').length} of ${s.checks.length} checks passed, ${earned}/${max} points`;
  const lines = [
    headline,
    ...s.errors.map((e) => `  ✗ the checks could not run: ${e}`),
    ...s.checks.map((c) => `  ${c.status === 'passed' ? '✓' : '✗'} ${c.name} (${c.points}/${c.maxPoints})${c.message ? `\n${indent(c.message, 6)}` : ''}`),
    ...(s.typeErrors.length ? ['  ⚠ TypeScript found errors in your file (they fail no check by themselves):', ...s.typeErrors.map((e) => indent(e, 6))] : []),
  ];
  const cell = 'vertical-align: top; text-align: left; padding: 2px 10px 2px 0;';
  const row = (c: CheckOutcome) => `<tr class="${c.status}"><td class="mark" style="${cell} color: ${c.status === 'passed' ? '#1a7f37' : '#cf222e'}; font-weight: 600;">${c.status === 'passed' ? '✓' : '✗'}</td><td style="${cell}">${escapeHtml(c.name)}${c.message ? `<pre style="margin: 4px 0 6px; white-space: pre-wrap;">${escapeHtml(c.message)}</pre>` : ''}</td><td class="points" style="${cell} white-space: nowrap;">${c.points}/${c.maxPoints}</td></tr>`;
  const html = `<div class="rnnlab-check ${ok ? 'passed' : 'failed'}" style="font: 14px/1.45 system-ui, sans-serif; border-left: 4px solid ${ok ? '#1a7f37' : '#cf222e'}; padding: 4px 10px;">
<div class="headline" style="font-weight: 600; color: ${ok ? '#1a7f37' : '#cf222e'};">${escapeHtml(headline)}</div>
${s.errors.map((e) => `<pre class="error">${escapeHtml(e)}</pre>`).join('\n')}
<table style="border-collapse: collapse;">${s.checks.map(row).join('\n')}</table>
${s.typeErrors.length ? `<div class="type-errors">⚠ TypeScript found errors in your file (they fail no check by themselves):<pre>${escapeHtml(s.typeErrors.join('\n'))}</pre></div>` : ''}
</div>`;
  return { 'text/html': html, 'text/plain': lines.join('\n') };
}

function indent(text: string, n: number): string {
  return text.split('\n').map((l) => `${' '.repeat(n)}${l}`).join('\n');
}
