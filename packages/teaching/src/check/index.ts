/**
 * @rnnlab/teaching/check — what an exercise's checks files use: `check` (a test worth points), `loadStudent` (the
 * implementation being graded, run in an isolated process), and comparisons that fail with feedback a student can
 * act on. See the package README, "Writing an exercise".
 */
export { check } from './check.js';
export { HIDDEN_CHECKS_FILE } from './names.js';
export type { CheckOptions, CheckMeta } from './check.js';
export { loadStudent } from './student.js';
export type { Student, StudentLimits } from './student.js';
export { expectShape, expectTensor, expectNumber, expectEqual, expectGradient } from './compare.js';
export type { Subject, Tolerance } from './compare.js';
export { tensorsOf, expectOutputs, numericalGradients, expectGradients, expectUsableCache } from './layers.js';
export type { OutputsSubject } from './layers.js';
export { CheckFailure } from './failure.js';
export type { FailureDetail } from './failure.js';
export { childFunction } from '../sandbox/codec.js';
export { StudentError } from '../sandbox/student-process.js';
export { gradingContext } from './context.js';
export type { GradingContext, GradedSource } from './context.js';
