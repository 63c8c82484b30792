/**
 * Comparisons that fail with feedback a student can act on: which function, which output, what is wrong with it, the
 * first elements that differ (with their indices, expected vs got) and the relative error, and a hint. Each throws a
 * CheckFailure; the expected values sit in its evidence lines, which hidden checks leave out.
 */
import { Tensor } from '@rnnlab/core';
import { compareTensors, relError } from '@rnnlab/core/testing';
import { CheckFailure, describeValue, showNumber } from './failure.js';

/** Which output of which function is being checked, and what to tell the student if it is wrong. */
export interface Subject {
  /** The student's function, e.g. `softmax`. */
  fn: string;
  /** The output, e.g. `p` or `the returned vocabulary`. */
  output: string;
  /** A hint shown when the check fails (and no known mistake explains it better). */
  hint?: string;
}

/** Tolerances of a numeric comparison: |got − expected| ≤ atol + rtol·|expected| elementwise. */
export interface Tolerance {
  /** Default 1e-7. */
  rtol?: number;
  /** Default 1e-10. */
  atol?: number;
}

const shapeText = (shape: readonly number[]) => `[${shape.join(', ')}]`;

/** Fails unless `got` is a Tensor of exactly `shape`. */
export function expectShape(got: unknown, shape: readonly number[], subject: Subject): asserts got is Tensor {
  const { fn, output, hint } = subject;
  if (!(got instanceof Tensor)) {
    throw new CheckFailure({ fn, output, problem: `should be a Tensor of shape ${shapeText(shape)}, got ${describeValue(got)}`, hint });
  }
  if (got.shape.length !== shape.length || got.shape.some((d, i) => d !== shape[i])) {
    throw new CheckFailure({ fn, output, problem: `has shape ${shapeText(got.shape)}, expected ${shapeText(shape)}`, hint });
  }
}

/** Fails unless `got` is a Tensor of `expected`'s shape whose elements agree with it within the tolerance. */
export function expectTensor(got: unknown, expected: Tensor, subject: Subject & Tolerance): asserts got is Tensor {
  expectShape(got, expected.shape, subject);
  const c = compareTensors(got, expected, { rtol: subject.rtol ?? 1e-7, atol: subject.atol ?? 1e-10 });
  if (c.mismatchCount === 0) return;
  const { fn, output, hint } = subject;
  const nonFinite = c.first.some((d) => !Number.isFinite(d.actual));
  throw new CheckFailure({
    fn,
    output,
    problem: `is wrong: ${c.mismatchCount} of ${expected.size} elements differ (max relative error ${showNumber(c.maxRelError)})`
      + (nonFinite ? ', and some are NaN or infinite' : ''),
    evidence: c.first.map((d) => `${output}${d.index}: expected ${showNumber(d.expected)}, got ${showNumber(d.actual)}`),
    hint,
  });
}

/** Fails unless `got` is a number within the tolerance of `expected`. */
export function expectNumber(got: unknown, expected: number, subject: Subject & Tolerance): asserts got is number {
  const { fn, output, hint, rtol = 1e-7, atol = 1e-10 } = subject;
  if (typeof got !== 'number') {
    throw new CheckFailure({ fn, output, problem: `should be a number, got ${describeValue(got)}`, hint });
  }
  if (got === expected || Math.abs(got - expected) <= atol + rtol * Math.abs(expected)) return;
  const rel = Math.abs(got - expected) / Math.max(1e-8, Math.abs(got) + Math.abs(expected));
  throw new CheckFailure({
    fn,
    output,
    problem: `is wrong (relative error ${showNumber(rel)})${Number.isFinite(got) ? '' : `: it is ${got}`}`,
    evidence: [`expected ${showNumber(expected)}, got ${showNumber(got)}`],
    hint,
  });
}

/** One place where two plain values differ: its path below the value (`[3]`, `.targets[0]`, '' for the value). */
interface Difference {
  path: string;
  text: string;
}

