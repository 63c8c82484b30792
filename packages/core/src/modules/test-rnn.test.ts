import { describe, expect, it } from 'vitest';
import { normRelError, randomIds } from '../../test-support';
import { ShapeError, ValueError } from '../errors';
import { evalNumericalGradient, relError } from '../gradcheck/numerical';
import { temporalSoftmaxLoss } from '../loss/temporal-softmax';
import { Adam } from '../optim/adam';
import { RandomState } from '../random';
import { Tensor, zeros } from '../tensor/tensor';
import { CELL_TYPES, createCell } from './create-cell';
import { EchoState } from './echo-state';
import { GRU } from './gru';
import { LSTM } from './lstm';
import { TemporalAffine } from './temporal-affine';
import { TestRNN } from './test-rnn';
import type { TestRNNInput, TestRNNOptions } from './test-rnn';
import { VanillaRNN } from './vanilla-rnn';
import { WordEmbedding } from './word-embedding';

const V = 6;
const D = 4;
const E = 3;
const H = 5;
const M = 6;
const INPUTS: Record<'embedding' | 'affine', TestRNNInput> = {
  embedding: { type: 'embedding', vocabSize: V, dim: E },
  affine: { type: 'affine', inputSize: D, dim: E },
};
const base: TestRNNOptions = { input: INPUTS.embedding, cell: 'lstm', hiddenSize: H, outputSize: M };

const inputFor = (input: TestRNNInput, rng: RandomState, N: number, T: number) =>
  input.type === 'embedding' ? randomIds(rng, N, T, input.vocabSize) : (rng.randn(N, T, input.inputSize) as Tensor);

/**
 * Analytic gradients of `loss` (every parameter, an ESN reservoir included) against centred differences, by
 * normRelError and elementwise. Why the norm: with embedding input the cell sees vectors of ~1e-2 (W starts at
 * randn / 100), so entries of dWx go down to ~1e-6, where the centred difference's own round-off (~1e-11 absolute)
 * makes cs231n's elementwise max reach a few 1e-6 with a correct backward pass. The output layer is one affine map from
 * the scores and has no tiny entries, so its gradients are checked elementwise too.
 */
function gradientErrors(options: TestRNNOptions): { name: string; norm: number; elementwise: number }[] {
  const rng = new RandomState(1);
  const model = new TestRNN(options, rng);
  const N = 3;
  const T = 4;
  const x = inputFor(options.input, rng, N, T);
  const y = randomIds(rng, N, T, M);
  const mask = new Tensor(Float64Array.from([1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 0, 0]), [N, T]);
  const h0 = rng.randn(N, H) as Tensor;
  const run = () => model.loss(x, y, mask, h0).loss;
  run();
  const analytic = Object.fromEntries(Object.entries(model.grads).map(([k, g]) => [k, g.clone()]));
  return Object.keys(model.params).map((name) => {
    const numeric = evalNumericalGradient(() => run(), model.params[name]);
    return { name, norm: normRelError(analytic[name], numeric), elementwise: relError(analytic[name], numeric) };
  });
}

describe('TestRNN.loss gradients match centred differences of the loss', () => {
  for (const cell of CELL_TYPES) {
    for (const kind of ['embedding', 'affine'] as const) {
      const errors = gradientErrors({ ...base, input: INPUTS[kind], cell });
      const worst = Math.max(...errors.map((e) => e.norm));
      const names = errors.map((e) => e.name).join(', ');
      it(`${cell}, ${kind} input: worst norm rel error ${worst.toExponential(2)} over ${names}`, () => {
        for (const { name, norm } of errors) expect(norm, name).toBeLessThan(1e-6);
      });
      const output = errors.filter((e) => e.name.startsWith('out.'));
      const detail = output.map((e) => `${e.name} ${e.elementwise.toExponential(2)}`).join(', ');
      it(`${cell}, ${kind} input: output layer elementwise rel error (cs231n) ${detail}`, () => {
        for (const { name, elementwise } of output) expect(elementwise, name).toBeLessThan(1e-7);
      });
    }
  }
});

