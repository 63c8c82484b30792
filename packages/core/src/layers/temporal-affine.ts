/**
 * Temporal affine layer: the same affine map applied at every time step, as cs231n's temporal_affine_forward /
 * temporal_affine_backward. It turns hidden states into vocabulary scores. The time axis is folded into the batch, so
 * each pass is one [N·T, D] × [D, M] matrix product.
 *
 *   out[n, t, :] = x[n, t, :]·w + b
 *   dx = dout·wᵀ,   dw = Σ_{n,t} x[n, t, :]ᵀ dout[n, t, :],   db = Σ_{n,t} dout[n, t, :]
 *
 * Legend: N batch, T time, D input size, M output size.
 */
import { ValueError } from '../errors';
import type { Precision } from '../kernels/wasm';
import { matmul } from '../tensor/matmul';
import { addBias } from '../tensor/ops';
import { sum } from '../tensor/reduce';
import { ShapeCheck, checkFinite } from '../tensor/check';
import { Tensor } from '../tensor/tensor';
import { checkLayerOptions } from './recurrence';

/** What `temporalAffineBackward` needs (the caller's tensors, not copies). */
export interface TemporalAffineCache {
  /** Input [N, T, D]. */
  x: Tensor;
  /** Weights [D, M]. */
  w: Tensor;
  /** The arithmetic of the products (backward repeats the forward's). */
  precision?: Precision;
}

/** Options of `temporalAffineForward`: the arithmetic of the product, 'float64' (default) or 'float32'. */
export interface TemporalAffineOptions {
  precision?: Precision;
}

/** x: [N, T, D], w: [D, M], b: [M], all finite. Returns out [N, T, M] and the cache for backward. */
export function temporalAffineForward(
  x: Tensor, w: Tensor, b: Tensor, options: TemporalAffineOptions = {},
): { out: Tensor; cache: TemporalAffineCache } {
  const fn = 'temporalAffineForward';
  const precision = checkLayerOptions(fn, options, "{ precision: 'float32' }");
  const s = new ShapeCheck(fn);
  s.check('w', w, ['D', 'M']);
  s.check('b', b, ['M']);
  s.check('x', x, ['N', 'T', 'D']);
  for (const [name, t] of [['x', x], ['w', w], ['b', b]] as const) checkFinite(fn, name, t);
  const [N, T, D] = x.shape;
  const M = w.shape[1];
  const out = matmul(x.reshape([N * T, D]), w, { precision }); // [N·T, M]
  addBias(out, b, out);
  return { out: out.reshape([N, T, M]), cache: { x, w, precision } };
}

/** dout: [N, T, M] upstream gradient. Returns dx [N, T, D], dw [D, M], db [M]. */
export function temporalAffineBackward(
  dout: Tensor,
  cache: TemporalAffineCache,
): { dx: Tensor; dw: Tensor; db: Tensor } {
  const fn = 'temporalAffineBackward';
  const ok = typeof cache === 'object' && cache !== null && cache.x instanceof Tensor && cache.w instanceof Tensor;
  if (!ok) throw new ValueError(`${fn}: cache is not a cache returned by temporalAffineForward`);
  const s = new ShapeCheck(fn);
  s.check('cache.w', cache.w, ['D', 'M']);
  s.check('cache.x', cache.x, ['N', 'T', 'D']);
  s.check('dout', dout, ['N', 'T', 'M']);
  checkFinite(fn, 'dout', dout);
  const [N, T, D] = cache.x.shape;
  const M = cache.w.shape[1];
  const g = dout.reshape([N * T, M]);
  const precision = cache.precision ?? 'float64';
  const dx = matmul(g, cache.w, { transB: true, precision }).reshape([N, T, D]); // dout·wᵀ
  const dw = matmul(cache.x.reshape([N * T, D]), g, { transA: true, precision }); // xᵀ·dout
  const db = sum(g, 0);
  return { dx, dw, db };
}
