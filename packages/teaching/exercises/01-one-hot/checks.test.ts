/**
 * Public checks of exercise 01 (one-hot). Golden values: fixtures/one_hot.json, made by fixtures/make_fixtures.py
 * with min-char-rnn.py's own data handling.
 */
import { tensor } from '@rnnlab/core';
import { check, expectEqual, expectShape, expectTensor, loadStudent } from '@rnnlab/teaching/check';
import type * as Exercise from './exercise';
import fixtures from './fixtures/one_hot.json';

const student = await loadStudent<typeof Exercise>(import.meta.url);
const { shakespeare, unicode } = fixtures;

check('buildVocab: the distinct characters of a text, sorted', { points: 2 }, async () => {
  expectEqual(await student.buildVocab(shakespeare.text), shakespeare.chars, {
    fn: 'buildVocab', output: 'vocab',
    hint: 'each character once, in ascending order (Python: sorted(set(data)))',
  });
});

check('buildVocab: a character is a code point, and code points sort as in Python', { points: 1 }, async () => {
  expectEqual(await student.buildVocab(unicode.text), unicode.chars, {
    fn: 'buildVocab', output: 'vocab',
    hint: 'iterate with for…of (whole code points) and compare a.codePointAt(0) − b.codePointAt(0)',
  });
});

check('buildCharToIx: each character → its position in the vocabulary', { points: 1 }, async () => {
  expectEqual(await student.buildCharToIx(shakespeare.chars), new Map(shakespeare.charToIx as [string, number][]), {
    fn: 'buildCharToIx', output: 'charToIx', hint: 'chars[i] → i, for every i from 0 to V − 1',
  });
});

check('buildIxToChar: each position → its character', { points: 1 }, async () => {
  expectEqual(await student.buildIxToChar(shakespeare.chars), new Map(shakespeare.ixToChar as [number, string][]), {
    fn: 'buildIxToChar', output: 'ixToChar', hint: 'i → chars[i], the inverse of charToIx',
  });
});

check('oneHot: a column [V, 1] with a single 1 in row ix', { points: 2 }, async () => {
  const V = shakespeare.chars.length;
  for (const { ix, x } of shakespeare.oneHots) {
    const got = await student.oneHot(ix, V);
    expectShape(got, [V, 1], { fn: 'oneHot', output: 'x', hint: 'min-char-rnn multiplies Wxh [H, V] by x, so x is a column [V, 1]' });
    expectTensor(got, tensor(x), { fn: 'oneHot', output: 'x' });
  }
});

check('encode: one index per character, emoji included', { points: 1 }, async () => {
  for (const c of [shakespeare, unicode]) {
    const charToIx = new Map(c.charToIx as [string, number][]);
    expectEqual(await student.encode(c.text, charToIx), c.ids, {
      fn: 'encode', output: 'ids', hint: 'look up every character (for…of, not text[i]) in charToIx',
    });
  }
});

check('chunkAt: inputs are T indices from p, targets the next character of each', { points: 2 }, async () => {
  for (const { p, inputs, targets } of shakespeare.chunks) {
    const got = await student.chunkAt(shakespeare.ids, p, shakespeare.seqLength);
    expectEqual(got, { inputs, targets }, {
      fn: 'chunkAt', output: `chunk at p = ${p}`,
      hint: 'inputs = ids[p .. p+T−1], targets = ids[p+1 .. p+T]: the RNN learns to predict the next character',
    });
  }
});
