import { describe, expect, it } from 'vitest';
import { TWIN_TOLERANCE, twinDifference } from '../../test-support';
import { RandomState } from '../random';
import { Tensor } from '../tensor/tensor';
import { esnRecurrence, esnRecurrenceBackward, esnRecurrenceBackwardReadable, esnRecurrenceReadable } from './esn-recurrence';
import { gruRecurrence, gruRecurrenceBackward, gruRecurrenceBackwardReadable, gruRecurrenceReadable } from './gru-recurrence';
import {
  lstmRecurrence, lstmRecurrenceBackward, lstmRecurrenceBackwardReadable, lstmRecurrenceReadable,
} from './lstm-recurrence';
import { rnnRecurrence, rnnRecurrenceBackward, rnnRecurrenceBackwardReadable, rnnRecurrenceReadable } from './rnn-recurrence';

// Each fast recurrence (WebAssembly GEMM + fused gate kernel) against its readable twin: forward results and backward
// gradients, in float64 (1e-12 of each tensor's scale) and float32 (float32 rounding), on sizes whose H is and is
// not a multiple of the vector width, from non-zero initial states.
const PRECISIONS = ['float64', 'float32'] as const;
const SIZES = [[3, 6, 7, 5], [4, 5, 9, 16]] as const;

/** Random inputs of the given shapes, scaled so that the gates are neither saturated nor linear. */
function inputs(seed: number, N: number, T: number, D: number, H: number, G: number) {
  const rng = new RandomState(seed);
  const scaled = (t: Tensor, s: number) => new Tensor(t.data.map((v) => v * s), t.shape);
  return {
    x: rng.randn(N, T, D), h0: scaled(rng.randn(N, H), 0.5), c0: rng.randn(N, H),
    Wx: scaled(rng.randn(D, G), 0.4), Wh: scaled(rng.randn(H, G), 0.4), b: rng.randn(G), b2: rng.randn(G),
    dh: rng.randn(N, T, H), dcT: rng.randn(N, H),
  };
}

/** A one-hot x [N, T, D] (the language models' first layer: the sparse products). */
function oneHotLike(x: Tensor): Tensor {
  const [N, T, D] = x.shape;
  return new Tensor(Float64Array.from({ length: N * T * D }, (_, i) => (i % D === Math.floor(i / D) % D ? 1 : 0)), [N, T, D]);
}

const worst = (pairs: [Tensor, Tensor][]) => Math.max(...pairs.map(([fast, readable]) => twinDifference(fast, readable)));

