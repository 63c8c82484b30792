/**
 * Temporal affine layer as a class module (../layers/temporal-affine.ts): the same x·w + b at every time step, e.g.
 * hidden states [N, T, D] → vocabulary scores [N, T, M]. w starts as randn(D, M) / √D, b as zeros.
 *
 * Legend: N batch, T time, D input size (inputSize), M output size (outputSize).
 */
import type { Precision } from '../kernels/wasm';
import { TemporalAffineCache, temporalAffineBackward, temporalAffineForward } from '../layers/temporal-affine';
import { RandomState, checkRandomState } from '../random';
import { checkInteger } from '../tensor/check';
import { addScaledInPlace } from '../tensor/ops';
import { Tensor, zeros } from '../tensor/tensor';
import { Module, ParamMap, gradsLike } from './module';

/** An affine map applied at every time step. params: w [D, M], b [M]. */
export class TemporalAffine implements Module {
  readonly params: ParamMap;
  readonly grads: ParamMap;
  private cache: TemporalAffineCache | null = null;
  /** The arithmetic of forward and backward: 'float64' (default) or 'float32'. */
  precision: Precision = 'float64';

  /** inputSize D, outputSize M: positive integers; w is drawn as randn(D, M) / √D from `rng`, b is zeros. */
  constructor(readonly inputSize: number, readonly outputSize: number, rng: RandomState) {
    checkInteger('TemporalAffine', 'inputSize', inputSize, 1);
    checkInteger('TemporalAffine', 'outputSize', outputSize, 1);
    checkRandomState('TemporalAffine', rng);
    const w = rng.randn(inputSize, outputSize);
    const root = Math.sqrt(inputSize);
    for (let i = 0; i < w.size; i++) w.data[i] /= root; // divide, as numpy's randn(D, M) / np.sqrt(D), bit for bit
    this.params = { w, b: zeros([outputSize]) };
    this.grads = gradsLike(this.params);
  }

  /** x: [N, T, D]. Returns out [N, T, M] and keeps the cache for `backward`. */
  forward(x: Tensor): Tensor {
    const { out, cache } = temporalAffineForward(x, this.params.w, this.params.b, { precision: this.precision });
    this.cache = cache;
    return out;
  }

  /** dout: [N, T, M]. Adds into grads.w and grads.b, returns dx [N, T, D]. */
  backward(dout: Tensor): Tensor {
    if (this.cache === null) throw new Error('TemporalAffine.backward: no forward pass yet; call forward(x) first');
    const { dx, dw, db } = temporalAffineBackward(dout, this.cache);
    addScaledInPlace(this.grads.w, 1, dw);
    addScaledInPlace(this.grads.b, 1, db);
    return dx;
  }
}
