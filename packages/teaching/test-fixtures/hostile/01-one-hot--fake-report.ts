// Tries to write fake reports (in the working folder, the temporary folder, beside itself) and to tamper with the
// checks on disk; every write must be refused. Its functions are wrong, so it must score 0 whatever it wrote.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

const fake = JSON.stringify({ points: 10, maxPoints: 10, passed: 6, failed: 0 });
export const attempts: string[] = [];
for (const path of [
  join(process.cwd(), 'grade-results.json'),
  join(process.env.RNNLAB_HOSTILE_OUT ?? '/tmp', 'fake-report.json'),
  join(__dirname, 'results.json'),
  join(process.cwd(), 'packages/teaching/exercises/01-one-hot/checks.test.ts'),
]) {
  try {
    writeFileSync(path, fake);
    attempts.push(`wrote ${path}`);
  } catch (e) {
    attempts.push(`refused ${path}: ${(e as Error).message}`);
  }
}
export function buildVocab(): string[] {
  return [attempts.join(' | ')];
}
export const buildCharToIx = buildVocab;
export const buildIxToChar = buildVocab;
export const oneHot = buildVocab;
export const encode = buildVocab;
export const chunkAt = buildVocab;
