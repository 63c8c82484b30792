/**
 * Twins (instructors only, not released, not graded): core's gradient checking (gradcheck/numerical.ts, sparse.ts)
 * agrees with this exercise's readable reference on the checks' own inputs, to 1e-12.
 */
import {
  MinCharRnn, RandomState, clipGradsElementwise, evalNumericalGradient, evalNumericalGradientArray, linspace, matmul, mul, relError,
  sparseGradCheck, sum, tanh, tensor, zeros,
} from '@rnnlab/core';
import type { Tensor } from '@rnnlab/core';
import { describe, expect, it } from 'vitest';
import fixtures from './fixtures/gradient_check.json';
import * as reference from './solution';

const W = linspace(-1, 1, 12).reshape([4, 3]);
const tanhCubic = (x: Tensor) => sum(mul(tanh(x), mul(x, x)));
const affineTanh = (x: Tensor) => tanh(matmul(x, W));

function minCharRnnLoss(clip: boolean) {
  const { inputs, targets } = fixtures.sparse;
  return (params: reference.ParamMap) => {
    const [H, V] = params.Wxh.shape;
    const model = new MinCharRnn({ data: [0, 0, 0], vocabSize: V, hiddenSize: H, seqLength: 1, seed: 0 });
    for (const name of Object.keys(params)) model.params[name as keyof typeof model.params].data.set(params[name].data);
    const { loss, grads } = model.lossFun(inputs, targets, zeros([H, 1]));
    if (clip) clipGradsElementwise(grads, 5);
    return { loss, grads };
  };
}

describe('core’s gradient checking and the readable reference agree', () => {
  it('evalNumericalGradient and evalNumericalGradientArray', () => {
    const x = tensor(fixtures.scalar.x);
    expect(relError(evalNumericalGradient(tanhCubic, x, 1e-2), reference.evalNumericalGradient(tanhCubic, x, 1e-2))).toBeLessThan(1e-12);
    const xs = tensor(fixtures.array.x);
    const df = tensor(fixtures.array.df);
    expect(relError(evalNumericalGradientArray(affineTanh, xs, df), reference.evalNumericalGradientArray(affineTanh, xs, df))).toBeLessThan(1e-12);
  });

  it('relError', () => {
    const { dense, tiny } = fixtures.relError;
    for (const { a, b } of [dense, tiny]) expect(reference.relError(tensor(a), tensor(b))).toBe(relError(tensor(a), tensor(b)));
  });

  it('sparseGradCheck picks the same entries and finds the same gradients, clipped or not', () => {
    for (const clip of [false, true]) {
      const params = () => Object.fromEntries(Object.entries(fixtures.sparse.params).map(([k, v]) => [k, tensor(v)]));
      const loss = minCharRnnLoss(clip);
      const mine = reference.sparseGradCheck({ params: params(), loss, rng: new RandomState(42) });
      const coreParams = params();
      const theirs = sparseGradCheck({ params: coreParams, loss: () => loss(coreParams), rng: new RandomState(42) });
      expect(mine.rows).toEqual(theirs.rows.map(({ param, index, numerical, analytic, relError: e }) => ({ param, index, numerical, analytic, relError: e })));
      expect(mine.maxRelError).toBe(theirs.maxRelError);
    }
  });
});
