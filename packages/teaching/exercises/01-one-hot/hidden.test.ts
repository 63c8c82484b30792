/**
 * Hidden checks of exercise 01 (instructors only: not in the student copy). Another passage and other chunk
 * positions, from fixtures/hidden.json (made by fixtures/make_fixtures.py).
 */
import { tensor } from '@rnnlab/core';
import { check, expectEqual, expectTensor, loadStudent } from '@rnnlab/teaching/check';
import type * as Exercise from './exercise';
import fixtures from './fixtures/hidden.json';

const student = await loadStudent<typeof Exercise>(import.meta.url);
const { hidden } = fixtures;

check('buildVocab, encode and oneHot on another passage', { points: 1, hidden: true }, async () => {
  expectEqual(await student.buildVocab(hidden.text), hidden.chars, { fn: 'buildVocab', output: 'vocab' });
  const charToIx = new Map(hidden.charToIx as [string, number][]);
  expectEqual(await student.encode(hidden.text, charToIx), hidden.ids, { fn: 'encode', output: 'ids' });
  for (const { ix, x } of hidden.oneHots) {
    expectTensor(await student.oneHot(ix, hidden.chars.length), tensor(x), { fn: 'oneHot', output: 'x' });
  }
});

check('chunkAt with another sequence length, up to the end of the text', { points: 1, hidden: true }, async () => {
  for (const { p, inputs, targets } of hidden.chunks) {
    expectEqual(await student.chunkAt(hidden.ids, p, hidden.seqLength), { inputs, targets }, { fn: 'chunkAt', output: `chunk at p = ${p}` });
  }
});