describe.each(SIZES)('N %i, T %i, D %i, H %i: each fast recurrence equals its readable twin', (N, T, D, H) => {
  it.each(PRECISIONS)('LSTM in %s: h, c, gates, tanhC; dx, dh0, dc0, dWx, dWh, db', (precision) => {
    const { x, h0, c0, Wx, Wh, b, dh, dcT } = inputs(1, N, T, D, H, 4 * H);
    const [fast, slow] = [lstmRecurrence(x, h0, c0, Wx, Wh, b, precision), lstmRecurrenceReadable(x, h0, c0, Wx, Wh, b)];
    const gf = lstmRecurrenceBackward(dh, dcT, { x, h0, c0, Wx, Wh, ...fast }, precision, true);
    const gs = lstmRecurrenceBackwardReadable(dh, dcT, { x, h0, c0, Wx, Wh, ...slow });
    const names = ['h', 'c', 'gates', 'tanhC'] as const;
    const grads = ['dx', 'dh0', 'dc0', 'dWx', 'dWh', 'db'] as const;
    expect(worst([...names.map((k) => [fast[k], slow[k]] as [Tensor, Tensor]), ...grads.map((k) => [gf[k], gs[k]] as [Tensor, Tensor])]))
      .toBeLessThan(TWIN_TOLERANCE[precision]);
  });

  it.each(PRECISIONS)('vanilla RNN (tanh and sigmoid) in %s: h; dx, dh0, dWx, dWh, db', (precision) => {
    const { x, h0, Wx, Wh, b, dh } = inputs(2, N, T, D, H, H);
    for (const activation of ['tanh', 'sigmoid'] as const) {
      const [fast, slow] = [rnnRecurrence(x, h0, Wx, Wh, b, activation, precision), rnnRecurrenceReadable(x, h0, Wx, Wh, b, activation)];
      const gf = rnnRecurrenceBackward(dh, { x, h0, Wx, Wh, h: fast }, activation, precision, true);
      const gs = rnnRecurrenceBackwardReadable(dh, { x, h0, Wx, Wh, h: slow }, activation);
      expect(worst([[fast, slow], ...(['dx', 'dh0', 'dWx', 'dWh', 'db'] as const).map((k) => [gf[k], gs[k]] as [Tensor, Tensor])]), activation)
        .toBeLessThan(TWIN_TOLERANCE[precision]);
    }
  });

  it.each(PRECISIONS)('GRU in %s: h, gates, hn; dx, dh0, dWx, dWh, dbx, dbh', (precision) => {
    const { x, h0, Wx, Wh, b: bx, b2: bh, dh } = inputs(3, N, T, D, H, 3 * H);
    const [fast, slow] = [gruRecurrence(x, h0, Wx, Wh, bx, bh, precision), gruRecurrenceReadable(x, h0, Wx, Wh, bx, bh)];
    const gf = gruRecurrenceBackward(dh, { x, h0, Wx, Wh, ...fast }, precision, true);
    const gs = gruRecurrenceBackwardReadable(dh, { x, h0, Wx, Wh, ...slow });
    expect(worst([[fast.h, slow.h], [fast.gates, slow.gates], [fast.hn, slow.hn],
      ...(['dx', 'dh0', 'dWx', 'dWh', 'dbx', 'dbh'] as const).map((k) => [gf[k], gs[k]] as [Tensor, Tensor])])).toBeLessThan(TWIN_TOLERANCE[precision]);
  });

  it.each(PRECISIONS)('echo state network (leak 0.3 and 1) in %s: h, h̃; dx, dh0, dWin, dW, db', (precision) => {
    const { x, h0, Wx: Win, Wh: W, b, dh } = inputs(4, N, T, D, H, H);
    for (const leak of [0.3, 1]) {
      const [fast, slow] = [esnRecurrence(x, h0, Win, W, b, leak, precision), esnRecurrenceReadable(x, h0, Win, W, b, leak)];
      const gf = esnRecurrenceBackward(dh, { x, h0, Win, W, ...fast }, leak, precision, true);
      const gs = esnRecurrenceBackwardReadable(dh, { x, h0, Win, W, ...slow }, leak);
      expect(worst([[fast.h, slow.h], [fast.htilde, slow.htilde],
        ...(['dx', 'dh0', 'dWin', 'dW', 'db'] as const).map((k) => [gf[k], gs[k]] as [Tensor, Tensor])]), `leak ${leak}`)
        .toBeLessThan(TWIN_TOLERANCE[precision]);
    }
  });
});

describe.each(PRECISIONS)('with a one-hot input (zeros skipped) in %s', (precision) => {
  it('the LSTM recurrence still equals its readable twin', () => {
    const [N, T, D, H] = [3, 5, 7, 6];
    const r = inputs(5, N, T, D, H, 4 * H);
    const x = oneHotLike(r.x);
    const [fast, slow] = [lstmRecurrence(x, r.h0, r.c0, r.Wx, r.Wh, r.b, precision), lstmRecurrenceReadable(x, r.h0, r.c0, r.Wx, r.Wh, r.b)];
    const gf = lstmRecurrenceBackward(r.dh, r.dcT, { x, h0: r.h0, c0: r.c0, Wx: r.Wx, Wh: r.Wh, ...fast }, precision, true);
    const gs = lstmRecurrenceBackwardReadable(r.dh, r.dcT, { x, h0: r.h0, c0: r.c0, Wx: r.Wx, Wh: r.Wh, ...slow });
    expect(worst([[fast.h, slow.h], [gf.dWx, gs.dWx], [gf.dx as Tensor, gs.dx as Tensor], [gf.db, gs.db]])).toBeLessThan(TWIN_TOLERANCE[precision]);
  });
});
