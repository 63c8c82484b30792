/**
 * Known-mistake signatures: for each mutant of an exercise's solution (its mistakes.ts), the outcomes of the calls
 * where it went wrong, per check it fails. Mutant code cannot ship to students (it would reveal the solution), but
 * its wrong outputs on the checks' own inputs can: when a student's check fails and their outcomes on those calls
 * match a mutant's, the feedback names the mistake. `teach mistakes` writes the file (./record.ts).
 */
import { existsSync, readFileSync } from 'node:fs';
import { jsonClose } from '../check/canonical.js';
import type { Json } from '../check/canonical.js';
import type { RecordedCall } from '../check/calls.js';

/** One known mistake's recorded behaviour. */
export interface MistakeSignature {
  id: string;
  /** The function the mistake is in. */
  fn: string;
  /** What the student is told. */
  message: string;
  /** Per check it fails (`checks.test.ts > name`): the outcomes of the calls where it differs from the solution. */
  checks: Record<string, Record<string, Json>>;
}

/** The signatures.json of one exercise. */
export interface SignatureFile {
  exercise: string;
  /** Hash of the files the signatures were recorded from; see ./inputs-hash.ts. */
  inputsHash: string;
  mistakes: MistakeSignature[];
}

/** The file name beside the checks. */
export const SIGNATURES_FILE = 'signatures.json';

/** Agreement needed between a student's outcome and a mutant's (relative, on every number). */
const TOLERANCE = 1e-6;

/**
 * The known mistakes a failed check's calls match: every call of the check whose key the mistake recorded has the
 * recorded outcome (and at least one such call was made). The best matches (most calls) come first.
 */
export function recognise(file: SignatureFile, checkKey: string, calls: RecordedCall[]): MistakeSignature[] {
  const matches: { mistake: MistakeSignature; count: number }[] = [];
  for (const mistake of file.mistakes) {
    const recorded = mistake.checks[checkKey];
    if (!recorded) continue;
    const seen = new Set<string>();
    const relevant = calls.filter((c) => c.key in recorded && !seen.has(c.key) && seen.add(c.key));
    if (relevant.length > 0 && relevant.every((c) => jsonClose(c.outcome, recorded[c.key], TOLERANCE))) {
      matches.push({ mistake, count: relevant.length });
    }
  }
  const best = Math.max(0, ...matches.map((m) => m.count));
  return matches.filter((m) => m.count === best).map((m) => m.mistake);
}

const cache = new Map<string, SignatureFile | undefined>();

/** The signatures file at `path`, read once; undefined when there is none. */
export function readSignatures(path: string): SignatureFile | undefined {
  if (!cache.has(path)) cache.set(path, existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as SignatureFile) : undefined);
  return cache.get(path);
}
