import { describe, expect, it } from 'vitest';
import { ShapeError, ValueError } from '../errors';
import { evalNumericalGradientArray, relError } from '../gradcheck/numerical';
import { RandomState } from '../random';
import { NestedArray, linspace, tensor, zeros } from '../tensor/tensor';
import { wordEmbeddingBackward, wordEmbeddingForward } from './embedding';
import fixtureFile from './fixtures/affine_loss_fixtures.json';

// Golden values from numpy 1.24 with cs231n's word_embedding_forward / word_embedding_backward (W[x], np.add.at),
// made with  cd packages/core/src/layers/fixtures && /usr/bin/python3 make_affine_loss_fixtures.py > affine_loss_fixtures.json
const golden = (fixtureFile as unknown as { wordEmbedding: { inputs: Record<string, NestedArray>; outputs: Record<string, NestedArray> } })
  .wordEmbedding;

describe('wordEmbeddingForward / wordEmbeddingBackward', () => {
  // cs231n's test: N, T, V, D = 2, 4, 5, 3; W = linspace(0, 1, V*D).reshape(V, D).
  const [N, T, V, D] = [2, 4, 5, 3];
  const x = tensor([[0, 3, 1, 2], [2, 1, 0, 3]]);
  const W = linspace(0, 1, V * D).reshape([V, D]);
  const dout = linspace(-1, 1, N * T * D).reshape([N, T, D]);

  it('rebuilds the fixture inputs', () => {
    expect(x.toArray()).toEqual(golden.inputs.x);
    expect(W.toArray()).toEqual(golden.inputs.W);
    expect(dout.toArray()).toEqual(golden.inputs.dout);
  });

  it('looks up one row of W per id (cs231n golden values, exactly)', () => {
    const { out } = wordEmbeddingForward(x, W);
    expect(out.shape).toEqual([N, T, D]);
    expect(out.toArray()).toEqual(golden.outputs.out);
  });

  it('scatter-adds dout into dW, accumulating repeated ids and leaving unused rows zero (numpy np.add.at, exactly)', () => {
    const { cache } = wordEmbeddingForward(x, W);
    const { dW } = wordEmbeddingBackward(dout, cache);
    expect(dW.toArray()).toEqual(golden.outputs.dW);
    expect(Array.from(dW.data.subarray(4 * D))).toEqual([0, 0, 0]); // id 4 never appears
  });

  it('adds into a given tensor instead of allocating one', () => {
    const { cache } = wordEmbeddingForward(x, W);
    const acc = zeros([V, D]);
    acc.data.fill(1);
    const { dW } = wordEmbeddingBackward(dout, cache, acc);
    expect(dW).toBe(acc);
    expect(Array.from(acc.data)).toEqual(Array.from(tensor(golden.outputs.dW).data, (v) => v + 1));
  });

  const rng = new RandomState(231);
  const ids = rng.randint(0, 6, [3, 5]);
  const Wr = rng.randn(6, 4);
  const g = rng.randn(3, 5, 4);
  const analytic = wordEmbeddingBackward(g, wordEmbeddingForward(ids, Wr).cache).dW;
  const error = relError(analytic, evalNumericalGradientArray(() => wordEmbeddingForward(ids, Wr).out, Wr, g));
  it(`dW matches the numerical gradient (rel error ${error.toExponential(2)})`, () => expect(error).toBeLessThan(1e-9));

  it('rejects non-integer and out-of-range ids, naming the position and V', () => {
    expect(() => wordEmbeddingForward(tensor([[0, 5]]), W)).toThrow(
      new ValueError('wordEmbeddingForward: x[0, 1] is 5, expected an integer id in [0, 4] (V = 5 from W)'),
    );
    expect(() => wordEmbeddingForward(tensor([[0, 1], [1.5, 2]]), W)).toThrow(
      'wordEmbeddingForward: x[1, 0] is 1.5, expected an integer id in [0, 4] (V = 5 from W)',
    );
    expect(() => wordEmbeddingForward(tensor([[-1]]), W)).toThrow('wordEmbeddingForward: x[0, 0] is -1');
    expect(() => wordEmbeddingForward(tensor([[NaN]]), W)).toThrow(ValueError);
  });

  it('rejects badly shaped x and W and a non-finite W', () => {
    expect(() => wordEmbeddingForward(tensor([0, 1]), W)).toThrow(
      new ShapeError('wordEmbeddingForward: x has shape [2], expected [N, T] (rank 2)'),
    );
    expect(() => wordEmbeddingForward(x, linspace(0, 1, 5))).toThrow('wordEmbeddingForward: W has shape [5], expected [V, D] (rank 2)');
    expect(() => wordEmbeddingForward(x, 'W' as never)).toThrow('wordEmbeddingForward: W must be a Tensor, got string');
    const bad = W.clone();
    bad.data[4] = Infinity;
    expect(() => wordEmbeddingForward(x, bad)).toThrow(
      new ValueError('wordEmbeddingForward: W has a non-finite value Infinity at flat index 4, expected finite numbers'),
    );
  });

  it('backward rejects a dout of the wrong shape, a bad addInto and a foreign cache', () => {
    const { cache } = wordEmbeddingForward(x, W);
    expect(() => wordEmbeddingBackward(zeros([N, T + 1, D]), cache)).toThrow(
      new ShapeError('wordEmbeddingBackward: dout has shape [2, 5, 3], expected [N, T, 3] = [2, 4, 3] (T from cache.x)'),
    );
    expect(() => wordEmbeddingBackward(zeros([N, T, D + 1]), cache)).toThrow(
      'wordEmbeddingBackward: dout has shape [2, 4, 4], expected [N, T, 3] = [2, 4, 3] (dimension 2 must be 3)',
    );
    expect(() => wordEmbeddingBackward(dout, cache, zeros([V + 1, D]))).toThrow(
      'wordEmbeddingBackward: addInto has shape [6, 3], expected [5, 3] = [5, 3] (dimension 0 must be 5)',
    );
    const nan = dout.clone();
    nan.data[0] = NaN;
    expect(() => wordEmbeddingBackward(nan, cache)).toThrow('wordEmbeddingBackward: dout has a non-finite value NaN');
    expect(() => wordEmbeddingBackward(dout, {} as never)).toThrow(
      new ValueError('wordEmbeddingBackward: cache is not a cache returned by wordEmbeddingForward'),
    );
  });
});
