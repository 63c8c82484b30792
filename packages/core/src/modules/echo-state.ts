/**
 * Echo state network as a class module, and the readouts trained on its states (Lukoševičius, "A Practical Guide to
 * Applying Echo State Networks", 2012). The reservoir (../layers/esn.ts) is drawn once and never trained:
 *
 *   h_t = (1 − a)·h_{t−1} + a·tanh(x_t·Win + h_{t−1}·W + b)        states, collected after a washout
 *   y_t = h_t·w + b_out                                              the readout, the only trained part
 *
 * The readout is fitted by ridge regression (closed form, ../layers/ridge.ts) for real-valued targets, or by gradient
 * descent on the softmax loss for class ids. Washout: the first steps of each sequence, dropped because the state
 * still remembers h0 there.
 *
 * Legend: N batch, T time, D input size (inputSize), H reservoir size (hiddenSize), V outputs or classes,
 * M collected states = N·(T − washout).
 */
import { ValueError } from '../errors';
import { EsnCache, EsnInitOptions, EsnParams, esnBackward, esnForward, initEsnParams } from '../layers/esn';
import { checkIds } from '../layers/one-hot';
import { Readout, ridgeReadout } from '../layers/ridge';
import { temporalAffineBackward, temporalAffineForward } from '../layers/temporal-affine';
import { temporalSoftmaxLoss } from '../loss/temporal-softmax';
import { RandomState, checkRandomState } from '../random';
import { ShapeCheck, checkFinite, checkInteger, checkSameShape, checkTensor } from '../tensor/check';
import { matmul } from '../tensor/matmul';
import { addBias, addScaledInPlace } from '../tensor/ops';
import { Tensor, zeros } from '../tensor/tensor';
import { RecurrentState, gradsLike } from './module';
import { SequenceGrads, SequenceModule, SequenceRun } from './sequence-module';

/** Options of `EchoState`: how the reservoir is drawn (see `initEsnParams`) and the leak rate a in (0, 1] (default 1). */
export interface EchoStateOptions extends EsnInitOptions {
  leakRate?: number;
}

/** An echo state reservoir over sequences. params: Win [D, H], W [H, H], b [H], drawn by `initEsnParams`. */
export class EchoState extends SequenceModule<EsnParams, EsnCache> {
  readonly params: EsnParams;
  readonly grads: EsnParams;
  /** The reservoir is fixed: optimizers must skip these params. `backward` still fills `grads` (gradient checks). */
  readonly trainable = false;
  readonly leakRate: number;

  /** inputSize D, hiddenSize H: positive integers; the reservoir is drawn from `rng` as `initEsnParams` does. */
  constructor(inputSize: number, hiddenSize: number, rng: RandomState, options: EchoStateOptions = {}) {
    const fn = 'EchoState';
    super(fn, { cell: false, called: 'an echo state network' }, inputSize, hiddenSize, rng);
    if (options === null || typeof options !== 'object') {
      throw new ValueError(`${fn}: options is ${String(options)}, expected an object like { spectralRadius: 0.9, leakRate: 0.3 }`);
    }
    const { leakRate = 1, ...init } = options;
    if (typeof leakRate !== 'number' || !(leakRate > 0 && leakRate <= 1)) {
      throw new ValueError(`${fn}: options.leakRate is ${String(leakRate)}, expected a number in (0, 1]`);
    }
    this.leakRate = leakRate;
    this.params = initEsnParams(inputSize, hiddenSize, rng, init);
    this.grads = gradsLike(this.params) as EsnParams;
  }

  protected run(x: Tensor, start: RecurrentState, reuse: EsnCache | undefined): SequenceRun<EsnCache> {
    const { Win, W, b } = this.params;
    return esnForward(x, start.h, Win, W, b, { leakRate: this.leakRate, precision: this.precision, reuse });
  }

  protected backwardThrough(dh: Tensor, cache: EsnCache, inputGrad: boolean): SequenceGrads<EsnParams> {
    return esnBackward(dh, cache, { inputGrad });
  }
}

/**
 * seq [N, T, ...rest] without its first `washout` steps, flattened to [N·(T − washout), ...rest] in (n, t) order: the
 * rows of `collectStates`, so targets [N, T, V] (or ids [N, T]) line up with them. washout: an integer in [0, T).
 */
export function dropWashout(seq: Tensor, washout: number): Tensor {
  const fn = 'dropWashout';
  checkTensor(fn, 'seq', seq);
  if (seq.rank < 2) throw new ValueError(`${fn}: seq has rank ${seq.rank}, expected [N, T, ...] (rank >= 2)`);
  const [N, T] = seq.shape;
  checkInteger(fn, 'washout', washout, 0, T - 1);
  const rest = seq.shape.slice(2);
  const inner = rest.reduce((p, d) => p * d, 1);
  const out = zeros([N * (T - washout), ...rest]);
  for (let n = 0; n < N; n++) {
    out.data.set(seq.data.subarray((n * T + washout) * inner, (n + 1) * T * inner), n * (T - washout) * inner);
  }
  return out;
}

/** Options of `collectStates` and `trainEsnReadout`. */
export interface CollectOptions {
  /** Steps dropped at the start of every sequence, an integer in [0, T). Default 0. */
  washout?: number;
  /** Initial state { h: [N, H] }; zeros when omitted. */
  state?: RecurrentState;
}

