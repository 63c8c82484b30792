/**
 * Vanilla RNN as a class module: owns its parameters and gradients and keeps the latest forward's cache, for models
 * assembled from layers (cs231n-notebook style) and for carrying the hidden state from chunk to chunk (truncated
 * BPTT). The maths is ../layers/rnn.ts: h_t = act(x_t·Wx + h_{t−1}·Wh + b), act = tanh (default) or sigmoid.
 *
 * Legend: N batch, T time, D input size (inputSize), H hidden size (hiddenSize).
 */
import { ValueError } from '../errors';
import { RnnActivation, RnnCache, RnnParams, checkRnnActivation, initRnnParams, rnnBackward, rnnForward } from '../layers/rnn';
import { RandomState } from '../random';
import { ShapeCheck, checkSameShape } from '../tensor/check';
import { Tensor } from '../tensor/tensor';
import { RecurrentState, gradsLike } from './module';
import { SequenceGrads, SequenceModule, SequenceRun } from './sequence-module';

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

  protected run(x: Tensor, start: RecurrentState): SequenceRun<RnnCache> {
    const { Wx, Wh, b } = this.params;
    return rnnForward(x, start.h, Wx, Wh, b, { activation: this.activation });
  }

  protected backwardThrough(dh: Tensor, cache: RnnCache, fn: string, inputGrad: boolean): SequenceGrads<RnnParams> {
    checkSameShape(fn, 'dh', dh, cache.h, 'h from the latest forward');
    return rnnBackward(dh, cache, { inputGrad });
  }
}
