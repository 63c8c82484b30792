import { describe, expect, it } from 'vitest';
import { ValueError } from '../errors';
// Golden vocabularies from Python: sorted(set(text)) and sorted(set(text.lower().split())) (fixtures/make_vocab_fixtures.py).
import fixtures from './fixtures/vocab_fixtures.json';
import { CharVocab, WordVocab, compareCodePoints, splitWords, vocabFromJSON } from './vocab';

describe('CharVocab', () => {
  it.each(fixtures.cases.map((c, i) => ({ i, ...c })))(
    'fromText matches Python sorted(set(text)) and encodes like chars.index (case $i)',
    ({ text, chars, charIds }) => {
      const vocab = CharVocab.fromText(text);
      expect(vocab.tokens).toEqual(chars);
      expect(vocab.size).toBe(chars.length);
      expect(Array.from(vocab.encode(text))).toEqual(charIds);
      expect(vocab.decode(vocab.encode(text))).toBe(text);
    },
  );

  it('sorts by code point, not by UTF-16 unit: U+E000 comes before an astral emoji', () => {
    const vocab = CharVocab.fromText('\u{1F600}\uE000a');
    expect(vocab.tokens).toEqual(['a', '\uE000', '\u{1F600}']);
    expect(['\u{1F600}', '\uE000'].sort()).toEqual(['\u{1F600}', '\uE000']);
  });

  it('treats an astral character as one token and one id', () => {
    const vocab = CharVocab.fromText('a\u{1F600}b');
    expect(vocab.size).toBe(3);
    const ids = vocab.encode('\u{1F600}\u{1F600}a');
    expect(ids).toBeInstanceOf(Int32Array);
    expect(Array.from(ids)).toEqual([2, 2, 0]);
  });

  it('encodes the empty string to no ids and decodes no ids to the empty string', () => {
    const vocab = CharVocab.fromText('ab');
    expect(vocab.encode('').length).toBe(0);
    expect(vocab.decode([])).toBe('');
  });

  it('rejects text with characters outside the vocabulary, listing each once with its code point', () => {
    const vocab = CharVocab.fromText('abc ');
    expect(() => vocab.encode('abz\nzé')).toThrow(ValueError);
    expect(() => vocab.encode('abz\nzé')).toThrow(
      "CharVocab.encode: text has 3 character(s) not in the vocabulary: 'z' (U+007A), '\\n' (U+000A), 'é' (U+00E9); " +
        'expected only the 4 characters of the training corpus',
    );
  });

  it('lists at most 20 unknown characters and says how many more there are', () => {
    const vocab = CharVocab.fromText('ab');
    expect(() => vocab.encode('ABCDEFGHIJKLMNOPQRSTUVWXYZ')).toThrow("'T' (U+0054), ... (6 more)");
  });

  it('rejects ids that are not integers in [0, V)', () => {
    const vocab = CharVocab.fromText('abc');
    expect(() => vocab.decode([0, 3])).toThrow(ValueError);
    expect(() => vocab.decode([0, 3])).toThrow('CharVocab.decode: ids[1] is 3, expected an integer in [0, 2] (vocabulary size 3)');
    expect(() => vocab.decode([1.5])).toThrow('ids[0] is 1.5');
    expect(() => vocab.decode([-1])).toThrow('ids[0] is -1');
    expect(() => vocab.decode(null as never)).toThrow('CharVocab.decode: ids must be an array of integers, got null');
  });

  it('rejects empty or non-string text', () => {
    expect(() => CharVocab.fromText('')).toThrow(ValueError);
    expect(() => CharVocab.fromText('')).toThrow('CharVocab.fromText: text is empty, expected a non-empty string');
    expect(() => CharVocab.fromText(5 as never)).toThrow('CharVocab.fromText: text is number');
    expect(() => CharVocab.fromText('ab').encode(5 as never)).toThrow('CharVocab.encode: text must be a string, got number');
  });

  it('round-trips through toJSON and vocabFromJSON, keeping the ids', () => {
    const vocab = CharVocab.fromText('hello\u{1F600}');
    const json = JSON.parse(JSON.stringify(vocab.toJSON()));
    expect(json).toEqual({ level: 'char', tokens: ['e', 'h', 'l', 'o', '\u{1F600}'] });
    const back = vocabFromJSON(json);
    expect(back).toBeInstanceOf(CharVocab);
    expect(back.tokens).toEqual(vocab.tokens);
    expect(Array.from(back.encode('hole'))).toEqual(Array.from(vocab.encode('hole')));
  });
});