describe('TestRNN overfits a tiny data set', () => {
  /** Adam on the trainable parameters; returns the loss before the first step and after the last. */
  function train(options: TestRNNOptions, steps: number): { first: number; last: number } {
    const model = new TestRNN(options, new RandomState(0));
    // The same data for every cell. The sequences start with different ids, so no two positions share an input
    // prefix (which, from the same h0, would give the same scores and make different targets impossible to fit).
    const rng = new RandomState(1);
    const x = options.input.type === 'embedding'
      ? new Tensor(Float64Array.from([1, 2, 3, 4, 5, 0, 3, 1, 4, 1, 5, 2]), [2, 6])
      : (rng.randn(2, 6, options.input.inputSize) as Tensor);
    const y = randomIds(rng, 2, 6, options.outputSize);
    const optimizer = new Adam({ learningRate: 0.05 });
    const { params, grads } = model.trainableParams();
    const first = model.loss(x, y).loss;
    for (let i = 0; i < steps; i++) {
      model.loss(x, y);
      optimizer.step(params, grads);
    }
    return { first, last: model.loss(x, y).loss };
  }

  for (const cell of CELL_TYPES) {
    for (const kind of ['embedding', 'affine'] as const) {
      const options = { input: { ...INPUTS[kind], dim: 8 }, cell, hiddenSize: 16, outputSize: 8 };
      const { first, last } = train(options, 150);
      it(`${cell}, ${kind} input: memorises 2 sequences of 6 in 150 Adam steps (loss ${first.toFixed(3)} → ${last.toFixed(4)})`, () => {
        expect(last).toBeLessThan(0.1 * first);
      });
    }
  }
});

