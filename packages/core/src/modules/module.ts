/**
 * The shape every class-style module shares, so models can be assembled from layers as in the cs231n notebooks:
 * named `params`, and `grads` with the same names and shapes that `backward` adds into. Optimizers, gradient checks
 * and checkpoints work on these maps without knowing which layer they came from.
 */
import type { Precision } from '../kernels/wasm';
import { Tensor, zerosLike } from '../tensor/tensor';

/** Named tensors: `{ Wx, Wh, b }`. */
export type ParamMap = Record<string, Tensor>;

/** A layer or model with named parameters and their gradients. */
export interface Module {
  /** The trainable (or, for a reservoir, fixed) parameters by name. */
  readonly params: ParamMap;
  /** Gradients with the names and shapes of `params`; `backward` adds into them, `zeroGrads` clears them. */
  readonly grads: ParamMap;
}

/** The state a recurrent module carries from one chunk of a sequence to the next. h: [N, H]; c: [N, H] (LSTM only). */
export interface RecurrentState {
  h: Tensor;
  c?: Tensor;
}

/** A recurrent layer over whole sequences: x [N, T, D] → h [N, T, H]. */
export interface RecurrentModule extends Module {
  readonly inputSize: number;
  readonly hiddenSize: number;
  /** The arithmetic of forward and backward: 'float64' (default) or 'float32'. */
  precision: Precision;
  /** Whether a forward may overwrite the previous forward's results instead of allocating (default false). */
  reuseBuffers: boolean;
  /** Runs the sequence from `state` (zeros when omitted), keeps the cache for `backward`, returns h [N, T, H]. */
  forward(x: Tensor, state?: RecurrentState): Tensor;
  /** The state after the last time step of the latest `forward`, to carry into the next chunk. */
  finalState(): RecurrentState;
  /** Backpropagates dh [N, T, H] through the latest `forward`, adds into `grads`, returns dx [N, T, D]. */
  backward(dh: Tensor): Tensor;
  /**
   * As `backward` without computing dx (for a layer whose input needs no gradient, such as a one-hot input): adds the
   * same gradients into `grads`, bit for bit, and skips the [N·T, ·]·Wxᵀ product.
   */
  backwardParamsOnly(dh: Tensor): void;
}

/** Whether every element of every tensor in the map is finite (no NaN, no ±Infinity). */
export function allFinite(map: ParamMap): boolean {
  return Object.values(map).every((t) => t.data.every(Number.isFinite));
}

/** Zero tensors shaped like each parameter. */
export function gradsLike(params: ParamMap): ParamMap {
  const grads: ParamMap = {};
  for (const [name, p] of Object.entries(params)) grads[name] = zerosLike(p);
  return grads;
}

/** Sets every gradient of a module to zero (before a new backward pass). */
export function zeroGrads(module: Module): void {
  for (const g of Object.values(module.grads)) g.data.fill(0);
}
