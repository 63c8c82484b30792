/**
 * Word embedding as a class module (../layers/embedding.ts): ids [N, T] → vectors [N, T, D], one learned row of W per
 * vocabulary entry. W starts as randn(V, D) / 100, as cs231n's CaptioningRNN initialises W_embed.
 *
 * Legend: N batch, T time, V vocabulary size (vocabSize), D word vector size (dim).
 */
import { WordEmbeddingCache, wordEmbeddingBackward, wordEmbeddingForward } from '../layers/embedding';
import { RandomState, checkRandomState } from '../random';
import { checkInteger } from '../tensor/check';
import { Tensor } from '../tensor/tensor';
import { Module, ParamMap, gradsLike } from './module';

/** A learned embedding. params: W [V, D]. */
export class WordEmbedding implements Module {
  readonly params: ParamMap;
  readonly grads: ParamMap;
  private cache: WordEmbeddingCache | null = null;

  /** vocabSize V, dim D: positive integers; W is drawn as randn(V, D) / 100 from `rng`. */
  constructor(readonly vocabSize: number, readonly dim: number, rng: RandomState) {
    checkInteger('WordEmbedding', 'vocabSize', vocabSize, 1);
    checkInteger('WordEmbedding', 'dim', dim, 1);
    checkRandomState('WordEmbedding', rng);
    const W = rng.randn(vocabSize, dim);
    for (let i = 0; i < W.size; i++) W.data[i] /= 100; // divide (not × 0.01) to match numpy's values bit for bit
    this.params = { W };
    this.grads = gradsLike(this.params);
  }

  /** ids: [N, T] integers in [0, V). Returns out [N, T, D] and keeps the cache for `backward`. */
  forward(ids: Tensor): Tensor {
    const { out, cache } = wordEmbeddingForward(ids, this.params.W);
    this.cache = cache;
    return out;
  }

  /** dout: [N, T, D]. Adds into grads.W (rows of the ids seen, repeated ids accumulating). */
  backward(dout: Tensor): void {
    if (this.cache === null) throw new Error('WordEmbedding.backward: no forward pass yet; call forward(x) first');
    wordEmbeddingBackward(dout, this.cache, this.grads.W);
  }
}
