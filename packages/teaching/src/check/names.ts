/**
 * Names the grader, the checks and the instructor commands share, kept apart from anything that loads vitest or
 * TypeScript: the hidden checks' file, the mistakes catalogue, and how signatures.json names a check.
 */

/** The file holding hidden checks; its name is how the grader and the release tell them apart. */
export const HIDDEN_CHECKS_FILE = 'hidden.test.ts';

/** The known-mistakes catalogue in an exercise folder (instructors only). */
export const MISTAKES_FILE = 'mistakes.ts';

/** How signatures.json names a check: `checks.test.ts > buildVocab: …` (file, then the test's full name). */
export const checkKey = (fileName: string, fullName: string) => `${fileName} > ${fullName}`;
