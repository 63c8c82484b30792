import { describe, expect, it, vi } from 'vitest';
import { normRelError, randomIds } from '../../test-support';
import { evalNumericalGradient } from '../gradcheck/numerical';
import { SequenceModule } from '../modules/sequence-module';
import { RandomState } from '../random';
import { Tensor } from '../tensor/tensor';
import { CELL_TYPES, CharLM, RecurrentLM, WordLM } from './recurrent-lm';
import type { RecurrentLMConfig } from './recurrent-lm';

const V = 7;
const base: RecurrentLMConfig = { vocabSize: V, cell: 'lstm', layers: 2, hiddenSize: 5, embeddingSize: null, dropout: 0, forgetBias: 1 };

/**
 * normRelError between the analytic gradients and centred differences of the loss, per parameter: through two stacked
 * layers many entries are ~1e-6, where the centred difference's own round-off (~1e-11) dominates cs231n's elementwise
 * max. Each layer's backward is checked elementwise in its own test.
 */
function gradientErrors(config: RecurrentLMConfig): { name: string; error: number }[] {
  const rng = new RandomState(1);
  const model = new RecurrentLM(config, rng);
  const x = randomIds(rng, 3, 4, V);
  const y = randomIds(rng, 3, 4, V);
  const h0 = model.initialState(3).map(() => ({ h: rng.randn(3, config.hiddenSize) as Tensor }));
  // The same dropout mask for every evaluation: a fresh generator with the same seed each time.
  const run = () => model.lossAndGrads(x, y, h0, { train: true, rng: new RandomState(9) }).loss;
  run();
  const { params, grads } = model.trainableParams();
  const analytic = Object.fromEntries(Object.entries(grads).map(([k, g]) => [k, g.clone()]));
  return Object.keys(params).map((name) => ({
    name,
    error: normRelError(analytic[name], evalNumericalGradient(() => run(), params[name])),
  }));
}

describe('RecurrentLM gradients match centred differences of the loss', () => {
  for (const cell of CELL_TYPES) {
    for (const [what, extra] of [
      ['one-hot input, dropout 0.3', { dropout: 0.3 }],
      ['embedding input', { embeddingSize: 3 }],
    ] as const) {
      const errors = gradientErrors({ ...base, cell, ...extra });
      const worst = Math.max(...errors.map((e) => e.error));
      it(`${cell}, 2 layers, ${what}: worst norm rel error ${worst.toExponential(2)} over ${errors.map((e) => e.name).join(', ')}`, () => {
        for (const { name, error } of errors) expect(error, name).toBeLessThan(1e-6);
      });
    }
  }
});

