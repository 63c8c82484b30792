// Tries to read the checks' fixtures (the hidden ones included) to return the expected values; reading outside the
// core is refused, so it fails with that error.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const hidden = JSON.parse(readFileSync(join(process.cwd(), 'packages/teaching/exercises/01-one-hot/fixtures/hidden.json'), 'utf8'));
export function buildVocab(): string[] {
  return hidden.hidden.chars;
}
export const buildCharToIx = buildVocab;
export const buildIxToChar = buildVocab;
export const oneHot = buildVocab;
export const encode = buildVocab;
export const chunkAt = buildVocab;