describe('WordVocab', () => {
  it.each(fixtures.cases.map((c, i) => ({ i, ...c })))(
    'fromText matches Python sorted(set(text.lower().split())) (case $i)',
    ({ text, words }) => {
      expect(WordVocab.fromText(text).tokens).toEqual(words);
    },
  );

  it('lower-cases, splits on spaces, tabs and newlines, and drops empty tokens', () => {
    const vocab = WordVocab.fromText('The cat\tsat\n\n on  THE mat\r\n');
    expect(vocab.tokens).toEqual(['cat', 'mat', 'on', 'sat', 'the']);
    expect(vocab.level).toBe('word');
    expect(splitWords('  A  b\tC\n')).toEqual(['a', 'b', 'c']);
  });

  it('encodes a text or a list of words and decodes with single spaces', () => {
    const vocab = WordVocab.fromText('the cat sat on the mat');
    expect(Array.from(vocab.encode('The  cat\nsat'))).toEqual([4, 0, 3]);
    expect(Array.from(vocab.encode(['THE', 'mat']))).toEqual([4, 1]);
    expect(vocab.decode([4, 0, 3, 2, 4, 1])).toBe('the cat sat on the mat');
  });

  it('rejects unknown words, listing up to 10 of them', () => {
    const vocab = WordVocab.fromText('a b');
    expect(() => vocab.encode('a dog b cat dog')).toThrow(ValueError);
    expect(() => vocab.encode('a dog b cat dog')).toThrow(
      'WordVocab.encode: input has 2 word(s) not in the vocabulary: "dog", "cat"; expected only the 2 words of the training corpus',
    );
    const many = Array.from({ length: 13 }, (_, i) => `w${i}`).join(' ');
    expect(() => vocab.encode(many)).toThrow('"w9", ... (3 more)');
  });

  it('rejects text without words, bad input and out-of-range ids', () => {
    expect(() => WordVocab.fromText(' \n\t')).toThrow(
      'WordVocab.fromText: text has no words (it is empty or only whitespace), expected at least one word',
    );
    expect(() => WordVocab.fromText(null as never)).toThrow('WordVocab.fromText: text must be a string, got object');
    const vocab = WordVocab.fromText('a b');
    expect(() => vocab.encode([1] as never)).toThrow('WordVocab.encode: input must be a string or an array of strings');
    expect(() => vocab.decode([2])).toThrow('WordVocab.decode: ids[0] is 2, expected an integer in [0, 1] (vocabulary size 2)');
  });

  it('round-trips through toJSON and vocabFromJSON', () => {
    const vocab = WordVocab.fromText('to be or not to be');
    const back = vocabFromJSON(JSON.parse(JSON.stringify(vocab)));
    expect(back).toBeInstanceOf(WordVocab);
    expect(back.tokens).toEqual(['be', 'not', 'or', 'to']);
  });
});

describe('compareCodePoints', () => {
  it('orders strings as Python does: by code point, shorter prefix first', () => {
    const words = ['a\u{1F600}', 'a\uE000', 'ab', 'a', 'B'];
    expect([...words].sort(compareCodePoints)).toEqual(['B', 'a', 'ab', 'a\uE000', 'a\u{1F600}']);
    expect(compareCodePoints('same', 'same')).toBe(0);
  });
});

describe('vocabFromJSON', () => {
  it('rejects an unknown level, bad tokens and duplicates, naming what is wrong', () => {
    expect(() => vocabFromJSON({ level: 'byte', tokens: ['a'] } as never)).toThrow(
      `vocabFromJSON: level is "byte", expected 'char' or 'word'`,
    );
    expect(() => vocabFromJSON(null as never)).toThrow(ValueError);
    expect(() => vocabFromJSON({ level: 'char', tokens: [] })).toThrow(
      'vocabFromJSON: tokens must be a non-empty array of strings, got an empty array',
    );
    expect(() => vocabFromJSON({ level: 'char', tokens: ['a', 'bc'] })).toThrow(
      'vocabFromJSON: tokens[1] is "bc", expected a single character',
    );
    expect(() => vocabFromJSON({ level: 'char', tokens: ['a', 'a'] })).toThrow(
      'vocabFromJSON: tokens[1] "a" appears twice, expected distinct tokens',
    );
    expect(() => vocabFromJSON({ level: 'word', tokens: ['a b'] })).toThrow(
      'vocabFromJSON: tokens[0] is "a b", expected a non-empty word without whitespace',
    );
    expect(() => new CharVocab(['x', 7 as never])).toThrow('CharVocab: tokens[1] is 7, expected a single character');
  });
});
