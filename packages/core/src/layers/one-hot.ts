/**
 * One-hot encoding of integer ids, and the id check shared by every function that takes token ids (word embedding,
 * temporal softmax loss). Ids are core Tensors holding integers as float64 numbers.
 *
 *   oneHot(ids, V)[..., v] = 1 if ids[...] = v else 0
 *
 * Legend: V vocabulary size.
 */
import { ValueError, formatShape } from '../errors';
import { checkInteger, checkTensor } from '../tensor/check';
import { Tensor, zeros } from '../tensor/tensor';

/** The index of flat position `flat` in a tensor of `shape`, printed as `[1, 2]`. */
export function formatIndex(shape: readonly number[], flat: number): string {
  const index = new Array<number>(shape.length);
  for (let d = shape.length - 1; d >= 0; d--) {
    index[d] = flat % shape[d];
    flat = Math.floor(flat / shape[d]);
  }
  return formatShape(index);
}

/**
 * Throws a ValueError unless every element of `ids` is an integer in [0, V), naming the first bad position:
 * `wordEmbeddingForward: x[1, 2] is 7, expected an integer id in [0, 4] (V = 5 from W)`.
 * `vFrom` says where V came from, e.g. `'from W'` (omitted when empty).
 */
export function checkIds(fn: string, arg: string, ids: Tensor, V: number, vFrom = ''): void {
  const d = ids.data;
  for (let i = 0; i < d.length; i++) {
    const v = d[i];
    if (!Number.isInteger(v) || v < 0 || v >= V) {
      const expected = V > 0 ? `an integer id in [0, ${V - 1}]` : 'no ids at all';
      throw new ValueError(`${fn}: ${arg}${formatIndex(ids.shape, i)} is ${v}, expected ${expected} (V = ${V}${vFrom === '' ? '' : ` ${vFrom}`})`);
    }
  }
}

/**
 * One-hot vectors for integer ids. ids: any shape [...S], integers in [0, V); V: a positive integer.
 * Returns a float tensor [...S, V] with a single 1 per id.
 */
export function oneHot(ids: Tensor, V: number): Tensor {
  checkTensor('oneHot', 'ids', ids);
  checkInteger('oneHot', 'V', V, 1);
  checkIds('oneHot', 'ids', ids, V);
  const out = zeros([...ids.shape, V]);
  const d = ids.data;
  for (let i = 0; i < d.length; i++) out.data[i * V + d[i]] = 1;
  return out;
}
