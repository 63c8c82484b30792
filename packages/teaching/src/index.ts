/**
 * @rnnlab/teaching — step-by-step RNN exercises, reference solutions and the auto-grader. This entry point is the
 * grader's Node API (the `rnnlab-grade` and `rnnlab-teach` commands are built on it) and the types an exercise's
 * mistakes.ts uses; checks files import `@rnnlab/teaching/check` instead. See README.md.
 */
export { grade, sourcesFor } from './grader/grade.js';
export type { GradeOptions, GradedImplementation } from './grader/grade.js';
export { gradeAll } from './grader/grade-all.js';
export { submissionsIn, gradesCsv } from './grader/submissions.js';
export type { Submission } from './grader/submissions.js';
export { GradingSession } from './grader/session.js';
export type { GradingJob, SessionOptions } from './grader/session.js';
export { findExercisesRoot, listExercises, selectExercises, UsageError } from './grader/exercises.js';
export { summarize, allPassed } from './grader/results.js';
export type { CheckResult, ExerciseResult, GradeReport } from './grader/results.js';
export { formatTable } from './report/table.js';
export { jsonReport, gradescopeReport, exercismReport } from './report/formats.js';
export { junitReport } from './report/junit.js';
export { makeStub, findRegions, syncStubs, BEGIN_SOLUTION, END_SOLUTION } from './stubs/stubs.js';
export type { SolutionRegion } from './stubs/stubs.js';
export { applyMistake, loadMistakes } from './mistakes/catalogue.js';
export type { Mistake, Patch } from './mistakes/catalogue.js';
export { recordSignatures } from './mistakes/record.js';
export { inputsHash } from './mistakes/inputs-hash.js';
export type { SignatureFile, MistakeSignature } from './mistakes/signatures.js';
export { release } from './release/release.js';
export { gradeMain } from './cli/grade.js';
export { teachMain } from './cli/teach.js';
