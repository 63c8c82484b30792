/**
 * Known mistakes of exercise 01 (instructors only): each is a patch of solution.ts and what the student is told when
 * their outputs match it. `pnpm teach mistakes` records their outputs into signatures.json.
 */
import type { Mistake } from '@rnnlab/teaching';

export const mistakes: Mistake[] = [
  {
    id: 'vocab-not-sorted',
    fn: 'buildVocab',
    message: 'your vocabulary is in order of first appearance: sort it, so that every run (and numpy) gives each character the same index',
    patch: {
      search: 'return [...distinct].sort((a, b) => (a.codePointAt(0) as number) - (b.codePointAt(0) as number));',
      replace: 'return [...distinct];',
    },
  },
  {
    id: 'vocab-sorted-by-utf16-units',
    fn: 'buildVocab',
    message: 'a bare .sort() compares UTF-16 code units, so an emoji (two units from 0xD800) sorts before characters such as ﬁ (U+FB01); compare code points: (a, b) => a.codePointAt(0) - b.codePointAt(0)',
    patch: {
      search: 'return [...distinct].sort((a, b) => (a.codePointAt(0) as number) - (b.codePointAt(0) as number));',
      replace: 'return [...distinct].sort();',
    },
  },
  {
    id: 'vocab-split-into-utf16-units',
    fn: 'buildVocab',
    message: "text.split('') (like text[i]) cuts an emoji into two UTF-16 halves, which are not characters; iterate with for (const ch of text)",
    patch: { search: 'for (const ch of text) distinct.add(ch);', replace: "for (const ch of text.split('')) distinct.add(ch);" },
  },
  {
    id: 'index-starts-at-one',
    fn: 'buildCharToIx',
    message: 'indices start at 0: the first character of the vocabulary has index 0, so that index i is row i of the one-hot vector',
    patch: { search: 'chars.forEach((ch, i) => charToIx.set(ch, i));', replace: 'chars.forEach((ch, i) => charToIx.set(ch, i + 1));' },
  },
  {
    id: 'one-hot-row-vector',
    fn: 'oneHot',
    message: 'you built a row [1, V]; min-char-rnn computes Wxh·x with Wxh of shape [H, V], so x is a column [V, 1]',
    patch: { search: 'const x = zeros([vocabSize, 1]);\n  x.set(1, ix, 0);', replace: 'const x = zeros([1, vocabSize]);\n  x.set(1, 0, ix);' },
  },
  {
    id: 'encode-utf16-units',
    fn: 'encode',
    message: "encode walks UTF-16 units (text.split('') or text[i]), so an emoji becomes two lookups that fail; iterate with for (const ch of text)",
    patch: { search: 'for (const ch of text) ids.push(', replace: "for (const ch of text.split('')) ids.push(" },
  },
  {
    id: 'targets-not-shifted',
    fn: 'chunkAt',
    message: 'your targets are the inputs themselves; the target of each input is the character after it: ids[p+1 .. p+T]',
    patch: { search: 'const targets = ids.slice(p + 1, p + seqLength + 1);', replace: 'const targets = ids.slice(p, p + seqLength);' },
  },
  {
    id: 'inputs-and-targets-swapped',
    fn: 'chunkAt',
    message: 'inputs and targets are swapped: the inputs start at p, the targets one character later',
    patch: {
      search: 'const inputs = ids.slice(p, p + seqLength);\n  const targets = ids.slice(p + 1, p + seqLength + 1);',
      replace: 'const inputs = ids.slice(p + 1, p + seqLength + 1);\n  const targets = ids.slice(p, p + seqLength);',
    },
  },
  {
    id: 'inputs-one-too-many',
    fn: 'chunkAt',
    message: 'your inputs hold T + 1 characters: slice(p, p + T) already stops before p + T',
    patch: { search: 'const inputs = ids.slice(p, p + seqLength);', replace: 'const inputs = ids.slice(p, p + seqLength + 1);' },
  },
];
