/**
 * Word embedding: looks up one D-dimensional row of W per integer token id, as cs231n's word_embedding_forward /
 * word_embedding_backward. The backward pass scatter-adds the upstream gradient into the rows that were read, so an id
 * used several times collects all of its gradients.
 *
 *   out[n, t, :] = W[x[n, t], :]
 *   dW[v, :] = Σ_{n, t : x[n, t] = v} dout[n, t, :]
 *
 * Legend: N batch, T time, V vocabulary size, D word vector size.
 */
import { ValueError } from '../errors';
import { ShapeCheck, checkFinite } from '../tensor/check';
import { Tensor, zeros } from '../tensor/tensor';
import { checkIds } from './one-hot';

/** What `wordEmbeddingBackward` needs: the ids and the shape of W. */
export interface WordEmbeddingCache {
  /** The ids [N, T] (the caller's tensor, not a copy). */
  x: Tensor;
  /** Vocabulary size (rows of W). */
  V: number;
  /** Word vector size (columns of W). */
  D: number;
}

/**
 * Embeds ids. x: [N, T] integer ids in [0, V); W: [V, D] finite. Returns out [N, T, D] and the cache for backward.
 * A non-integer or out-of-range id is a ValueError naming its position and V.
 */
export function wordEmbeddingForward(x: Tensor, W: Tensor): { out: Tensor; cache: WordEmbeddingCache } {
  const fn = 'wordEmbeddingForward';
  const s = new ShapeCheck(fn);
  s.check('W', W, ['V', 'D']);
  s.check('x', x, ['N', 'T']);
  checkFinite(fn, 'W', W);
  const [V, D] = W.shape;
  checkIds(fn, 'x', x, V, 'from W');
  const out = zeros([...x.shape, D]);
  const ids = x.data;
  for (let i = 0; i < ids.length; i++) {
    out.data.set(W.data.subarray(ids[i] * D, (ids[i] + 1) * D), i * D); // out[n, t, :] = W[x[n, t], :]
  }
  return { out, cache: { x, V, D } };
}

/**
 * Gradient of the embedding. dout: [N, T, D] upstream gradient. Returns dW [V, D] (zero rows for unused ids).
 * With `addInto` ([V, D]) the gradient is added into that tensor, which is returned as dW: a training loop then skips
 * allocating and adding a mostly-zero [V, D] tensor per batch.
 */
export function wordEmbeddingBackward(dout: Tensor, cache: WordEmbeddingCache, addInto?: Tensor): { dW: Tensor } {
  const fn = 'wordEmbeddingBackward';
  checkCache(fn, cache);
  const s = new ShapeCheck(fn);
  s.check('cache.x', cache.x, ['N', 'T']);
  s.check('dout', dout, ['N', 'T', cache.D]);
  checkFinite(fn, 'dout', dout);
  const { V, D } = cache;
  checkIds(fn, 'cache.x', cache.x, V, 'from cache.V'); // the ids are the caller's tensor and may have changed
  if (addInto !== undefined) s.check('addInto', addInto, [V, D]);
  const dW = addInto ?? zeros([V, D]);
  const ids = cache.x.data;
  const G = dout.data;
  const R = dW.data;
  for (let i = 0; i < ids.length; i++) {
    const row = ids[i] * D;
    for (let j = 0; j < D; j++) R[row + j] += G[i * D + j];
  }
  return { dW };
}

function checkCache(fn: string, cache: WordEmbeddingCache): void {
  const ok =
    typeof cache === 'object' && cache !== null && cache.x instanceof Tensor &&
    Number.isInteger(cache.V) && Number.isInteger(cache.D);
  if (!ok) throw new ValueError(`${fn}: cache is not a cache returned by wordEmbeddingForward`);
}
