/**
 * Vocabularies: the map between a corpus's tokens and the integer ids a language model sees (V = vocabulary size).
 *
 * - Character level (`CharVocab`), as min-char-rnn and char-rnn: the tokens are the distinct characters of the text,
 *   sorted by Unicode code point exactly as Python's `sorted(set(data))` does. A "character" is one code point
 *   (iterated with `for..of`, never by UTF-16 unit), so an emoji is one token, not two surrogate halves.
 * - Word level (`WordVocab`): the text is lower-cased and split on any run of whitespace (JavaScript's `\s`: spaces,
 *   tabs, newlines, carriage returns, Unicode spaces); empty tokens are dropped and the distinct words are sorted by
 *   code point (Python's `sorted(set(text.lower().split()))`). Decoding joins words with single spaces, so the
 *   original line breaks and punctuation spacing are not restored.
 *
 * Ids run 0..V-1 in token order. `toJSON()` / `vocabFromJSON()` store and restore a vocabulary inside a checkpoint.
 */
import { ValueError } from '../errors';

/** The stored form of a vocabulary (what `toJSON()` returns and `vocabFromJSON()` accepts). */
export interface VocabJSON {
  level: 'char' | 'word';
  /** Token i has id i. */
  tokens: string[];
}

/** What the language models need from a vocabulary, whatever its level. */
export interface Vocab {
  readonly level: 'char' | 'word';
  /** V, the number of tokens. */
  readonly size: number;
  /** The tokens in id order (token i has id i). */
  readonly tokens: readonly string[];
  /** Text → ids, shape [length]; throws a ValueError listing any tokens outside the vocabulary. */
  encode(input: string): Int32Array;
  /** Ids (each in [0, V)) → text. */
  decode(ids: ArrayLike<number>): string;
  /** `{ level, tokens }`, for checkpoints. */
  toJSON(): VocabJSON;
}

/** Compares two strings by code point, as Python compares `str` (JS `<` compares UTF-16 units instead). */
export function compareCodePoints(a: string, b: string): number {
  const ia = a[Symbol.iterator]();
  const ib = b[Symbol.iterator]();
  for (;;) {
    const ca = ia.next();
    const cb = ib.next();
    if (ca.done || cb.done) return (ca.done ? 0 : 1) - (cb.done ? 0 : 1);
    const d = (ca.value.codePointAt(0) as number) - (cb.value.codePointAt(0) as number);
    if (d !== 0) return d;
  }
}

/** Renders a token for an error message: `'é' (U+00E9)`, `'\n' (U+000A)`. */
function showChar(ch: string): string {
  const cp = (ch.codePointAt(0) as number).toString(16).toUpperCase().padStart(4, '0');
  return `'${JSON.stringify(ch).slice(1, -1)}' (U+${cp})`;
}

/** Lists the first `limit` items and says how many more there are. */
function listSome(items: string[], limit: number): string {
  const shown = items.slice(0, limit).join(', ');
  return items.length > limit ? `${shown}, ... (${items.length - limit} more)` : shown;
}

/** Shared checks for `decode`: every id an integer in [0, V). */
function checkIds(fn: string, ids: ArrayLike<number>, size: number): void {
  if (ids === null || typeof ids !== 'object' || typeof ids.length !== 'number') {
    throw new ValueError(`${fn}: ids must be an array of integers, got ${ids === null ? 'null' : typeof ids}`);
  }
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i];
    if (!Number.isInteger(id) || id < 0 || id >= size) {
      throw new ValueError(`${fn}: ids[${i}] is ${String(id)}, expected an integer in [0, ${size - 1}] (vocabulary size ${size})`);
    }
  }
}

function checkTokens(fn: string, tokens: unknown, level: 'char' | 'word'): string[] {
  if (!Array.isArray(tokens) || tokens.length === 0) {
    throw new ValueError(`${fn}: tokens must be a non-empty array of strings, got ${Array.isArray(tokens) ? 'an empty array' : typeof tokens}`);
  }
  const seen = new Set<string>();
  tokens.forEach((t, i) => {
    const ok = typeof t === 'string' && (level === 'char' ? Array.from(t).length === 1 : t.length > 0 && !/\s/.test(t));
    if (!ok) {
      const what = level === 'char' ? 'a single character' : 'a non-empty word without whitespace';
      throw new ValueError(`${fn}: tokens[${i}] is ${JSON.stringify(t)}, expected ${what}`);
    }
    if (seen.has(t)) throw new ValueError(`${fn}: tokens[${i}] ${JSON.stringify(t)} appears twice, expected distinct tokens`);
    seen.add(t);
  });
  return tokens as string[];
}

/** A character-level vocabulary: one token per distinct code point, sorted by code point. */
export class CharVocab implements Vocab {
  readonly level = 'char' as const;
  readonly tokens: readonly string[];
  private readonly ids: Map<string, number>;

  /** Wraps tokens in id order (each one code point, distinct); use `fromText` to build from a corpus. */
  constructor(tokens: readonly string[]) {
    this.tokens = Object.freeze([...checkTokens('CharVocab', tokens, 'char')]);
    this.ids = new Map(this.tokens.map((t, i) => [t, i]));
  }

  /** The distinct characters of `text`, sorted by code point (Python's `sorted(set(text))`). */
  static fromText(text: string): CharVocab {
    if (typeof text !== 'string' || text.length === 0) {
      throw new ValueError(`CharVocab.fromText: text is ${typeof text === 'string' ? 'empty' : typeof text}, expected a non-empty string`);
    }
    const distinct = [...new Set(text)];
    distinct.sort((a, b) => (a.codePointAt(0) as number) - (b.codePointAt(0) as number));
    return new CharVocab(distinct);
  }

