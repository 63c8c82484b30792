import { describe, expect, it } from 'vitest';
import { ValueError } from '../errors';
import { RandomState } from '../random';
import { nextTokenProbabilities, sampleTokens } from './sampling';
import type { TokenStepper } from './sampling';

/** A stepper with fixed logits that records what it was fed. */
function fixedModel(logits: number[]): TokenStepper & { fed: number[] } {
  const fed: number[] = [];
  return { vocabSize: logits.length, fed, step: (id) => (fed.push(id), Float64Array.from(logits)) };
}

describe('nextTokenProbabilities', () => {
  const logits = Float64Array.from([1, 2, 3, 0.5]);

  it('is the softmax of logits / temperature', () => {
    const t = 0.5;
    const e = Array.from(logits, (v) => Math.exp(v / t));
    const total = e.reduce((a, b) => a + b, 0);
    Array.from(nextTokenProbabilities(logits, t)).forEach((p, i) => expect(p).toBeCloseTo(e[i] / total, 15));
  });

  it('keeps only the k most likely tokens, renormalised', () => {
    const p = nextTokenProbabilities(logits, 1, 2);
    expect(p[0]).toBe(0);
    expect(p[3]).toBe(0);
    expect(p[1] + p[2]).toBeCloseTo(1, 15);
    expect(p[2] / p[1]).toBeCloseTo(Math.E, 12);
  });

  // Issue 9: `--temperature 1e-320` made logits / T overflow to ∞ and ∞ − ∞ = NaN ("choice: p contains NaN").
  it('is the argmax (ties shared) for a temperature so small that logits / temperature overflow', () => {
    expect(Array.from(nextTokenProbabilities(Float64Array.from([0.5, 2, -1, 2]), 1e-320))).toEqual([0, 0.5, 0, 0.5]);
    expect(Array.from(nextTokenProbabilities(Float64Array.from([1e-300, 0]), 5e-324))).toEqual([1, 0]);
  });

  it('is uniform for a temperature so large that logits / temperature vanish', () => {
    expect(Array.from(nextTokenProbabilities(Float64Array.from([3, -2, 7]), 1e308))).toEqual([1 / 3, 1 / 3, 1 / 3]);
  });

  it('stays finite for huge logits', () => {
    const p = nextTokenProbabilities(Float64Array.from([1000, 999]), 0.01);
    expect(Array.from(p).every(Number.isFinite)).toBe(true);
  });
});

describe('sampleTokens', () => {
  it('draws with rng.choice(V, p), so a seeded sample equals numpy-style choice draws', () => {
    const model = fixedModel([0, 1, 2]);
    const p = nextTokenProbabilities(Float64Array.from([0, 1, 2]));
    const rng = new RandomState(3);
    const expected = Array.from({ length: 10 }, () => rng.choice(3, p));
    expect(sampleTokens(model, { length: 10, prime: [0], rng: new RandomState(3) })).toEqual(expected);
  });

  it('feeds the prime, then every generated token but the last', () => {
    const model = fixedModel([0, 5, 0]);
    const out = sampleTokens(model, { length: 3, prime: [2, 0], argmax: true, rng: new RandomState(0) });
    expect(out).toEqual([1, 1, 1]);
    expect(model.fed).toEqual([2, 0, 1, 1]);
  });

  it('feeds token 0 when there is no prime, so argmax needs no randomness', () => {
    const model = fixedModel([0, 3, 1, 0]);
    expect(sampleTokens(model, { length: 2, argmax: true, rng: new RandomState(8) })).toEqual([1, 1]);
    expect(model.fed).toEqual([0, 1]);
    expect(sampleTokens(fixedModel([0, 3, 1, 0]), { length: 2, topK: 1, rng: new RandomState(9) })).toEqual([1, 1]);
  });

  it('gives the same text for the same seed and (almost surely) another for another seed', () => {
    const model = fixedModel([0.1, 0.2, 0.3, 0.4, 0.5]);
    const a = sampleTokens(model, { length: 50, prime: [0], rng: new RandomState(1) });
    expect(sampleTokens(model, { length: 50, prime: [0], rng: new RandomState(1) })).toEqual(a);
    expect(sampleTokens(model, { length: 50, prime: [0], rng: new RandomState(2) })).not.toEqual(a);
  });

  it('rejects bad options, naming them', () => {
    const model = fixedModel([0, 1]);
    const rng = new RandomState(0);
    expect(() => sampleTokens(model, { length: -1, rng })).toThrow('sampleTokens: length is -1, expected an integer >= 0');
    expect(() => sampleTokens(model, { length: 1, temperature: 0, rng })).toThrow(
      'sampleTokens: temperature is 0, expected a positive finite number',
    );
    expect(() => sampleTokens(model, { length: 1, topK: 3, rng })).toThrow('sampleTokens: topK is 3, expected an integer in [1, 2]');
    expect(() => sampleTokens(model, { length: 1, prime: [2], rng })).toThrow('sampleTokens: prime[0] is 2, expected a token id in [0, 1]');
    expect(() => sampleTokens(model, { length: 1, rng: Math as never })).toThrow(ValueError);
  });
});
