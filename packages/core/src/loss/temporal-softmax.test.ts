import { describe, expect, it } from 'vitest';
import { scaledDiff } from '../../test-support';
import { ShapeError, ValueError } from '../errors';
import { evalNumericalGradient, relError } from '../gradcheck/numerical';
import fixtureFile from '../layers/fixtures/affine_loss_fixtures.json';
import { RandomState } from '../random';
import { scale } from '../tensor/ops';
import { NestedArray, Tensor, linspace, ones, tensor, zeros } from '../tensor/tensor';
import { temporalSoftmaxLoss } from './temporal-softmax';

// Golden values from numpy 1.24 with cs231n's temporal_softmax_loss (verbatim), made with
//   cd packages/core/src/layers/fixtures && /usr/bin/python3 make_affine_loss_fixtures.py > affine_loss_fixtures.json
// The sanity cases are cs231n's check_loss with numpy.random.RandomState(seed) draws, which core's RandomState repeats.
interface Sanity { seed: number; N: number; T: number; V: number; p: number; loss: number; ySum: number; maskSum: number }
const fixtures = fixtureFile as unknown as {
  temporalSoftmaxLoss: { inputs: Record<string, NestedArray>; outputs: { loss: number; dx: NestedArray; lossNoMask: number; dxNoMask: NestedArray } };
  temporalSoftmaxSanity: Sanity[];
};

const close = (actual: number, expected: number) => Math.abs(actual - expected) / (1 + Math.abs(expected));

describe('temporalSoftmaxLoss against numpy (cs231n)', () => {
  const { inputs, outputs } = fixtures.temporalSoftmaxLoss;
  const [N, T, V] = [2, 3, 4];
  const x = linspace(-2, 3, N * T * V).reshape([N, T, V]);
  const y = tensor([[1, 3, 0], [2, 2, 1]]);
  const mask = tensor([[1, 1, 0], [1, 0, 1]]);

  it('rebuilds the fixture inputs', () => {
    expect([x.toArray(), y.toArray(), mask.toArray()]).toEqual([inputs.x, inputs.y, inputs.mask]);
  });

  const masked = temporalSoftmaxLoss(x, y, mask);
  const full = temporalSoftmaxLoss(x, y);
  const diffs = [
    { name: 'loss with a partial mask', diff: close(masked.loss, outputs.loss) },
    { name: 'dx with a partial mask', diff: scaledDiff(masked.dx, outputs.dx) },
    { name: 'loss without a mask', diff: close(full.loss, outputs.lossNoMask) },
    { name: 'dx without a mask', diff: scaledDiff(full.dx, outputs.dxNoMask) },
  ];
  for (const { name, diff } of diffs) {
    it(`${name} matches numpy (max |diff|/(1+|v|) ${diff.toExponential(2)})`, () => expect(diff).toBeLessThanOrEqual(1e-12));
  }

  it('treats an all-ones mask like no mask', () => {
    const withOnes = temporalSoftmaxLoss(x, y, ones([N, T]));
    expect(withOnes.loss).toBe(full.loss);
    expect(Array.from(withOnes.dx.data)).toEqual(Array.from(full.dx.data));
  });
});

describe('temporalSoftmaxLoss sanity checks (cs231n check_loss)', () => {
  for (const c of fixtures.temporalSoftmaxSanity) {
    it(`N=${c.N}, T=${c.T}, V=${c.V}, mask p=${c.p}: loss ≈ ${c.loss.toFixed(2)} as numpy (≈ T·log V for near-uniform scores)`, () => {
      const rng = new RandomState(c.seed);
      const x = scale(rng.randn(c.N, c.T, c.V), 0.001);
      const y = rng.randint(c.V, undefined, [c.N, c.T]);
      const u = rng.rand(c.N, c.T);
      const mask = new Tensor(u.data.map((v) => (v <= c.p ? 1 : 0)), u.shape);
      expect(y.data.reduce((a, b) => a + b, 0)).toBe(c.ySum);
      expect(mask.data.reduce((a, b) => a + b, 0)).toBe(c.maskSum);
      const { loss } = temporalSoftmaxLoss(x, y, mask);
      expect(close(loss, c.loss)).toBeLessThan(1e-12);
      expect(loss).toBeCloseTo((c.T * Math.log(c.V) * c.maskSum) / (c.N * c.T), 1);
    });
  }
});