describe('TestRNN', () => {
  it('maps x [N, T] ids or [N, T, D] features to scores [N, T, M]', () => {
    const rng = new RandomState(2);
    for (const kind of ['embedding', 'affine'] as const) {
      const model = new TestRNN({ ...base, input: INPUTS[kind] }, rng);
      expect(model.forward(inputFor(INPUTS[kind], rng, 2, 7)).shape).toEqual([2, 7, M]);
    }
  });

  it('names the parameters <part>.<name> and shares them with the submodules, drawn in order input, cell, output', () => {
    const model = new TestRNN({ ...base, cell: 'gru' }, new RandomState(4));
    expect(Object.keys(model.params)).toEqual(['embed.W', 'cell.Wx', 'cell.Wh', 'cell.bx', 'cell.bh', 'out.w', 'out.b']);
    const rng = new RandomState(4);
    const parts = { embed: new WordEmbedding(V, E, rng), cell: new GRU(E, H, rng), out: new TemporalAffine(H, M, rng) };
    for (const [part, module] of Object.entries(parts)) {
      for (const [name, p] of Object.entries(module.params)) expect(model.params[`${part}.${name}`].toArray()).toEqual(p.toArray());
    }
    const affine = new TestRNN({ ...base, input: INPUTS.affine, cell: 'rnn' }, new RandomState(0));
    expect(Object.keys(affine.params)).toEqual(['proj.w', 'proj.b', 'cell.Wx', 'cell.Wh', 'cell.b', 'out.w', 'out.b']);
    // Sharing: changing params['out.b'] changes the scores by exactly that bias.
    const x = randomIds(new RandomState(1), 1, 2, V);
    const before = model.forward(x).toArray() as number[][][];
    model.params['out.b'].data[3] += 1;
    const after = model.forward(x).toArray() as number[][][];
    expect(after[0][1][3] - before[0][1][3]).toBeCloseTo(1, 12);
    expect(after[0][1][2]).toBe(before[0][1][2]);
  });

  it('returns the temporal softmax loss of the forward scores and its own grads map, zeroed before each call', () => {
    const rng = new RandomState(5);
    const model = new TestRNN(base, rng);
    const x = randomIds(rng, 2, 3, V);
    const y = randomIds(rng, 2, 3, M);
    const mask = new Tensor(Float64Array.from([1, 1, 0, 1, 0, 0]), [2, 3]);
    const h0 = rng.randn(2, H) as Tensor;
    const first = model.loss(x, y, mask, h0);
    expect(first.grads).toBe(model.grads);
    expect(first.loss).toBeCloseTo(temporalSoftmaxLoss(model.forward(x, h0), y, mask).loss, 14);
    const snapshot = model.grads['cell.Wx'].toArray();
    expect(model.loss(x, y, mask, h0).grads['cell.Wx'].toArray()).toEqual(snapshot);
  });

  it('starts from zeros without h0, and from h0 when given', () => {
    const rng = new RandomState(6);
    const model = new TestRNN(base, rng);
    const x = randomIds(rng, 2, 3, V);
    expect(model.forward(x, zeros([2, H])).toArray()).toEqual(model.forward(x).toArray());
    expect(model.forward(x, rng.randn(2, H) as Tensor).toArray()).not.toEqual(model.forward(x).toArray());
  });

  it('keeps an echo-state reservoir out of the trainable parameters', () => {
    const model = new TestRNN({ ...base, cell: 'esn' }, new RandomState(0));
    expect(Object.keys(model.params)).toEqual(['embed.W', 'cell.Win', 'cell.W', 'cell.b', 'out.w', 'out.b']);
    const { params, grads } = model.trainableParams();
    expect(Object.keys(params)).toEqual(['embed.W', 'out.w', 'out.b']);
    expect(grads['out.w']).toBe(model.grads['out.w']);
    expect(Object.keys(new TestRNN(base, new RandomState(0)).trainableParams().params)).toHaveLength(6);
  });

  it('rejects bad options, naming the option', () => {
    const rng = new RandomState(0);
    const bad = (options: unknown) => () => new TestRNN(options as TestRNNOptions, rng);
    expect(bad(null)).toThrow(ValueError);
    expect(bad(null)).toThrow('TestRNN: options is null, expected an object like');
    expect(bad({ ...base, input: undefined })).toThrow("TestRNN: options.input is undefined, expected { type: 'embedding', vocabSize, dim }");
    expect(bad({ ...base, input: { type: 'onehot', dim: 3 } })).toThrow(
      "TestRNN: options.input.type is 'onehot', expected 'embedding' or 'affine'",
    );
    expect(bad({ ...base, input: { type: 'embedding', vocabSize: 0, dim: 3 } })).toThrow(
      'TestRNN: options.input.vocabSize is 0, expected an integer >= 1',
    );
    expect(bad({ ...base, input: { type: 'affine', inputSize: 2.5, dim: 3 } })).toThrow(
      'TestRNN: options.input.inputSize is 2.5, expected an integer >= 1',
    );
    expect(bad({ ...base, input: { type: 'affine', inputSize: 2 } })).toThrow('TestRNN: options.input.dim is undefined, expected an integer >= 1');
    expect(bad({ ...base, cell: 'transformer' })).toThrow("TestRNN: options.cell is 'transformer', expected one of rnn, lstm, gru, esn");
    expect(bad({ ...base, hiddenSize: 0 })).toThrow('TestRNN: options.hiddenSize is 0, expected an integer >= 1');
    expect(bad({ ...base, outputSize: -1 })).toThrow(ValueError);
    expect(bad({ ...base, outputSize: -1 })).toThrow('TestRNN: options.outputSize is -1, expected an integer >= 1');
    expect(() => new TestRNN(base, {} as RandomState)).toThrow('TestRNN: rng is object, expected a RandomState');
  });

  it('rejects x, h0, y and mask of the wrong shape or content, naming the method and argument', () => {
    const rng = new RandomState(0);
    const model = new TestRNN(base, rng);
    const affine = new TestRNN({ ...base, input: INPUTS.affine }, rng);
    const x = randomIds(rng, 2, 3, V);
    const y = randomIds(rng, 2, 3, M);
    expect(() => model.forward(zeros([2, 3, V]))).toThrow(ShapeError);
    expect(() => model.forward(zeros([2, 3, V]))).toThrow('TestRNN.forward: x has shape [2, 3, 6], expected [N, T] (rank 2)');
    expect(() => model.forward(new Tensor(Float64Array.from([0, 1, 6]), [1, 3]))).toThrow(
      'TestRNN.forward: x[0, 2] is 6, expected an integer id in [0, 5] (V = 6 from options.input.vocabSize)',
    );
    expect(() => affine.forward(zeros([2, 3, D + 1]))).toThrow(
      'TestRNN.forward: x has shape [2, 3, 5], expected [N, T, 4] = [2, 3, 4] (dimension 2 must be 4)',
    );
    expect(() => affine.forward(new Tensor(Float64Array.from([0, NaN, 0, 0]), [1, 1, D]))).toThrow('TestRNN.forward: x has a non-finite value');
    expect(() => model.forward(x, zeros([3, H]))).toThrow('TestRNN.forward: h0 has shape [3, 5], expected [N, 5] = [2, 5] (N from x)');
    expect(() => model.loss(x, zeros([2, 4]))).toThrow(ShapeError);
    expect(() => model.loss(x, zeros([2, 4]))).toThrow('TestRNN.loss: y has shape [2, 4], expected [N, T] = [2, 3] (T from x)');
    expect(() => model.loss(x, new Tensor(Float64Array.from([0, 0, 0, 0, 0, M]), [2, 3]))).toThrow(
      'TestRNN.loss: y[1, 2] is 6, expected an integer id in [0, 5] (V = 6 from options.outputSize)',
    );
    expect(() => model.loss(x, y, zeros([3, 3]))).toThrow('TestRNN.loss: mask has shape [3, 3], expected [N, T] = [2, 3] (N from x)');
    expect(() => model.loss(x, y, new Tensor(Float64Array.from([1, 1, 0.5, 1, 1, 1]), [2, 3]))).toThrow(
      'TestRNN.loss: mask[0, 2] is 0.5, expected 0 or 1',
    );
    expect(() => model.loss(x, y, undefined, zeros([2, H + 1]))).toThrow('TestRNN.loss: h0 has shape [2, 6]');
    expect(() => model.loss(zeros([0, 3]), zeros([0, 3]))).toThrow('TestRNN.loss: x has shape [0, 3], expected N ≥ 1 (the loss is averaged over N)');
  });
});

