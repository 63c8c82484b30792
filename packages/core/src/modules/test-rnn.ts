/**
 * TestRNN: the smallest whole recurrent model, assembled from class modules the way the cs231n assignment 3
 * notebooks assemble CaptioningRNN — an input layer, one recurrent cell, a temporal affine readout and the temporal
 * softmax loss — for checking gradients end to end and for overfitting tiny data sets before training for real.
 *
 *     x ids [N, T] ──── embed (WordEmbedding V → E) ───┐
 *                                                       ├─ e [N, T, E] ─ cell (rnn | lstm | gru | esn) ─ h [N, T, H]
 *     x [N, T, D] ───── proj (TemporalAffine D → E) ───┘        ↑ h0 [N, H] (zeros when omitted)
 *
 *     h [N, T, H] ─ out (TemporalAffine H → M) ─ scores [N, T, M] ─ temporal softmax loss against y [N, T]
 *
 *   loss = −(1/N) Σ_{n,t} mask[n, t] · log softmax(scores[n, t])[y[n, t]]   (summed over T, averaged over N)
 *
 * Parameters are named `<part>.<name>` (`embed.W` or `proj.w`, `proj.b`; `cell.Wx`, …; `out.w`, `out.b`) and are the
 * submodules' own tensors, so an optimizer stepping `params` trains the submodules.
 *
 * Legend: N batch, T time, D input features, V vocabulary size, E input vector size (dim), H hidden size,
 * M output size (outputSize).
 */
import { ShapeError, ValueError, formatShape } from '../errors';
import { checkIds, formatIndex } from '../layers/one-hot';
import { temporalSoftmaxLoss } from '../loss/temporal-softmax';
import { RandomState, checkRandomState } from '../random';
import { ShapeCheck, checkFinite, checkInteger, checkOptionsObject } from '../tensor/check';
import { Tensor } from '../tensor/tensor';
import { CompositeModule } from './composite-module';
import { CELL_TYPES, createCell } from './create-cell';
import type { CellType } from './create-cell';
import { EchoState } from './echo-state';
import { ParamMap, RecurrentModule, zeroGrads } from './module';
import { TemporalAffine } from './temporal-affine';
import { WordEmbedding } from './word-embedding';

/** The input layer of a TestRNN: a learned embedding of ids (V → E), or an affine map of feature vectors (D → E). */
export type TestRNNInput =
  | { type: 'embedding'; vocabSize: number; dim: number }
  | { type: 'affine'; inputSize: number; dim: number };

/** The architecture of a TestRNN: input layer, cell type, hiddenSize H ≥ 1 and outputSize M ≥ 1. */
export interface TestRNNOptions {
  input: TestRNNInput;
  cell: CellType;
  hiddenSize: number;
  outputSize: number;
}

/** Input layer → recurrent cell → temporal affine, with the temporal softmax loss (see the file header). */
export class TestRNN extends CompositeModule {
  readonly options: TestRNNOptions;
  private readonly input: WordEmbedding | TemporalAffine;
  private readonly cell: RecurrentModule;
  private readonly out: TemporalAffine;

  /**
   * Draws the weights from `rng` in the order input layer, cell, output layer, each by its module's initialiser
   * (embed.W ~ randn / 100, proj.w and out.w ~ randn / √fan-in, the cell's as `createCell`). Throws ValueError naming
   * the bad option.
   */
  constructor(options: TestRNNOptions, rng: RandomState) {
    super();
    const fn = 'TestRNN';
    checkTestRNNOptions(fn, options);
    checkRandomState(fn, rng);
    const { input, cell, hiddenSize: H, outputSize: M } = options;
    this.options = { input: { ...input }, cell, hiddenSize: H, outputSize: M };
    if (input.type === 'embedding') {
      this.input = new WordEmbedding(input.vocabSize, input.dim, rng);
      this.register('embed', this.input);
    } else {
      this.input = new TemporalAffine(input.inputSize, input.dim, rng);
      this.register('proj', this.input);
    }
    this.cell = createCell(cell, input.dim, H, rng);
    this.register('cell', this.cell, this.cell instanceof EchoState);
    this.out = new TemporalAffine(H, M, rng);
    this.register('out', this.out);
  }