describe('temporalSoftmaxLoss gradient and masking', () => {
  const rng = new RandomState(231);
  const [N, T, V] = [4, 5, 6];
  const x = rng.randn(N, T, V);
  const y = rng.randint(V, undefined, [N, T]);
  const u = rng.rand(N, T);
  const mask = new Tensor(u.data.map((v) => (v < 0.6 ? 1 : 0)), u.shape);
  const { dx } = temporalSoftmaxLoss(x, y, mask);
  const error = relError(dx, evalNumericalGradient(() => temporalSoftmaxLoss(x, y, mask).loss, x));
  it(`dx matches the numerical gradient with a partial mask (rel error ${error.toExponential(2)})`, () => {
    expect(error).toBeLessThan(1e-7);
  });

  it('gives masked steps zero gradient and ignores their scores', () => {
    const before = temporalSoftmaxLoss(x, y, mask).loss;
    const changed = x.clone();
    for (let i = 0; i < N * T; i++) {
      if (mask.data[i] === 1) continue;
      for (let v = 0; v < V; v++) {
        expect(dx.data[i * V + v]).toBe(0);
        changed.data[i * V + v] = 1e6 * (v + 1);
      }
    }
    expect(temporalSoftmaxLoss(changed, y, mask).loss).toBe(before);
  });

  it('is stable for large scores: shifting a row leaves loss and dx unchanged, and nothing overflows', () => {
    const shifted = x.clone();
    for (let i = 0; i < shifted.size; i++) shifted.data[i] += 1000;
    const a = temporalSoftmaxLoss(x, y);
    const b = temporalSoftmaxLoss(shifted, y);
    expect(b.loss).toBeCloseTo(a.loss, 9);
    expect(relError(a.dx, b.dx)).toBeLessThan(1e-9);
    const huge = temporalSoftmaxLoss(tensor([[[800, -800, 0]]]), tensor([[1]]));
    expect(huge.loss).toBeCloseTo(1600, 9); // −log p[1] where p[1] = e^−1600 underflows to 0
    expect(huge.dx.toArray()).toEqual([[[1, -1, 0]]]);
  });
});

describe('temporalSoftmaxLoss argument errors', () => {
  const x = zeros([2, 3, 4]);
  const y = zeros([2, 3]);

  it('rejects x, y and mask of the wrong shapes', () => {
    expect(() => temporalSoftmaxLoss(zeros([2, 4]), y)).toThrow(
      new ShapeError('temporalSoftmaxLoss: x has shape [2, 4], expected [N, T, V] (rank 3)'),
    );
    expect(() => temporalSoftmaxLoss(x, zeros([2, 4]))).toThrow(
      'temporalSoftmaxLoss: y has shape [2, 4], expected [N, T] = [2, 3] (T from x)',
    );
    expect(() => temporalSoftmaxLoss(x, y, zeros([3, 3]))).toThrow(
      'temporalSoftmaxLoss: mask has shape [3, 3], expected [N, T] = [2, 3] (N from x)',
    );
    expect(() => temporalSoftmaxLoss(x, [[0]] as never)).toThrow('temporalSoftmaxLoss: y must be a Tensor, got an array');
    expect(() => temporalSoftmaxLoss(zeros([0, 3, 4]), zeros([0, 3]))).toThrow(
      new ShapeError('temporalSoftmaxLoss: x has shape [0, 3, 4], expected N ≥ 1 and V ≥ 1 (the loss is averaged over N)'),
    );
  });

  it('rejects ids outside [0, V) and non-integer ids, naming the position', () => {
    const bad = y.clone();
    bad.set(4, 1, 2);
    expect(() => temporalSoftmaxLoss(x, bad)).toThrow(
      new ValueError('temporalSoftmaxLoss: y[1, 2] is 4, expected an integer id in [0, 3] (V = 4 from x)'),
    );
    bad.set(0.5, 0, 1);
    expect(() => temporalSoftmaxLoss(x, bad)).toThrow('temporalSoftmaxLoss: y[0, 1] is 0.5');
  });

  it('rejects mask values other than 0 and 1 and non-finite scores', () => {
    const mask = ones([2, 3]);
    mask.set(0.5, 1, 1);
    expect(() => temporalSoftmaxLoss(x, y, mask)).toThrow(
      new ValueError('temporalSoftmaxLoss: mask[1, 1] is 0.5, expected 0 or 1'),
    );
    const nan = x.clone();
    nan.data[5] = NaN;
    expect(() => temporalSoftmaxLoss(nan, y)).toThrow(
      new ValueError('temporalSoftmaxLoss: x has a non-finite value NaN at flat index 5, expected finite numbers'),
    );
  });
});
