/**
 * LSTM as a class module: owns its parameters and gradients and keeps the latest forward's cache, for models assembled
 * from layers (cs231n-notebook style) and for carrying (h, c) from chunk to chunk (truncated BPTT). The maths is
 * ../layers/lstm.ts (cs231n's equations, gate order i, f, o, g).
 *
 * Legend: N batch, T time, D input size (inputSize), H hidden size (hiddenSize).
 */
import { ValueError } from '../errors';
import {
  LSTM_PARAM_SHAPES, LstmCache, LstmInitOptions, LstmParams, initLstmParams, lstmBackward, lstmForward,
} from '../layers/lstm';
import { RandomState } from '../random';
import { Tensor } from '../tensor/tensor';
import { RecurrentState, gradsLike } from './module';
import { SequenceGrads, SequenceModule, SequenceRun, moduleFromParams } from './sequence-module';

/** An LSTM layer over sequences. params: Wx [D, 4H], Wh [H, 4H], b [4H], initialised by `initLstmParams`. */
export class LSTM extends SequenceModule<LstmParams, LstmCache> {
  readonly params: LstmParams;
  readonly grads: LstmParams;

  /**
   * inputSize D, hiddenSize H: positive integers; Wx then Wh are drawn from `rng` (randn / √fan-in, as cs231n),
   * b = 0 except the forget-gate biases b[H:2H] = options.forgetBias (default 0).
   */
  constructor(inputSize: number, hiddenSize: number, rng: RandomState, options: LstmInitOptions = {}) {
    super('LSTM', { cell: true }, inputSize, hiddenSize, rng);
    if (options === null || typeof options !== 'object') {
      throw new ValueError(`LSTM: options is ${String(options)}, expected an object like { forgetBias: 1 }`);
    }
    const { forgetBias = 0 } = options;
    if (typeof forgetBias !== 'number' || !Number.isFinite(forgetBias)) {
      throw new ValueError(`LSTM: options.forgetBias is ${String(forgetBias)}, expected a finite number`);
    }
    this.params = initLstmParams(inputSize, hiddenSize, rng, options);
    this.grads = gradsLike(this.params) as LstmParams;
  }

  /**
   * A module with a copy of the given parameters (e.g. from a checkpoint). Wx: [D, 4H], Wh: [H, 4H], b: [4H]; D and H
   * must be at least 1. The given tensors are not shared.
   */
  static fromParams(params: LstmParams): LSTM {
    return moduleFromParams('LSTM.fromParams', LSTM_PARAM_SHAPES, '{ Wx, Wh, b }', params, (D, H) => new LSTM(D, H, new RandomState(0)));
  }

  protected run(x: Tensor, start: RecurrentState, reuse: LstmCache | undefined): SequenceRun<LstmCache> {
    const { Wx, Wh, b } = this.params;
    return lstmForward(x, start.h, Wx, Wh, b, { c0: start.c, precision: this.precision, reuse });
  }

  protected backwardThrough(dh: Tensor, cache: LstmCache, inputGrad: boolean): SequenceGrads<LstmParams> {
    return lstmBackward(dh, cache, { inputGrad });
  }
}