  /**
   * Scores for every step. x: ids [N, T] in [0, V) (embedding input) or features [N, T, D] (affine input);
   * h0: [N, H], the initial hidden state (zeros when omitted; an LSTM's cell state starts at zero, as cs231n's
   * lstm_forward). Returns scores [N, T, M].
   */
  forward(x: Tensor, h0?: Tensor): Tensor {
    const fn = 'TestRNN.forward';
    this.checkInputs(fn, new ShapeCheck(fn), x, h0);
    return this.run(x, h0);
  }

  /**
   * Forward, temporal softmax loss and backward, as cs231n's CaptioningRNN.loss. y: [N, T] target ids in [0, M);
   * mask: [N, T] of 0s and 1s (1 = counts; all ones when omitted); x and h0 as in `forward`. The gradients are
   * zeroed, then filled; the returned `grads` is this model's own map (every parameter, the reservoir included).
   */
  loss(x: Tensor, y: Tensor, mask?: Tensor, h0?: Tensor): { loss: number; grads: ParamMap } {
    const fn = 'TestRNN.loss';
    const s = new ShapeCheck(fn);
    this.checkInputs(fn, s, x, h0);
    if (x.shape[0] === 0) {
      throw new ShapeError(`${fn}: x has shape ${formatShape(x.shape)}, expected N ≥ 1 (the loss is averaged over N)`);
    }
    s.check('y', y, ['N', 'T']);
    checkIds(fn, 'y', y, this.options.outputSize, 'from options.outputSize');
    if (mask !== undefined) {
      s.check('mask', mask, ['N', 'T']);
      const bad = mask.data.findIndex((m) => m !== 0 && m !== 1);
      if (bad >= 0) throw new ValueError(`${fn}: mask${formatIndex(mask.shape, bad)} is ${mask.data[bad]}, expected 0 or 1`);
    }
    const scores = this.run(x, h0);
    const { loss, dx: dscores } = temporalSoftmaxLoss(scores, y, mask);
    zeroGrads(this);
    const dh = this.out.backward(dscores); // [N, T, H]
    const de = this.cell.backward(dh); // [N, T, E]
    this.input.backward(de);
    return { loss, grads: this.grads };
  }

  /** Checks x against the input layer and h0 against [N, H], binding N and T in `s`. */
  private checkInputs(fn: string, s: ShapeCheck, x: Tensor, h0: Tensor | undefined): void {
    const { input, hiddenSize: H } = this.options;
    if (input.type === 'embedding') {
      s.check('x', x, ['N', 'T']);
      checkIds(fn, 'x', x, input.vocabSize, 'from options.input.vocabSize');
    } else {
      s.check('x', x, ['N', 'T', input.inputSize]);
      checkFinite(fn, 'x', x);
    }
    if (h0 !== undefined) {
      s.check('h0', h0, ['N', H]);
      checkFinite(fn, 'h0', h0);
    }
  }

  private run(x: Tensor, h0: Tensor | undefined): Tensor {
    const e = this.input.forward(x); // [N, T, E]
    const h = this.cell.forward(e, h0 === undefined ? undefined : { h: h0 }); // [N, T, H]
    return this.out.forward(h); // [N, T, M]
  }
}

function checkTestRNNOptions(fn: string, options: TestRNNOptions): void {
  checkOptionsObject(fn, options, "{ input: { type: 'embedding', vocabSize: 10, dim: 8 }, cell: 'lstm', hiddenSize: 16, outputSize: 10 }");
  const input = options.input as Partial<Record<string, unknown>> | null;
  if (input === null || typeof input !== 'object') {
    throw new ValueError(
      `${fn}: options.input is ${String(input)}, expected { type: 'embedding', vocabSize, dim } or { type: 'affine', inputSize, dim }`,
    );
  }
  if (input.type === 'embedding') checkInteger(fn, 'options.input.vocabSize', input.vocabSize, 1);
  else if (input.type === 'affine') checkInteger(fn, 'options.input.inputSize', input.inputSize, 1);
  else throw new ValueError(`${fn}: options.input.type is '${String(input.type)}', expected 'embedding' or 'affine'`);
  checkInteger(fn, 'options.input.dim', input.dim, 1);
  if (!CELL_TYPES.includes(options.cell)) {
    throw new ValueError(`${fn}: options.cell is '${String(options.cell)}', expected one of ${CELL_TYPES.join(', ')}`);
  }
  checkInteger(fn, 'options.hiddenSize', options.hiddenSize, 1);
  checkInteger(fn, 'options.outputSize', options.outputSize, 1);
}