/** Runs `esn` over x [N, T, D] and returns its states after the washout, states [N·(T − washout), H]. */
export function collectStates(esn: EchoState, x: Tensor, options: CollectOptions = {}): Tensor {
  if (!(esn instanceof EchoState)) throw new ValueError(`collectStates: esn is ${typeof esn}, expected an EchoState`);
  const h = esn.forward(x, options.state);
  return dropWashout(h, options.washout ?? 0);
}

/**
 * Fits a ridge readout from esn's states on x [N, T, D] to targets y [N, T, V] (both after the washout): returns
 * { w [H, V], b [V] }. lambda ≥ 0, default 1e-8 (the penalty on w; b is not penalised).
 */
export function trainEsnReadout(
  esn: EchoState, x: Tensor, y: Tensor, options: CollectOptions & { lambda?: number } = {},
): Readout {
  const s = new ShapeCheck('trainEsnReadout');
  s.check('x', x, ['N', 'T', 'D']);
  s.check('y', y, ['N', 'T', 'V']);
  const states = collectStates(esn, x, options);
  return ridgeReadout(states, dropWashout(y, options.washout ?? 0), options.lambda ?? 1e-8);
}

/** The readout's outputs: states [M, H] → states·w + b [M, V]. */
export function applyReadout(states: Tensor, readout: Readout): Tensor {
  const s = new ShapeCheck('applyReadout');
  s.check('readout.w', readout?.w, ['H', 'V']);
  s.check('readout.b', readout.b, ['V']);
  s.check('states', states, ['M', 'H']);
  return addBias(matmul(states, readout.w), readout.b);
}

/** Options of `trainReadoutByGradientDescent`. */
export interface GradientDescentReadoutOptions {
  /** The number of classes V (ids are in [0, V)). */
  vocabSize: number;
  /** Draws w = 0.01·randn(H, V) first, then each iteration's minibatch rows (randint(0, M, batchSize)). */
  rng: RandomState;
  /** Gradient steps, an integer ≥ 1. Default 500. */
  iterations?: number;
  /** Step size, > 0. Default 0.5. */
  learningRate?: number;
  /** Rows per step, an integer in [1, M]; the full batch (no draws) when omitted or equal to M. */
  batchSize?: number;
}

/**
 * A softmax readout for class ids by plain gradient descent on the cross-entropy: states [M, H], y [M] ids in
 * [0, V). Each step is a temporal affine layer and the temporal softmax loss on the batch as [B, 1, ·] (so the loss
 * is the mean over rows). Returns { w [H, V], b [V], losses } with the loss before each step.
 */
export function trainReadoutByGradientDescent(
  states: Tensor, y: Tensor, options: GradientDescentReadoutOptions,
): Readout & { losses: number[] } {
  const fn = 'trainReadoutByGradientDescent';
  const s = new ShapeCheck(fn);
  s.check('states', states, ['M', 'H']);
  s.check('y', y, ['M']);
  if (options === null || typeof options !== 'object') throw new ValueError(`${fn}: options must be { vocabSize, rng, ... }`);
  const [M, H] = states.shape;
  if (M === 0) throw new ValueError(`${fn}: states has no rows (M = 0), expected at least one sample`);
  checkFinite(fn, 'states', states);
  const { vocabSize: V, rng, iterations = 500, learningRate = 0.5, batchSize = M } = options;
  checkInteger(fn, 'options.vocabSize', V, 1);
  checkIds(fn, 'y', y, V, 'from options.vocabSize');
  checkRandomState(fn, rng);
  checkInteger(fn, 'options.iterations', iterations, 1);
  if (typeof learningRate !== 'number' || !(learningRate > 0 && Number.isFinite(learningRate))) {
    throw new ValueError(`${fn}: options.learningRate is ${String(learningRate)}, expected a finite number > 0`);
  }
  checkInteger(fn, 'options.batchSize', batchSize, 1, M);
  const w = rng.randn(H, V);
  for (let i = 0; i < w.size; i++) w.data[i] *= 0.01;
  const b = zeros([V]);
  const losses: number[] = [];
  let x = states.reshape([M, 1, H]);
  let target = y.reshape([M, 1]);
  for (let it = 0; it < iterations; it++) {
    if (batchSize < M) [x, target] = sampleRows(states, y, batchSize, rng);
    const { out, cache } = temporalAffineForward(x, w, b);
    const { loss, dx } = temporalSoftmaxLoss(out, target);
    const { dw, db } = temporalAffineBackward(dx, cache);
    addScaledInPlace(w, -learningRate, dw);
    addScaledInPlace(b, -learningRate, db);
    losses.push(loss);
  }
  return { w, b, losses };
}

/** batchSize rows drawn with replacement: states rows as [B, 1, H] and their ids as [B, 1]. */
function sampleRows(states: Tensor, y: Tensor, batchSize: number, rng: RandomState): [Tensor, Tensor] {
  const [M, H] = states.shape;
  const rows = rng.randint(0, M, batchSize);
  const x = zeros([batchSize, 1, H]);
  const target = zeros([batchSize, 1]);
  for (let i = 0; i < batchSize; i++) {
    const r = rows.data[i];
    x.data.set(states.data.subarray(r * H, (r + 1) * H), i * H);
    target.data[i] = y.data[r];
  }
  return [x, target];
}
