/**
 * Exercise 01 — one-hot: from text to the numbers a character-level RNN reads, as Karpathy's min-char-rnn.py does it:
 *
 *     chars = sorted(list(set(data)))                       # the vocabulary, V characters
 *     char_to_ix = { ch:i for i,ch in enumerate(chars) }
 *     ix_to_char = { i:ch for i,ch in enumerate(chars) }
 *     inputs  = [char_to_ix[ch] for ch in data[p:p+seq_length]]
 *     targets = [char_to_ix[ch] for ch in data[p+1:p+seq_length+1]]
 *     x = np.zeros((vocab_size, 1)); x[ix] = 1              # a one-hot column vector
 *
 * Legend: V vocabulary size, T sequence length (seq_length), p position in the text.
 * A "character" is one Unicode code point, as in Python 3 (an emoji is one character, not two UTF-16 halves).
 */
import { NotImplementedError, Tensor, zeros } from '@rnnlab/core';

/**
 * The vocabulary of a text: its distinct characters, each once, sorted by code point (Python's
 * `sorted(set(data))`). Iterate characters with `for (const ch of text)` or `[...text]`; sort with a comparator on
 * `codePointAt(0)` (a bare `.sort()` compares UTF-16 units, which orders some characters differently).
 * @param text any string
 * @returns the V distinct characters in ascending code-point order
 */
export function buildVocab(text: string): string[] {
  throw new NotImplementedError('01-one-hot: buildVocab is not implemented yet');
}

/**
 * char_to_ix: each character of the vocabulary mapped to its position.
 * @param chars the vocabulary from `buildVocab`, length V
 * @returns a Map with V entries, chars[i] → i
 */
export function buildCharToIx(chars: readonly string[]): Map<string, number> {
  throw new NotImplementedError('01-one-hot: buildCharToIx is not implemented yet');
}

/**
 * ix_to_char: each position of the vocabulary mapped to its character (the inverse of char_to_ix).
 * @param chars the vocabulary from `buildVocab`, length V
 * @returns a Map with V entries, i → chars[i]
 */
export function buildIxToChar(chars: readonly string[]): Map<number, string> {
  throw new NotImplementedError('01-one-hot: buildIxToChar is not implemented yet');
}

/**
 * The one-hot column vector of a character index: zeros except a 1 in row `ix`.
 * @param ix the character's index, an integer in [0, V)
 * @param vocabSize V
 * @returns a Tensor of shape [V, 1] (a column, as min-char-rnn's `x`)
 */
export function oneHot(ix: number, vocabSize: number): Tensor {
  throw new NotImplementedError('01-one-hot: oneHot is not implemented yet');
}

/**
 * The text as indices: one index per character (per code point), looked up in char_to_ix.
 * @param text a string whose characters are all in the vocabulary
 * @param charToIx the map from `buildCharToIx`
 * @returns the indices, one per character of `text`
 */
export function encode(text: string, charToIx: ReadonlyMap<string, number>): number[] {
  throw new NotImplementedError('01-one-hot: encode is not implemented yet');
}

/**
 * One training chunk at position p, as min-char-rnn takes it: the inputs are T characters starting at p, and the
 * targets are the characters that follow each input (the same window moved one place to the right).
 * @param ids the encoded text, at least p + T + 1 long
 * @param p where the chunk starts
 * @param seqLength T
 * @returns inputs = ids[p .. p+T−1] and targets = ids[p+1 .. p+T], each of length T
 */
export function chunkAt(ids: readonly number[], p: number, seqLength: number): { inputs: number[]; targets: number[] } {
  throw new NotImplementedError('01-one-hot: chunkAt is not implemented yet');
}