  /** V, the number of distinct characters. */
  get size(): number {
    return this.tokens.length;
  }

  /** Text → ids, shape [number of code points]. Throws a ValueError listing the characters not in the vocabulary. */
  encode(text: string): Int32Array {
    if (typeof text !== 'string') throw new ValueError(`CharVocab.encode: text must be a string, got ${typeof text}`);
    const out = new Int32Array(text.length);
    let n = 0;
    let unknown: Set<string> | undefined;
    for (const ch of text) {
      const id = this.ids.get(ch);
      if (id === undefined) (unknown ??= new Set()).add(ch);
      else out[n++] = id;
    }
    if (unknown) {
      const list = listSome([...unknown].map(showChar), 20);
      throw new ValueError(
        `CharVocab.encode: text has ${unknown.size} character(s) not in the vocabulary: ${list}; ` +
          `expected only the ${this.size} characters of the training corpus`,
      );
    }
    return n === out.length ? out : out.slice(0, n);
  }

  /** Ids (each in [0, V)) → the string of their characters. */
  decode(ids: ArrayLike<number>): string {
    checkIds('CharVocab.decode', ids, this.size);
    let s = '';
    for (let i = 0; i < ids.length; i++) s += this.tokens[ids[i]];
    return s;
  }

  /** `{ level: 'char', tokens }` for a checkpoint; restore with `vocabFromJSON`. */
  toJSON(): VocabJSON {
    return { level: 'char', tokens: [...this.tokens] };
  }
}

/** Lower-cases and splits on whitespace, dropping empty tokens (the word-level tokenizer). */
export function splitWords(text: string): string[] {
  return text.toLowerCase().split(/\s+/).filter((w) => w.length > 0);
}

/** A word-level vocabulary: lower-cased whitespace-separated words, sorted by code point. */
export class WordVocab implements Vocab {
  readonly level = 'word' as const;
  readonly tokens: readonly string[];
  private readonly ids: Map<string, number>;

  /** Wraps words in id order (distinct, no whitespace); use `fromText` to build from a corpus. */
  constructor(tokens: readonly string[]) {
    this.tokens = Object.freeze([...checkTokens('WordVocab', tokens, 'word')]);
    this.ids = new Map(this.tokens.map((t, i) => [t, i]));
  }

  /** The distinct lower-cased words of `text`, sorted (Python's `sorted(set(text.lower().split()))`). */
  static fromText(text: string): WordVocab {
    if (typeof text !== 'string') throw new ValueError(`WordVocab.fromText: text must be a string, got ${typeof text}`);
    const distinct = [...new Set(splitWords(text))];
    if (distinct.length === 0) {
      throw new ValueError(`WordVocab.fromText: text has no words (it is empty or only whitespace), expected at least one word`);
    }
    distinct.sort(compareCodePoints);
    return new WordVocab(distinct);
  }

  /** V, the number of distinct words. */
  get size(): number {
    return this.tokens.length;
  }

  /**
   * A text (lower-cased and split on whitespace) or a list of words (each lower-cased) → ids, shape [number of
   * words]. Throws a ValueError listing (up to 10 of) the words not in the vocabulary.
   */
  encode(input: string | readonly string[]): Int32Array {
    let words: string[];
    if (typeof input === 'string') words = splitWords(input);
    else if (Array.isArray(input) && input.every((w) => typeof w === 'string')) words = input.map((w) => w.toLowerCase());
    else throw new ValueError(`WordVocab.encode: input must be a string or an array of strings, got ${typeof input}`);
    const out = new Int32Array(words.length);
    const unknown = new Set<string>();
    words.forEach((w, i) => {
      const id = this.ids.get(w);
      if (id === undefined) unknown.add(w);
      else out[i] = id;
    });
    if (unknown.size > 0) {
      const list = listSome([...unknown].map((w) => JSON.stringify(w)), 10);
      throw new ValueError(
        `WordVocab.encode: input has ${unknown.size} word(s) not in the vocabulary: ${list}; ` +
          `expected only the ${this.size} words of the training corpus`,
      );
    }
    return out;
  }

  /** Ids (each in [0, V)) → the words joined with single spaces. */
  decode(ids: ArrayLike<number>): string {
    checkIds('WordVocab.decode', ids, this.size);
    const words = new Array<string>(ids.length);
    for (let i = 0; i < ids.length; i++) words[i] = this.tokens[ids[i]];
    return words.join(' ');
  }

  /** `{ level: 'word', tokens }` for a checkpoint; restore with `vocabFromJSON`. */
  toJSON(): VocabJSON {
    return { level: 'word', tokens: [...this.tokens] };
  }
}

/** Restores a vocabulary stored with `toJSON()` (ids are kept exactly as stored). */
export function vocabFromJSON(json: VocabJSON): CharVocab | WordVocab {
  if (json === null || typeof json !== 'object') {
    throw new ValueError(`vocabFromJSON: json must be an object { level, tokens }, got ${json === null ? 'null' : typeof json}`);
  }
  if (json.level === 'char') return new CharVocab(checkTokens('vocabFromJSON', json.tokens, 'char'));
  if (json.level === 'word') return new WordVocab(checkTokens('vocabFromJSON', json.tokens, 'word'));
  throw new ValueError(`vocabFromJSON: level is ${JSON.stringify(json.level)}, expected 'char' or 'word'`);
}
