/**
 * Inverted dropout (Srivastava et al. 2014; cs231n's dropout_forward/backward), used between the stacked layers of
 * the language models as char-rnn does. In training each element is kept with probability 1 − p and scaled by
 * 1 / (1 − p), so nothing changes at test time:
 *
 *     mask = (u ≥ p) / (1 − p),  u ~ U[0, 1) from rng.rand;   out = x ⊙ mask;   dx = dout ⊙ mask
 */
import { ValueError } from '../errors';
import { RandomState } from '../random';
import { checkSameShape, checkTensor } from '../tensor/check';
import { Tensor } from '../tensor/tensor';

/** What dropoutBackward needs: the scaled keep-mask (null when nothing was dropped). */
export interface DropoutCache {
  mask: Tensor | null;
}

/** Checks a drop probability: a number in [0, 1). */
export function checkDropProbability(fn: string, arg: string, p: unknown): asserts p is number {
  if (typeof p !== 'number' || !(p >= 0 && p < 1)) {
    throw new ValueError(`${fn}: ${arg} is ${String(p)}, expected a drop probability in [0, 1)`);
  }
}

/**
 * Drops each element of x (any shape) with probability p when `train` is true; the identity otherwise or when p = 0.
 * The mask is drawn with `rng.rand(...x.shape)`, so a seeded run is reproducible.
 */
export function dropoutForward(
  x: Tensor,
  p: number,
  options: { train: boolean; rng?: RandomState },
): { out: Tensor; cache: DropoutCache } {
  checkTensor('dropoutForward', 'x', x);
  checkDropProbability('dropoutForward', 'p', p);
  if (!options.train || p === 0) return { out: x, cache: { mask: null } };
  if (options.rng === undefined) throw new ValueError('dropoutForward: rng is missing, expected a RandomState in training');
  const mask = x.size === 0 ? new Tensor(new Float64Array(0), x.shape) : (options.rng.rand(...x.shape) as Tensor);
  const keep = 1 / (1 - p);
  const out = new Tensor(new Float64Array(x.size), x.shape);
  for (let i = 0; i < x.size; i++) {
    mask.data[i] = mask.data[i] >= p ? keep : 0;
    out.data[i] = x.data[i] * mask.data[i];
  }
  return { out, cache: { mask } };
}

/** dx = dout ⊙ mask (dout itself when the forward pass dropped nothing). */
export function dropoutBackward(dout: Tensor, cache: DropoutCache): Tensor {
  if (cache.mask === null) return dout;
  checkSameShape('dropoutBackward', 'dout', dout, cache.mask, 'the forward input');
  const dx = new Tensor(new Float64Array(dout.size), dout.shape);
  for (let i = 0; i < dout.size; i++) dx.data[i] = dout.data[i] * cache.mask.data[i];
  return dx;
}
