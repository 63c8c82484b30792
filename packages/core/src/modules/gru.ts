/**
 * GRU as a class module: owns its parameters and gradients and keeps the latest forward's cache, for models assembled
 * from layers (cs231n-notebook style). The maths is ../layers/gru.ts (torch.nn.GRU's equations, gate order r, z, n).
 *
 * Legend: N batch, T time, D input size (inputSize), H hidden size (hiddenSize).
 */
import { ValueError } from '../errors';
import { GruCache, GruParams, gruBackward, gruForward, initGruParams } from '../layers/gru';
import { RandomState } from '../random';
import { ShapeCheck } from '../tensor/check';
import { Tensor } from '../tensor/tensor';
import { RecurrentState, gradsLike } from './module';
import { SequenceGrads, SequenceModule, SequenceRun } from './sequence-module';

/** A GRU layer over sequences. params: Wx [D, 3H], Wh [H, 3H], bx [3H], bh [3H], initialised by `initGruParams`. */
export class GRU extends SequenceModule<GruParams, GruCache> {
  readonly params: GruParams;
  readonly grads: GruParams;

  /** inputSize D, hiddenSize H: positive integers; the weights are drawn from `rng` (U(−1/√H, 1/√H), as torch). */
  constructor(inputSize: number, hiddenSize: number, rng: RandomState) {
    super('GRU', { cell: false, called: 'a GRU' }, inputSize, hiddenSize, rng);
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

  protected run(x: Tensor, start: RecurrentState): SequenceRun<GruCache> {
    const { Wx, Wh, bx, bh } = this.params;
    return gruForward(x, start.h, Wx, Wh, bx, bh);
  }

  /** dh is checked by gruBackward itself (the cache holds no h to compare it with). */
  protected backwardThrough(dh: Tensor, cache: GruCache, fn: string, inputGrad: boolean): SequenceGrads<GruParams> {
    return gruBackward(dh, cache, { inputGrad });
  }
}
