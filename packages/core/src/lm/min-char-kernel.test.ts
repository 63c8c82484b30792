import { describe, expect, it } from 'vitest';
import { TWIN_TOLERANCE, twinDifference } from '../../test-support';
import { RandomState } from '../random';
import { Tensor } from '../tensor/tensor';
import { adagradUpdate } from '../optim/adagrad';
import { MinCharKernel } from './min-char-kernel';
import { EXACT_MATH, FAST_MATH, lossFunReadable, probabilities, hiddenStep } from './min-char-readable';

// min-char-rnn's WebAssembly kernels against the readable port: bit for bit with numpy's exp/tanh (exact), to 1e-12
// with the fast ones; the numpy replay itself is min-char-rnn.test.ts.
const [H, V, T] = [13, 7, 6]; // odd sizes: every vector loop has a scalar tail

function setup(exact: boolean, seed: number) {
  const rng = new RandomState(seed);
  const kernel = new MinCharKernel(H, V, T, exact);
  for (const [name, scale] of [['Wxh', 0.5], ['Whh', 0.3], ['Why', 0.8], ['bh', 0.1], ['by', 0.1]] as const) {
    const a = kernel.params[name];
    a.set(rng.randn(a.length).data.map((v) => v * scale));
  }
  const ids = (n: number) => Int32Array.from(rng.randint(0, V, n).data);
  return { kernel, xs: ids(T), ys: ids(T), hprev: rng.randn(H).data.map((v) => 0.5 * v) };
}

describe.each([true, false])('MinCharKernel (exact %s) equals the readable port', (exact) => {
  const math = exact ? EXACT_MATH : FAST_MATH;
  const agree = (fast: Float64Array, slow: Float64Array) =>
    exact ? expect(Array.from(fast)).toEqual(Array.from(slow)) : expect(twinDifference(new Tensor(fast, [fast.length]), new Tensor(slow, [slow.length]))).toBeLessThan(TWIN_TOLERANCE.float64);

  it('lossFun: loss, every gradient and h_{T−1}', () => {
    const { kernel, xs, ys, hprev } = setup(exact, 1);
    const slow = lossFunReadable(kernel.params, H, V, xs, ys, hprev, math);
    const fast = kernel.lossFun(xs, ys, hprev);
    if (exact) expect(fast.loss).toBe(slow.loss);
    else expect(Math.abs(fast.loss - slow.loss) / slow.loss).toBeLessThan(1e-12);
    for (const name of ['Wxh', 'Whh', 'Why', 'bh', 'by'] as const) agree(fast.grads[name], slow.grads[name]);
    agree(fast.hLast, slow.hs.subarray(T * H));
  });

  it('a chunk longer than the buffers goes to the readable port', () => {
    const { kernel, hprev } = setup(exact, 2);
    const long = Int32Array.from({ length: T + 3 }, (_, i) => i % V);
    const slow = lossFunReadable(kernel.params, H, V, long, long, hprev, math);
    expect(kernel.lossFun(long, long, hprev).loss).toBe(slow.loss);
  });

  it('sampling steps: each p from the fed id and the carried h', () => {
    const { kernel, hprev } = setup(exact, 3);
    const step = kernel.sampler(hprev);
    const h = new Float64Array(2 * H);
    h.set(hprev);
    const p = new Float64Array(V);
    for (const x of [3, 0, 6, 6, 1]) {
      hiddenStep(kernel.params, H, V, x, h, 0, h, H, math);
      probabilities(kernel.params, H, V, h, H, p, 0, math);
      h.copyWithin(0, H);
      agree(step(x).slice(), p);
    }
  });

  it('gradsFinite tells a NaN gradient apart', () => {
    const { kernel, xs, ys, hprev } = setup(exact, 4);
    const r = kernel.lossFun(xs, ys, hprev);
    expect(kernel.gradsFinite(r.grads)).toBe(true);
    r.grads.Whh[5] = NaN;
    expect(kernel.gradsFinite(r.grads)).toBe(false);
  });
});

describe('MinCharKernel exact mode outside numpy’s main exp path', () => {
  it('redoes a chunk whose scores reach |y| ≥ 707.7 on the readable port (numpy’s scalar exp), bit for bit', () => {
    const { kernel, xs, ys, hprev } = setup(true, 5);
    kernel.params.by[2] = 720; // exp(720) overflows: numpy's scalar path, not SVML's vector one
    const slow = lossFunReadable(kernel.params, H, V, xs, ys, hprev, EXACT_MATH);
    const fast = kernel.lossFun(xs, ys, hprev);
    expect(fast.loss).toBe(slow.loss);
    expect(Array.from(fast.grads.Why)).toEqual(Array.from(slow.grads.Why));
  });
});

describe('MinCharKernel.adagrad', () => {
  it('is the optimizer’s adagradUpdate (clip, mem += g², p −= lr·g/√(mem + 1e-8)) bit for bit', () => {
    const { kernel, xs, ys, hprev } = setup(true, 6);
    const grads = kernel.lossFun(xs, ys, hprev).grads;
    grads.Why[0] = 9; // beyond the clip
    grads.Why[1] = -7;
    const names = ['Wxh', 'Whh', 'Why', 'bh', 'by'] as const;
    const expected = names.map((n) => {
      const [p, m] = [kernel.params[n].slice(), kernel.memory[n].slice().fill(0.5)];
      adagradUpdate(p, grads[n], m, 0.1, 1e-8, 5);
      return p;
    });
    for (const n of names) kernel.memory[n].fill(0.5);
    kernel.adagrad(grads, 0.1, 5);
    names.forEach((n, i) => expect(Array.from(kernel.params[n]), n).toEqual(Array.from(expected[i])));
  });
});
