/**
 * GRU as a class module: owns its parameters and gradients and keeps the latest forward's cache, for models assembled
 * from layers (cs231n-notebook style). The maths is ../layers/gru.ts (torch.nn.GRU's equations, gate order r, z, n).
 *
 * Legend: N batch, T time, D input size (inputSize), H hidden size (hiddenSize).
 */
import { GRU_PARAM_SHAPES, GruCache, GruParams, gruBackward, gruForward, initGruParams } from '../layers/gru';
import { RandomState } from '../random';
import { Tensor } from '../tensor/tensor';
import { RecurrentState, gradsLike } from './module';
import { SequenceGrads, SequenceModule, SequenceRun, moduleFromParams } from './sequence-module';

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
    return moduleFromParams('GRU.fromParams', GRU_PARAM_SHAPES, '{ Wx, Wh, bx, bh }', params, (D, H) => new GRU(D, H, new RandomState(0)));
  }

  protected run(x: Tensor, start: RecurrentState, reuse: GruCache | undefined): SequenceRun<GruCache> {
    const { Wx, Wh, bx, bh } = this.params;
    return gruForward(x, start.h, Wx, Wh, bx, bh, { precision: this.precision, reuse });
  }

  protected backwardThrough(dh: Tensor, cache: GruCache, inputGrad: boolean): SequenceGrads<GruParams> {
    return gruBackward(dh, cache, { inputGrad });
  }
}
