import { describe, expect, it } from 'vitest';
import { ValueError } from '../errors';
import { evalNumericalGradientArray, relError } from '../gradcheck/numerical';
import { wordEmbeddingForward } from '../layers/embedding';
import { RandomState } from '../random';
import { tensor, zeros } from '../tensor/tensor';
import { WordEmbedding } from './word-embedding';

const [V, D] = [7, 4];

describe('WordEmbedding module', () => {
  it('starts W as randn(V, D) / 100 (cs231n CaptioningRNN), the same bits as numpy', () => {
    const embed = new WordEmbedding(V, D, new RandomState(1));
    const expected = new RandomState(1).randn(V, D);
    expect(embed.params.W.shape).toEqual([V, D]);
    expect(Array.from(embed.params.W.data)).toEqual(Array.from(expected.data, (v) => v / 100));
    expect(embed.grads.W.data.every((v) => v === 0)).toBe(true);
    expect([embed.vocabSize, embed.dim]).toEqual([V, D]);
  });

  it('forward equals wordEmbeddingForward and backward adds into grads.W (twice → doubled)', () => {
    const embed = new WordEmbedding(V, D, new RandomState(2));
    const ids = tensor([[0, 6, 6], [3, 0, 1]]);
    const out = embed.forward(ids);
    expect(Array.from(out.data)).toEqual(Array.from(wordEmbeddingForward(ids, embed.params.W).out.data));
    const dout = new RandomState(3).randn(2, 3, D);
    embed.backward(dout);
    const once = embed.grads.W.clone();
    for (let j = 0; j < D; j++) expect(once.get(6, j)).toBe(dout.get(0, 1, j) + dout.get(0, 2, j));
    embed.backward(dout);
    expect(Array.from(embed.grads.W.data)).toEqual(Array.from(once.data, (v) => 2 * v));
  });

  const rng = new RandomState(231);
  const embed = new WordEmbedding(V, D, rng);
  const ids = rng.randint(V, undefined, [3, 5]);
  const dout = rng.randn(3, 5, D);
  embed.forward(ids);
  embed.backward(dout);
  const error = relError(embed.grads.W, evalNumericalGradientArray(() => embed.forward(ids), embed.params.W, dout));
  it(`grads.W matches the numerical gradient (rel error ${error.toExponential(2)})`, () => expect(error).toBeLessThan(1e-9));

  it('rejects bad sizes, a missing generator, bad ids, and backward before forward', () => {
    const r = new RandomState(0);
    expect(() => new WordEmbedding(0, D, r)).toThrow(new ValueError('WordEmbedding: vocabSize is 0, expected an integer >= 1'));
    expect(() => new WordEmbedding(V, 1.5, r)).toThrow('WordEmbedding: dim is 1.5, expected an integer >= 1');
    expect(() => new WordEmbedding(V, D, null as never)).toThrow('WordEmbedding: rng is null, expected a RandomState');
    const fresh = new WordEmbedding(V, D, r);
    expect(() => fresh.backward(zeros([1, 1, D]))).toThrow('WordEmbedding.backward: no forward pass yet; call forward(x) first');
    expect(() => fresh.forward(tensor([[7]]))).toThrow('wordEmbeddingForward: x[0, 0] is 7, expected an integer id in [0, 6] (V = 7 from W)');
    fresh.forward(tensor([[1, 2]]));
    expect(() => fresh.backward(zeros([1, 2, D + 1]))).toThrow('wordEmbeddingBackward: dout has shape [1, 2, 5]');
  });
});
