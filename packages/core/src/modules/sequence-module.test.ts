import { describe, expect, it } from 'vitest';
import { expectError } from '../../test-support';
import { ShapeError } from '../errors';
import { RandomState } from '../random';
import { Tensor, zeros } from '../tensor/tensor';
import { CELL_TYPES, createCell } from './create-cell';

// The shared backward of the recurrent modules (SequenceModule): backwardParamsOnly must add exactly what backward adds.
const NAMES = { rnn: 'VanillaRNN', lstm: 'LSTM', gru: 'GRU', esn: 'EchoState' } as const;
const [N, T, D, H] = [3, 4, 5, 6];

describe.each(CELL_TYPES)('%s: backwardParamsOnly', (type) => {
  const name = NAMES[type];
  const make = () => createCell(type, D, H, new RandomState(21), { forgetBias: 1 });
  const rng = new RandomState(22);
  const [x, h0, dh] = [rng.randn(N, T, D), rng.randn(N, H), rng.randn(N, T, H)] as Tensor[];
  const state = type === 'lstm' ? { h: h0, c: rng.randn(N, H) as Tensor } : { h: h0 };

  it('adds the same parameter gradients as backward, bit for bit, into gradients that already hold values', () => {
    const [full, skip] = [make(), make()];
    for (const m of [full, skip]) {
      for (const g of Object.values(m.grads)) g.data.fill(0.25); // backward adds into what is there
      m.forward(x, state);
    }
    const dx = full.backward(dh);
    expect(dx.shape).toEqual([N, T, D]);
    expect(skip.backwardParamsOnly(dh)).toBeUndefined();
    for (const k of Object.keys(full.grads)) expect(skip.grads[k].data, k).toEqual(full.grads[k].data);
  });

  it('refuses to run before a forward pass, naming the method', () => {
    expectError(() => make().backwardParamsOnly(zeros([N, T, H])), Error,
      `${name}.backwardParamsOnly: no forward pass yet; call forward(x) first`);
  });

  it('checks dh against the latest forward', () => {
    const m = make();
    m.forward(x, state);
    const message = `${name}.backwardParamsOnly: dh has shape [3, 4, 7], expected [3, 4, 6] (shape of h from the latest forward)`;
    expectError(() => m.backwardParamsOnly(zeros([N, T, H + 1])), ShapeError, message);
  });
});

describe.each(CELL_TYPES)('%s: reuseBuffers', (type) => {
  const make = () => createCell(type, D, H, new RandomState(23), { forgetBias: 1 });
  const rng = new RandomState(24);
  const [x1, x2, dh] = [rng.randn(N, T, D), rng.randn(N, T, D), rng.randn(N, T, H)] as Tensor[];

  it('overwrites the previous h in place and computes what a fresh forward computes, backward included', () => {
    const [reusing, fresh] = [make(), make()];
    reusing.reuseBuffers = true;
    expect(make().reuseBuffers).toBe(false);
    const first = reusing.forward(x1);
    const second = reusing.forward(x2);
    expect(second).toBe(first); // the same tensor, overwritten
    expect(Array.from(second.data)).toEqual(Array.from(fresh.forward(x2).data));
    expect(Array.from(reusing.backward(dh).data)).toEqual(Array.from(fresh.backward(dh).data));
    for (const k of Object.keys(fresh.grads)) expect(reusing.grads[k].data, k).toEqual(fresh.grads[k].data);
    expect(reusing.forward(zeros([N, T + 1, D])).shape).toEqual([N, T + 1, H]); // another shape: new buffers
  });
});
