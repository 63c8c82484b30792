/**
 * GRU as a class module: owns its parameters and gradients and keeps the latest forward's cache, for models assembled
 * from layers (cs231n-notebook style). The maths is ../layers/gru.ts (torch.nn.GRU's equations, gate order r, z, n).
 *
 * Legend: N batch, T time, D input size (inputSize), H hidden size (hiddenSize).
 */
import { ValueError } from '../errors';
import { GruCache, GruParams, gruBackward, gruForward, initGruParams } from '../layers/gru';
import { RandomState, checkRandomState } from '../random';
import { ShapeCheck, checkInteger } from '../tensor/check';
import { addScaledInPlace } from '../tensor/ops';
import { Tensor, zeros } from '../tensor/tensor';
import { getTimeStep } from '../tensor/time';
import { RecurrentModule, RecurrentState, gradsLike } from './module';

/** A GRU layer over sequences. params: Wx [D, 3H], Wh [H, 3H], bx [3H], bh [3H], initialised by `initGruParams`. */
export class GRU implements RecurrentModule {
  readonly params: GruParams;
  readonly grads: GruParams;
  private cache: GruCache | null = null;
  private last: Tensor | null = null;

  /** inputSize D, hiddenSize H: positive integers; the weights are drawn from `rng` (U(−1/√H, 1/√H), as torch). */
  constructor(readonly inputSize: number, readonly hiddenSize: number, rng: RandomState) {
    checkInteger('GRU', 'inputSize', inputSize, 1);
    checkInteger('GRU', 'hiddenSize', hiddenSize, 1);
    checkRandomState('GRU', rng);
    this.params = initGruParams(inputSize, hiddenSize, rng);
    this.grads = gradsLike(this.params) as GruParams;
  }

  /**
   * A module with a copy of the given parameters, e.g. from a checkpoint or from torch.nn.GRU (Wx = weight_ih_l0ᵀ,
   * Wh = weight_hh_l0ᵀ, bx = bias_ih_l0, bh = bias_hh_l0). Wx: [D, 3H], Wh: [H, 3H], bx, bh: [3H]; D, H ≥ 1.
   */
  static fromParams(params: GruParams): GRU {
    const fn = 'GRU.fromParams';
    if (params === null || typeof params !== 'object') throw new ValueError(`${fn}: params must be { Wx, Wh, bx, bh }`);
    const s = new ShapeCheck(fn);
    s.check('params.Wx', params.Wx, ['D', '3H']);
    s.check('params.Wh', params.Wh, ['H', '3H']);
    s.check('params.bx', params.bx, ['3H']);
    s.check('params.bh', params.bh, ['3H']);
    const module = new GRU(s.dim('D'), s.dim('H'), new RandomState(0));
    for (const name of ['Wx', 'Wh', 'bx', 'bh'] as const) module.params[name].data.set(params[name].data);
    return module;
  }

  /** x: [N, T, D]; state.h: [N, H] (zeros when omitted). Returns h [N, T, H] and keeps the cache for `backward`. */
  forward(x: Tensor, state?: RecurrentState): Tensor {
    const s = new ShapeCheck('GRU.forward');
    s.check('x', x, ['N', 'T', this.inputSize]);
    const N = x.shape[0];
    let h0: Tensor;
    if (state === undefined) {
      h0 = zeros([N, this.hiddenSize]);
    } else {
      if (typeof state !== 'object' || state === null) throw new ValueError('GRU.forward: state must be { h } or undefined');
      if (state.c !== undefined) throw new ValueError('GRU.forward: state has a cell state c, but a GRU has none');
      h0 = s.check('state.h', state.h, ['N', this.hiddenSize]);
    }
    const { Wx, Wh, bx, bh } = this.params;
    const { h, cache } = gruForward(x, h0, Wx, Wh, bx, bh);
    this.cache = cache;
    this.last = x.shape[1] > 0 ? getTimeStep(h, x.shape[1] - 1) : h0.clone();
    return h;
  }

  /** The hidden state after the last step of the latest `forward` ({ h: [N, H] }, a copy). */
  finalState(): RecurrentState {
    if (this.last === null) throw new Error('GRU.finalState: no forward pass yet; call forward(x) first');
    return { h: this.last.clone() };
  }

  /** dh: [N, T, H]. Adds the parameter gradients into `grads` and returns dx [N, T, D] (dh0 is not kept). */
  backward(dh: Tensor): Tensor {
    if (this.cache === null) throw new Error('GRU.backward: no forward pass yet; call forward(x) first');
    const g = gruBackward(dh, this.cache);
    addScaledInPlace(this.grads.Wx, 1, g.dWx);
    addScaledInPlace(this.grads.Wh, 1, g.dWh);
    addScaledInPlace(this.grads.bx, 1, g.dbx);
    addScaledInPlace(this.grads.bh, 1, g.dbh);
    return g.dx;
  }
}
