/**
 * Sampling text from a trained language model, one token at a time, with the controls char-rnn's sample.lua and the
 * course notebooks offer: temperature, argmax (greedy), top-k, a priming text, a length and a seeded generator.
 *
 *     p = softmax(logits / temperature)  →  keep the k most likely (top-k)  →  draw with rng.choice(V, p)  (or argmax)
 *
 * The draw is numpy's `np.random.choice(range(V), p=p)`, so a seeded sample equals the numpy course code's.
 */
import { ValueError } from '../errors';
import { RandomState } from '../random';
import { checkInteger } from '../tensor/check';

/** A model seen one token at a time: feed a token id, get the scores (logits) of the next one. */
export interface TokenStepper {
  readonly vocabSize: number;
  /** Consumes one token and returns the unnormalised scores [V] of the next. */
  step(id: number): Float64Array;
}

/** How to sample. */
export interface SamplingOptions {
  /** Number of tokens to generate (not counting the prime). */
  length: number;
  /** Divides the logits: < 1 is more conservative, > 1 more random. Default 1. */
  temperature?: number;
  /** Sample only among the k most likely tokens. */
  topK?: number;
  /** Always take the most likely token (no randomness). */
  argmax?: boolean;
  /** Token ids fed before generating (the text continues them); default [0]. */
  prime?: readonly number[];
  /** The generator for every draw. */
  rng: RandomState;
}

/** Checks sampling options against a vocabulary size, naming the bad option. */
export function checkSamplingOptions(fn: string, options: SamplingOptions, vocabSize: number): void {
  checkInteger(fn, 'length', options.length, 0);
  const { temperature = 1, topK } = options;
  if (typeof temperature !== 'number' || !(temperature > 0) || !Number.isFinite(temperature)) {
    throw new ValueError(`${fn}: temperature is ${String(temperature)}, expected a positive finite number`);
  }
  if (topK !== undefined) checkInteger(fn, 'topK', topK, 1, vocabSize);
  if (!(options.rng instanceof RandomState)) throw new ValueError(`${fn}: rng must be a RandomState`);
  options.prime?.forEach((id, i) => {
    if (!Number.isInteger(id) || id < 0 || id >= vocabSize) {
      throw new ValueError(`${fn}: prime[${i}] is ${id}, expected a token id in [0, ${vocabSize - 1}]`);
    }
  });
}

/**
 * Probabilities of the next token from its logits: softmax(logits / temperature), restricted to the top k and
 * renormalised when topK is given. Computed as exp((logit − max) / temperature), so it is stable for large logits
 * and for any positive temperature: a tiny one (1e-320) gives the argmax, not ∞ − ∞ = NaN.
 */
export function nextTokenProbabilities(logits: Float64Array, temperature = 1, topK?: number): Float64Array {
  const V = logits.length;
  const p = new Float64Array(V);
  let max = -Infinity;
  for (let i = 0; i < V; i++) max = Math.max(max, logits[i]);
  let cutoff = -Infinity;
  if (topK !== undefined && topK < V) {
    cutoff = Float64Array.from(logits).sort()[V - topK];
  }
  let total = 0;
  for (let i = 0; i < V; i++) {
    p[i] = logits[i] >= cutoff ? Math.exp((logits[i] - max) / temperature) : 0;
    total += p[i];
  }
  for (let i = 0; i < V; i++) p[i] /= total;
  return p;
}

/** Index of the largest logit (first on ties). */
function argmaxOf(values: Float64Array): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if (values[i] > values[best]) best = i;
  return best;
}

/**
 * Generates `length` token ids from `model` after feeding the prime (not part of the result). Without a prime the
 * model is fed token 0 — for characters the first in sorted order, usually the newline, so a sample starts like a
 * line — so that greedy decoding (argmax, or top-k 1) involves no randomness at all.
 */
export function sampleTokens(model: TokenStepper, options: SamplingOptions): number[] {
  checkSamplingOptions('sampleTokens', options, model.vocabSize);
  const { length, temperature = 1, topK, argmax = false, rng } = options;
  const prime = options.prime !== undefined && options.prime.length > 0 ? options.prime : [0];
  let logits: Float64Array = new Float64Array(0);
  for (const id of prime) logits = model.step(id);
  const out: number[] = [];
  for (let t = 0; t < length; t++) {
    const id = argmax ? argmaxOf(logits) : rng.choice(model.vocabSize, nextTokenProbabilities(logits, temperature, topK));
    out.push(id);
    if (t < length - 1) logits = model.step(id);
  }
  return out;
}