describe('createCell', () => {
  it('builds each cell type with the same draws as its constructor', () => {
    const made = CELL_TYPES.map((cell) => createCell(cell, 3, 4, new RandomState(7)));
    const direct = [
      new VanillaRNN(3, 4, new RandomState(7)),
      new LSTM(3, 4, new RandomState(7)),
      new GRU(3, 4, new RandomState(7)),
      new EchoState(3, 4, new RandomState(7), { density: 1 }),
    ];
    made.forEach((cell, i) => {
      expect(cell).toBeInstanceOf(direct[i].constructor);
      expect([cell.inputSize, cell.hiddenSize]).toEqual([3, 4]);
      for (const [name, p] of Object.entries(direct[i].params)) expect(cell.params[name].toArray(), name).toEqual(p.toArray());
    });
  });

  it('passes forgetBias to an LSTM and activation to a vanilla RNN, and ignores them for the other cells', () => {
    const lstm = createCell('lstm', 2, 3, new RandomState(0), { forgetBias: 1, activation: 'sigmoid' });
    expect(Array.from(lstm.params.b.data)).toEqual([0, 0, 0, 1, 1, 1, 0, 0, 0, 0, 0, 0]);
    const rnn = createCell('rnn', 2, 3, new RandomState(0), { forgetBias: 1, activation: 'sigmoid' }) as VanillaRNN;
    expect(rnn.activation).toBe('sigmoid');
    expect(Array.from(rnn.params.b.data)).toEqual([0, 0, 0]);
  });

  it('draws an echo-state reservoir with about ten connections per unit (density min(1, 10 / H))', () => {
    const W = createCell('esn', 2, 100, new RandomState(3)).params.W;
    const nonzero = W.data.filter((w) => w !== 0).length;
    expect(nonzero / W.size).toBeGreaterThan(0.08);
    expect(nonzero / W.size).toBeLessThan(0.12);
    expect(createCell('esn', 2, 8, new RandomState(3)).params.W.data.every((w) => w !== 0)).toBe(true);
  });

  it('rejects a bad cell, size, generator or options object, naming the argument', () => {
    const rng = new RandomState(0);
    expect(() => createCell('transformer' as never, 2, 3, rng)).toThrow(ValueError);
    expect(() => createCell('transformer' as never, 2, 3, rng)).toThrow("createCell: cell is 'transformer', expected one of rnn, lstm, gru, esn");
    expect(() => createCell('rnn', 0, 3, rng)).toThrow('createCell: inputSize is 0, expected an integer >= 1');
    expect(() => createCell('rnn', 2, 1.5, rng)).toThrow('createCell: hiddenSize is 1.5, expected an integer >= 1');
    expect(() => createCell('gru', 2, 3, null as never)).toThrow('createCell: rng is null, expected a RandomState');
    expect(() => createCell('gru', 2, 3, rng, null as never)).toThrow('createCell: options is null, expected an object like { forgetBias: 1 }');
    expect(() => createCell('lstm', 2, 3, rng, { forgetBias: NaN })).toThrow('LSTM: options.forgetBias is NaN, expected a finite number');
    expect(() => createCell('rnn', 2, 3, rng, { activation: 'relu' as never })).toThrow(ValueError);
  });
});
