/**
 * CheckFailure: what a check reports when the student's output is wrong, kept structured so that the message can be
 * written two ways — in full for public checks (expected vs got, the first elements that differ), and without any
 * expected value for hidden checks — and so that the grader can add the known mistake it recognises.
 */

/** The parts of a failure message. */
export interface FailureDetail {
  /** The student's function, e.g. `softmax`. */
  fn: string;
  /** The output that is wrong, e.g. `p`, `the returned vocabulary`. */
  output: string;
  /** One line: what is wrong with it, without expected values (`2 of 4 elements differ (max relative error 1)`). */
  problem: string;
  /** Lines that show expected values (`p[0, 0]: expected 0.032, got NaN`); withheld for hidden checks. */
  evidence?: string[];
  /** What to look at. */
  hint?: string;
}

/** A check found the student's output wrong. */
export class CheckFailure extends Error {
  override name = 'CheckFailure';
  constructor(readonly detail: FailureDetail) {
    super(formatFailure(detail, false));
  }
}

/**
 * The failure as the student reads it: the problem, the evidence (left out when `hidden`: it shows expected values),
 * the known mistakes it matches, and the hint.
 */
export function formatFailure(detail: FailureDetail, hidden: boolean, mistakes: string[] = []): string {
  const { fn, output, problem, evidence = [], hint } = detail;
  const lines = [`${fn}: ${output} ${problem}${hidden ? ' (on a hidden test input)' : ''}`];
  if (!hidden) lines.push(...evidence.map((line) => `  ${line}`));
  lines.push(...mistakes.map((m) => `Likely mistake: ${m}`));
  if (hint) lines.push(`Hint: ${hint}`);
  return lines.join('\n');
}

/** A number as feedback prints it: up to 8 significant digits, NaN and ±Infinity as such. */
export function showNumber(v: number): string {
  return Number.isFinite(v) && !Number.isInteger(v) ? String(Number(v.toPrecision(8))) : String(v);
}

/** A value as feedback names it when it has the wrong type: `an array of length 4`, `undefined`, `a Tensor [4, 1]`. */
export function describeValue(v: unknown): string {
  if (v === null || v === undefined) return String(v);
  if (Array.isArray(v)) return `an array of length ${v.length}`;
  if (v instanceof Map) return `a Map with ${v.size} entries`;
  if (typeof v === 'object') {
    const shape = (v as { shape?: unknown }).shape;
    const name = v.constructor?.name ?? 'object';
    return Array.isArray(shape) ? `a ${name} of shape [${shape.join(', ')}]` : `a ${name === 'Object' ? 'plain object' : name}`;
  }
  return typeof v === 'string' ? `the string ${JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v)}` : `the ${typeof v} ${String(v)}`;
}
