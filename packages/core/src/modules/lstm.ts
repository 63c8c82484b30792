/**
 * LSTM as a class module: owns its parameters and gradients and keeps the latest forward's cache, for models assembled
 * from layers (cs231n-notebook style) and for carrying (h, c) from chunk to chunk (truncated BPTT). The maths is
 * ../layers/lstm.ts (cs231n's equations, gate order i, f, o, g).
 *
 * Legend: N batch, T time, D input size (inputSize), H hidden size (hiddenSize).
 */
import { ValueError } from '../errors';
import { LstmCache, LstmInitOptions, LstmParams, initLstmParams, lstmBackward, lstmForward } from '../layers/lstm';
import { RandomState, checkRandomState } from '../random';
import { ShapeCheck, checkInteger, checkSameShape } from '../tensor/check';
import { addScaledInPlace } from '../tensor/ops';
import { Tensor, zeros } from '../tensor/tensor';
import { getTimeStep } from '../tensor/time';
import { RecurrentModule, RecurrentState, gradsLike } from './module';

/** An LSTM layer over sequences. params: Wx [D, 4H], Wh [H, 4H], b [4H], initialised by `initLstmParams`. */
export class LSTM implements RecurrentModule {
  readonly params: LstmParams;
  readonly grads: LstmParams;
  private cache: LstmCache | null = null;
  private last: { h: Tensor; c: Tensor } | null = null;

  /**
   * inputSize D, hiddenSize H: positive integers; Wx then Wh are drawn from `rng` (randn / √fan-in, as cs231n),
   * b = 0 except the forget-gate biases b[H:2H] = options.forgetBias (default 0).
   */
  constructor(readonly inputSize: number, readonly hiddenSize: number, rng: RandomState, options: LstmInitOptions = {}) {
    checkInteger('LSTM', 'inputSize', inputSize, 1);
    checkInteger('LSTM', 'hiddenSize', hiddenSize, 1);
    checkRandomState('LSTM', rng);
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
    const fn = 'LSTM.fromParams';
    if (params === null || typeof params !== 'object') throw new ValueError(`${fn}: params must be { Wx, Wh, b }`);
    const s = new ShapeCheck(fn);
    s.check('params.Wh', params.Wh, ['H', '4H']);
    s.check('params.Wx', params.Wx, ['D', '4H']);
    s.check('params.b', params.b, ['4H']);
    const module = new LSTM(s.dim('D'), s.dim('H'), new RandomState(0));
    for (const name of ['Wx', 'Wh', 'b'] as const) module.params[name].data.set(params[name].data);
    return module;
  }

  /**
   * x: [N, T, D]; state.h, state.c: [N, H] (each zeros when omitted). Returns h [N, T, H] and keeps the cache for
   * `backward`.
   */
  forward(x: Tensor, state?: RecurrentState): Tensor {
    const fn = 'LSTM.forward';
    const s = new ShapeCheck(fn);
    s.check('x', x, ['N', 'T', this.inputSize]);
    const N = x.shape[0];
    let h0 = zeros([N, this.hiddenSize]);
    let c0 = zeros([N, this.hiddenSize]);
    if (state !== undefined) {
      if (state === null || typeof state !== 'object') throw new ValueError(`${fn}: state must be { h, c? } or undefined`);
      h0 = s.check('state.h', state.h, ['N', this.hiddenSize]);
      if (state.c !== undefined) c0 = s.check('state.c', state.c, ['N', this.hiddenSize]);
    }
    const { Wx, Wh, b } = this.params;
    const { h, c, cache } = lstmForward(x, h0, Wx, Wh, b, { c0 });
    this.cache = cache;
    const T = x.shape[1];
    this.last = T > 0 ? { h: getTimeStep(h, T - 1), c: getTimeStep(c, T - 1) } : { h: h0.clone(), c: c0.clone() };
    return h;
  }

  /** The state after the last step of the latest `forward`: { h: [N, H], c: [N, H] } (copies). */
  finalState(): RecurrentState {
    if (this.last === null) throw new Error('LSTM.finalState: no forward pass yet; call forward(x) first');
    return { h: this.last.h.clone(), c: this.last.c.clone() };
  }

  /** dh: [N, T, H]. Adds the parameter gradients into `grads` and returns dx [N, T, D] (dh0, dc0 are not kept). */
  backward(dh: Tensor): Tensor {
    if (this.cache === null) throw new Error('LSTM.backward: no forward pass yet; call forward(x) first');
    checkSameShape('LSTM.backward', 'dh', dh, this.cache.h, 'h from the latest forward');
    const g = lstmBackward(dh, this.cache);
    addScaledInPlace(this.grads.Wx, 1, g.dWx);
    addScaledInPlace(this.grads.Wh, 1, g.dWh);
    addScaledInPlace(this.grads.b, 1, g.db);
    return g.dx;
  }
}