describe('RecurrentLM', () => {
  it.each([
    ['one-hot input: the first layer skips its input gradient', null, 1, 1],
    ['embedding input: every layer computes its input gradient', 3, 2, 0],
  ] as const)('%s', (_, embeddingSize, full, paramsOnly) => {
    const model = new RecurrentLM({ ...base, embeddingSize }, new RandomState(5));
    const backward = vi.spyOn(SequenceModule.prototype, 'backward');
    const backwardParamsOnly = vi.spyOn(SequenceModule.prototype, 'backwardParamsOnly');
    try {
      model.lossAndGrads(randomIds(new RandomState(6), 2, 3, V), randomIds(new RandomState(7), 2, 3, V), undefined, { train: false });
      expect([backward.mock.calls.length, backwardParamsOnly.mock.calls.length]).toEqual([full, paramsOnly]);
    } finally {
      backward.mockRestore();
      backwardParamsOnly.mockRestore();
    }
  });

  it('carries the state: two chunks of T with the final state passed on equal one chunk of 2T', () => {
    for (const cell of CELL_TYPES) {
      const model = new RecurrentLM({ ...base, cell }, new RandomState(3));
      const x = randomIds(new RandomState(4), 2, 6, V);
      const whole = model.forward(x, undefined, { train: false }).toArray() as number[][][];
      const first = new Tensor(Float64Array.from([0, 1, 2, 6, 7, 8].map((i) => x.data[i])), [2, 3]);
      const second = new Tensor(Float64Array.from([3, 4, 5, 9, 10, 11].map((i) => x.data[i])), [2, 3]);
      const a = model.forward(first, undefined, { train: false }).toArray() as number[][][];
      const b = model.forward(second, model.finalState(), { train: false }).toArray() as number[][][];
      const joined = [0, 1].map((n) => [...a[n], ...b[n]]);
      joined.flat(2).forEach((v, i) => expect(v).toBeCloseTo(whole.flat(2)[i], 12));
    }
  });

  it('keeps an echo-state reservoir out of the trainable parameters', () => {
    const model = new RecurrentLM({ ...base, cell: 'esn', layers: 1 }, new RandomState(0));
    const trainable = Object.keys(model.trainableParams().params);
    expect(trainable).toEqual(['out.w', 'out.b']);
    expect(Object.keys(model.params).length).toBeGreaterThan(2);
  });

  it('sets the LSTM forget-gate bias from the config', () => {
    const model = new RecurrentLM({ ...base, layers: 1, forgetBias: 1 }, new RandomState(0));
    const b = Array.from(model.params['cell0.b'].data);
    expect(b.slice(5, 10)).toEqual([1, 1, 1, 1, 1]);
    expect(b.slice(0, 5)).toEqual([0, 0, 0, 0, 0]);
  });

  it('draws the same initial weights for the same seed', () => {
    const a = new RecurrentLM(base, new RandomState(5));
    const b = new RecurrentLM(base, new RandomState(5));
    for (const name of Object.keys(a.params)) expect(Array.from(a.params[name].data)).toEqual(Array.from(b.params[name].data));
  });

  it('rejects a bad config, naming the field', () => {
    const rng = new RandomState(0);
    expect(() => new RecurrentLM({ ...base, cell: 'transformer' as never }, rng)).toThrow(
      "RecurrentLM: config.cell is 'transformer', expected one of rnn, lstm, gru, esn",
    );
    expect(() => new RecurrentLM({ ...base, layers: 0 }, rng)).toThrow('RecurrentLM: config.layers is 0, expected an integer >= 1');
    expect(() => new RecurrentLM({ ...base, dropout: 1 }, rng)).toThrow('RecurrentLM: config.dropout is 1, expected a drop probability in [0, 1)');
    expect(() => new RecurrentLM({ ...base, vocabSize: 1 }, rng)).toThrow('config.vocabSize');
    expect(() => new RecurrentLM({ ...base, forgetBias: NaN }, rng)).toThrow('config.forgetBias is NaN');
    expect(() => new RecurrentLM({ ...base, precision: 'float16' as never }, rng)).toThrow(
      "RecurrentLM: config.precision is 'float16', expected 'float64' or 'float32'",
    );
  });

  it.each(CELL_TYPES)("%s with precision 'float32' gives float64's loss and gradients to float32 rounding", (cell) => {
    const run = (precision: 'float64' | 'float32') => {
      const rng = new RandomState(3);
      const model = new RecurrentLM({ ...base, cell, hiddenSize: 9, precision }, rng);
      const [x, y] = [randomIds(rng, 4, 6, V), randomIds(rng, 4, 6, V)];
      const { loss } = model.lossAndGrads(x, y, undefined, { train: false });
      return { loss, grads: model.grads };
    };
    const [f64, f32] = [run('float64'), run('float32')];
    expect(Math.abs(f32.loss - f64.loss) / f64.loss).toBeLessThan(1e-6);
    for (const [name, g] of Object.entries(f64.grads)) expect(normRelError(f32.grads[name], g), name).toBeLessThan(1e-5);
    expect(f32.loss).not.toBe(f64.loss); // float32 arithmetic really ran
  });

  it('rejects a state with the wrong number of layers and backward before forward', () => {
    const model = new RecurrentLM(base, new RandomState(0));
    const x = randomIds(new RandomState(1), 2, 3, V);
    expect(() => model.forward(x, model.initialState(2).slice(1), { train: false })).toThrow(
      'RecurrentLM.forward: state has 1 layers, expected 2 (config.layers)',
    );
    expect(() => new RecurrentLM(base, new RandomState(0)).backward(x)).toThrow('call forward first');
  });
});

describe('CharLM and WordLM', () => {
  const { embeddingSize: _, ...config } = base;
  it('CharLM takes one-hot input by default, as char-rnn', () => {
    const model = new CharLM(config, new RandomState(0));
    expect(model.config.embeddingSize).toBeNull();
    expect(model.params['cell0.Wx'].shape).toEqual([V, 4 * 5]);
  });

  it('WordLM learns an embedding of size hiddenSize unless told otherwise', () => {
    expect(new WordLM(config, new RandomState(0)).params['embed.W'].shape).toEqual([V, 5]);
    expect(new WordLM({ ...config, embeddingSize: 3 }, new RandomState(0)).params['embed.W'].shape).toEqual([V, 3]);
  });
});
