/**
 * Vanilla RNN as a class module: owns its parameters and gradients and keeps the latest forward's cache, for models
 * assembled from layers (cs231n-notebook style) and for carrying the hidden state from chunk to chunk (truncated
 * BPTT). The maths is ../layers/rnn.ts: h_t = act(x_t·Wx + h_{t−1}·Wh + b), act = tanh (default) or sigmoid.
 *
 * Legend: N batch, T time, D input size (inputSize), H hidden size (hiddenSize).
 */
import { ValueError } from '../errors';
import {
  RNN_PARAM_SHAPES, RnnActivation, RnnCache, RnnParams, checkRnnActivation, initRnnParams, rnnBackward, rnnForward,
} from '../layers/rnn';
import { RandomState } from '../random';
import { Tensor } from '../tensor/tensor';
import { RecurrentState, gradsLike } from './module';
import { SequenceGrads, SequenceModule, SequenceRun, moduleFromParams } from './sequence-module';

/** Options of `VanillaRNN`: the nonlinearity (default 'tanh'). */
export interface VanillaRNNOptions {
  activation?: RnnActivation;
}

/** A vanilla RNN layer over sequences. params: Wx [D, H], Wh [H, H], b [H], initialised by `initRnnParams`. */
export class VanillaRNN extends SequenceModule<RnnParams, RnnCache> {
  readonly params: RnnParams;
  readonly grads: RnnParams;
  readonly activation: RnnActivation;

  /**
   * inputSize D, hiddenSize H: positive integers; Wx then Wh are drawn from `rng` (randn / √fan-in, as cs231n), b = 0.
   */
  constructor(inputSize: number, hiddenSize: number, rng: RandomState, options: VanillaRNNOptions = {}) {
    const fn = 'VanillaRNN';
    super(fn, { cell: false, called: 'a vanilla RNN' }, inputSize, hiddenSize, rng);
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
    return moduleFromParams('VanillaRNN.fromParams', RNN_PARAM_SHAPES, '{ Wx, Wh, b }', params, (D, H) =>
      new VanillaRNN(D, H, new RandomState(0), options));
  }

  protected run(x: Tensor, start: RecurrentState, reuse: RnnCache | undefined): SequenceRun<RnnCache> {
    const { Wx, Wh, b } = this.params;
    return rnnForward(x, start.h, Wx, Wh, b, { activation: this.activation, precision: this.precision, reuse });
  }

  protected backwardThrough(dh: Tensor, cache: RnnCache, inputGrad: boolean): SequenceGrads<RnnParams> {
    return rnnBackward(dh, cache, { inputGrad });
  }
}