const show = (v: unknown) => (typeof v === 'number' ? showNumber(v) : typeof v === 'string' ? JSON.stringify(v) : describeValue(v));

/** The first places (at most `limit`) where `got` differs from `expected`, compared deeply. */
function differences(got: unknown, expected: unknown, path: string, out: Difference[], limit: number): void {
  if (out.length >= limit) return;
  if (Array.isArray(expected)) {
    if (!Array.isArray(got)) { out.push({ path, text: `expected an array of length ${expected.length}, got ${describeValue(got)}` }); return; }
    if (got.length !== expected.length) out.push({ path, text: `expected length ${expected.length}, got length ${got.length}` });
    for (let i = 0; i < Math.min(got.length, expected.length); i++) differences(got[i], expected[i], `${path}[${i}]`, out, limit);
    return;
  }
  if (expected instanceof Map) {
    if (!(got instanceof Map)) { out.push({ path, text: `expected a Map with ${expected.size} entries, got ${describeValue(got)}` }); return; }
    for (const [k, v] of expected) {
      if (!got.has(k)) out.push({ path: `${path}.get(${show(k)})`, text: `expected ${show(v)}, got no entry` });
      else differences(got.get(k), v, `${path}.get(${show(k)})`, out, limit);
      if (out.length >= limit) return;
    }
    for (const k of got.keys()) {
      if (!expected.has(k) && out.length < limit) out.push({ path: `${path}.get(${show(k)})`, text: `expected no entry, got ${show(got.get(k))}` });
    }
    return;
  }
  if (expected !== null && typeof expected === 'object') {
    if (got === null || typeof got !== 'object') { out.push({ path, text: `expected an object, got ${describeValue(got)}` }); return; }
    for (const k of Object.keys(expected)) differences((got as Record<string, unknown>)[k], (expected as Record<string, unknown>)[k], `${path}.${k}`, out, limit);
    return;
  }
  if (!Object.is(got, expected)) out.push({ path, text: `expected ${show(expected)}, got ${show(got)}` });
}

/**
 * Fails unless `got` equals `expected` exactly: numbers, strings, booleans, arrays, plain objects and Maps, compared
 * deeply. The evidence lists the first differing entries with their paths (`inputs[3]: expected 7, got 8`).
 */
export function expectEqual(got: unknown, expected: unknown, subject: Subject): void {
  const found: Difference[] = [];
  differences(got, expected, '', found, 3);
  if (found.length === 0) return;
  const { fn, output, hint } = subject;
  // `vocab[0]: …`, `m.get("a"): …`, `chunk → targets[0]: …` (a field of the output), `vocab: …` (the whole output).
  const field = (path: string) => path.startsWith('.') && !path.startsWith('.get(');
  const line = ({ path, text }: Difference) => `${field(path) ? `${output} → ${path.slice(1)}` : `${output}${path}`}: ${text}`;
  throw new CheckFailure({ fn, output, problem: 'is wrong', evidence: found.map(line), hint });
}

/**
 * Fails unless the student's gradient `got` matches `numerical`, the centred-difference gradient of the trusted
 * forward pass (compute it with `evalNumericalGradient` / `evalNumericalGradientArray` from @rnnlab/core/testing):
 * cs231n's relative error, max over elements, at most `tolerance` (default 1e-6).
 */
export function expectGradient(got: unknown, numerical: Tensor, subject: Subject & { tolerance?: number }): asserts got is Tensor {
  expectShape(got, numerical.shape, subject);
  const { fn, output, hint, tolerance = 1e-6 } = subject;
  const error = relError(got, numerical);
  if (error <= tolerance) return;
  const c = compareTensors(got, numerical, { rtol: tolerance, atol: 1e-10 });
  throw new CheckFailure({
    fn,
    output,
    problem: `does not match the numerical gradient: relative error ${showNumber(error)} (at most ${tolerance} expected)`,
    evidence: c.first.map((d) => `${output}${d.index}: numerical ${showNumber(d.expected)}, got ${showNumber(d.actual)}`),
    hint,
  });
}
