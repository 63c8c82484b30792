/**
 * Vanilla RNN as a class module: owns its parameters and gradients and keeps the latest forward's cache, for models
 * assembled from layers (cs231n-notebook style) and for carrying the hidden state from chunk to chunk (truncated
 * BPTT). The maths is ../layers/rnn.ts: h_t = act(x_t·Wx + h_{t−1}·Wh + b), act = tanh (default) or sigmoid.
 *
 * Legend: N batch, T time, D input size (inputSize), H hidden size (hiddenSize).
 */
import { ValueError } from '../errors';
import { RnnActivation, RnnCache, RnnParams, checkRnnActivation, initRnnParams, rnnBackward, rnnForward } from '../layers/rnn';
import { RandomState, checkRandomState } from '../random';
import { ShapeCheck, checkInteger, checkSameShape } from '../tensor/check';
import { addScaledInPlace } from '../tensor/ops';
import { Tensor, zeros } from '../tensor/tensor';
import { getTimeStep } from '../tensor/time';
import { RecurrentModule, RecurrentState, gradsLike } from './module';

/** Options of `VanillaRNN`: the nonlinearity (default 'tanh'). */
export interface VanillaRNNOptions {
  activation?: RnnActivation;
}

/** A vanilla RNN layer over sequences. params: Wx [D, H], Wh [H, H], b [H], initialised by `initRnnParams`. */
export class VanillaRNN implements RecurrentModule {
  readonly params: RnnParams;
  readonly grads: RnnParams;
  readonly activation: RnnActivation;
  private cache: RnnCache | null = null;
  private last: Tensor | null = null;

  /**
   * inputSize D, hiddenSize H: positive integers; Wx then Wh are drawn from `rng` (randn / √fan-in, as cs231n), b = 0.
   */
  constructor(readonly inputSize: number, readonly hiddenSize: number, rng: RandomState, options: VanillaRNNOptions = {}) {
    const fn = 'VanillaRNN';
    checkInteger(fn, 'inputSize', inputSize, 1);
    checkInteger(fn, 'hiddenSize', hiddenSize, 1);
    checkRandomState(fn, rng);
    if (options === null || typeof options !== 'object') {
      throw new ValueError(`${fn}: options is ${String(options)}, expected an object like { activation: 'tanh' }`);
    }
    this.activation = checkRnnActivation(fn, 'options.activation', options.activation ?? 'tanh');
    this.params = initRnnParams(inputSize, hiddenSize, rng);
    this.grads = gradsLike(this.params) as RnnParams;
  }

  /**
   * A module with a copy of the given parameters (e.g. from a checkpoint). Wx: [D, H], Wh: [H, H], b: [H]; D and H
   * must be at least 1. The given tensors are not shared.
   */
  static fromParams(params: RnnParams, options: VanillaRNNOptions = {}): VanillaRNN {
    const fn = 'VanillaRNN.fromParams';
    if (params === null || typeof params !== 'object') throw new ValueError(`${fn}: params must be { Wx, Wh, b }`);
    const s = new ShapeCheck(fn);
    s.check('params.Wh', params.Wh, ['H', 'H']);
    s.check('params.Wx', params.Wx, ['D', 'H']);
    s.check('params.b', params.b, ['H']);
    const module = new VanillaRNN(s.dim('D'), s.dim('H'), new RandomState(0), options);
    for (const name of ['Wx', 'Wh', 'b'] as const) module.params[name].data.set(params[name].data);
    return module;
  }

  /** x: [N, T, D]; state.h: [N, H] (zeros when omitted). Returns h [N, T, H] and keeps the cache for `backward`. */
  forward(x: Tensor, state?: RecurrentState): Tensor {
    const fn = 'VanillaRNN.forward';
    const s = new ShapeCheck(fn);
    s.check('x', x, ['N', 'T', this.inputSize]);
    let h0: Tensor;
    if (state === undefined) {
      h0 = zeros([x.shape[0], this.hiddenSize]);
    } else {
      if (state === null || typeof state !== 'object') throw new ValueError(`${fn}: state must be { h } or undefined`);
      if (state.c !== undefined) throw new ValueError(`${fn}: state has a cell state c, but a vanilla RNN has none`);
      h0 = s.check('state.h', state.h, ['N', this.hiddenSize]);
    }
    const { Wx, Wh, b } = this.params;
    const { h, cache } = rnnForward(x, h0, Wx, Wh, b, { activation: this.activation });
    this.cache = cache;
    this.last = x.shape[1] > 0 ? getTimeStep(h, x.shape[1] - 1) : h0.clone();
    return h;
  }

  /** The hidden state after the last step of the latest `forward`: { h: [N, H] } (a copy). */
  finalState(): RecurrentState {
    if (this.last === null) throw new Error('VanillaRNN.finalState: no forward pass yet; call forward(x) first');
    return { h: this.last.clone() };
  }

  /** dh: [N, T, H]. Adds the parameter gradients into `grads` and returns dx [N, T, D] (dh0 is not kept). */
  backward(dh: Tensor): Tensor {
    if (this.cache === null) throw new Error('VanillaRNN.backward: no forward pass yet; call forward(x) first');
    checkSameShape('VanillaRNN.backward', 'dh', dh, this.cache.h, 'h from the latest forward');
    const g = rnnBackward(dh, this.cache);
    addScaledInPlace(this.grads.Wx, 1, g.dWx);
    addScaledInPlace(this.grads.Wh, 1, g.dWh);
    addScaledInPlace(this.grads.b, 1, g.db);
    return g.dx;
  }
}
