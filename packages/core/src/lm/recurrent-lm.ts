/**
 * RecurrentLM: the batched language model behind `rnnlab train --model rnn|lstm|gru|esn` (char-rnn's model, and the
 * cs231n TestRNN / CaptioningRNN shape): input → L stacked recurrent layers → temporal affine → softmax.
 *
 *     x ids [N, T] ─ one-hot [N, T, V] or embedding [N, T, E] ─ cell₁ ─ dropout ─ … ─ cell_L ─ dropout ─ affine → scores [N, T, V]
 *
 * As in char-rnn, dropout sits on the input of every layer but the first and on the top layer's output. The loss is
 * the mean per-character (per-token) cross-entropy: cs231n's temporal softmax loss (summed over T, averaged over N)
 * divided by T. Parameters are named `<layer>.<param>` (`embed.W`, `cell0.Wx`, `out.w`), shared by reference with the
 * layer modules, so optimizers and checkpoints see one flat map.
 */
import { ValueError } from '../errors';
import { dropoutBackward, dropoutForward, checkDropProbability } from '../layers/dropout';
import type { DropoutCache } from '../layers/dropout';
import { oneHot } from '../layers/one-hot';
import { temporalSoftmaxLoss } from '../loss/temporal-softmax';
import { CompositeModule } from '../modules/composite-module';
import { CELL_TYPES, createCell } from '../modules/create-cell';
import type { CellType } from '../modules/create-cell';
import { EchoState } from '../modules/echo-state';
import type { RecurrentModule, RecurrentState } from '../modules/module';
import { TemporalAffine } from '../modules/temporal-affine';
import { WordEmbedding } from '../modules/word-embedding';
import { PRECISIONS } from '../kernels/wasm';
import type { Precision } from '../kernels/wasm';
import { RandomState } from '../random';
import { ShapeCheck, checkInteger } from '../tensor/check';
import { scale } from '../tensor/ops';
import { Tensor } from '../tensor/tensor';

/** The recurrent cells a RecurrentLM can stack (defined beside `createCell`, re-exported for existing imports). */
export { CELL_TYPES };
export type { CellType };

/** Everything needed to rebuild a RecurrentLM (saved in checkpoints). */
export interface RecurrentLMConfig {
  vocabSize: number;
  cell: CellType;
  /** Number of stacked recurrent layers, ≥ 1. */
  layers: number;
  hiddenSize: number;
  /** null: one-hot input (char-rnn's choice for characters); a number: a learned embedding of that size. */
  embeddingSize: number | null;
  /** Drop probability between layers and before the output layer, in [0, 1). */
  dropout: number;
  /** Initial bias of the LSTM forget gates (char-rnn uses 1 to encourage remembering early on). */
  forgetBias: number;
  /**
   * The arithmetic of the layers' kernels: 'float64' (the default when omitted) or 'float32', about twice as fast
   * (twice the SIMD lanes) and accurate to float32 rounding. Parameters and optimizer state stay float64.
   */
  precision?: Precision;
}

/** Options of one forward pass. */
export interface ForwardOptions {
  /** Training mode: dropout is active (needs `rng`). */
  train: boolean;
  rng?: RandomState;
}

interface ForwardCache {
  x: Tensor;
  dropouts: DropoutCache[];
}

/** Validates a config, naming the bad field. */
export function checkLMConfig(fn: string, config: RecurrentLMConfig): void {
  checkInteger(fn, 'config.vocabSize', config.vocabSize, 2);
  if (!CELL_TYPES.includes(config.cell)) {
    throw new ValueError(`${fn}: config.cell is '${String(config.cell)}', expected one of ${CELL_TYPES.join(', ')}`);
  }
  checkInteger(fn, 'config.layers', config.layers, 1);
  checkInteger(fn, 'config.hiddenSize', config.hiddenSize, 1);
  if (config.embeddingSize !== null) checkInteger(fn, 'config.embeddingSize', config.embeddingSize, 1);
  checkDropProbability(fn, 'config.dropout', config.dropout);
  if (config.precision !== undefined && !PRECISIONS.includes(config.precision)) {
    const got = typeof config.precision === 'string' ? `'${config.precision}'` : String(config.precision);
    throw new ValueError(`${fn}: config.precision is ${got}, expected 'float64' or 'float32'`);
  }
  if (!Number.isFinite(config.forgetBias)) {
    throw new ValueError(`${fn}: config.forgetBias is ${config.forgetBias}, expected a finite number`);
  }
}

/** The gate count of each cell: its Wx is [D, gates·H]. */
const CELL_GATES: Record<CellType, number> = { rnn: 1, lstm: 4, gru: 3, esn: 1 };

/**
 * The name and shape of every parameter a RecurrentLM with `config` has, in the order the model registers them,
 * worked out from the config alone (no weights drawn): for checking stored weights before building the model, and
 * for estimating its size. Legend: V vocabSize, E embeddingSize, H hiddenSize, D a layer's input size.
 */
export function recurrentLMParamShapes(config: RecurrentLMConfig): Record<string, number[]> {
  checkLMConfig('recurrentLMParamShapes', config);
  const { vocabSize: V, hiddenSize: H, embeddingSize: E, cell } = config;
  const shapes: Record<string, number[]> = {};
  if (E !== null) shapes['embed.W'] = [V, E];
  const G = CELL_GATES[cell] * H;
  for (let l = 0; l < config.layers; l++) {
    const D = l > 0 ? H : (E ?? V);
    const p = `cell${l}`;
    if (cell === 'esn') Object.assign(shapes, { [`${p}.Win`]: [D, H], [`${p}.W`]: [H, H], [`${p}.b`]: [H] });
    else if (cell === 'gru') Object.assign(shapes, { [`${p}.Wx`]: [D, G], [`${p}.Wh`]: [H, G], [`${p}.bx`]: [G], [`${p}.bh`]: [G] });
    else Object.assign(shapes, { [`${p}.Wx`]: [D, G], [`${p}.Wh`]: [H, G], [`${p}.b`]: [G] });
  }
  shapes['out.w'] = [H, V];
  shapes['out.b'] = [V];
  return shapes;
}

export class RecurrentLM extends CompositeModule {
  readonly config: RecurrentLMConfig;
  private readonly embed: WordEmbedding | null;
  private readonly cells: RecurrentModule[] = [];
  private readonly out: TemporalAffine;
  private cache: ForwardCache | null = null;

  /** Draws the initial weights from `rng` in layer order: embedding, cells bottom to top, output layer. */
  constructor(config: RecurrentLMConfig, rng: RandomState) {
    super();
    checkLMConfig('RecurrentLM', config);
    this.config = { ...config };
    const { vocabSize: V, hiddenSize: H, embeddingSize: E } = config;
    this.embed = E === null ? null : new WordEmbedding(V, E, rng);
    if (this.embed !== null) this.register('embed', this.embed);
    for (let l = 0; l < config.layers; l++) {
      const D = l > 0 ? H : (E ?? V);
      const cell = createCell(config.cell, D, H, rng, { forgetBias: config.forgetBias });
      cell.precision = config.precision ?? 'float64';
      cell.reuseBuffers = true; // the model hands h only to the next layer, within one step
      this.cells.push(cell);
      this.register(`cell${l}`, cell, cell instanceof EchoState);
    }
    this.out = new TemporalAffine(H, V, rng);
    this.out.precision = config.precision ?? 'float64';
    this.register('out', this.out);
  }

  /**
   * A model holding copies of the given weights (from a checkpoint, or converted from PyTorch), named and shaped as
   * `recurrentLMParamShapes(config)` says. Throws ValueError naming a missing, extra or misshapen parameter.
   */
  static fromParams(config: RecurrentLMConfig, params: Record<string, Tensor>): RecurrentLM {
    const fn = 'RecurrentLM.fromParams';
    const shapes = recurrentLMParamShapes(config);
    const names = Object.keys(shapes);
    const given = Object.keys(params);
    const missing = names.filter((n) => !(n in params));
    const extra = given.filter((n) => !(n in shapes));
    if (missing.length > 0 || extra.length > 0) {
      throw new ValueError(`${fn}: params has [${given.join(', ')}], expected [${names.join(', ')}] (from config)`);
    }
    for (const name of names) {
      const t = params[name];
      if (!(t instanceof Tensor) || t.shape.join(',') !== shapes[name].join(',')) {
        const got = t instanceof Tensor ? `[${t.shape.join(', ')}]` : typeof t;
        throw new ValueError(`${fn}: params.${name} has shape ${got}, expected [${shapes[name].join(', ')}] (from config)`);
      }
    }
    // Building draws initial weights; an ESN's reservoir init needs a generator too. They are all replaced.
    const model = new RecurrentLM(config, new RandomState(0));
    for (const name of names) model.params[name].data.set(params[name].data);
    return model;
  }

  /** Zero states for a batch of N sequences. */
  initialState(N: number): RecurrentState[] {
    return this.cells.map(() => ({ h: new Tensor(new Float64Array(N * this.config.hiddenSize), [N, this.config.hiddenSize]) }));
  }

  /**
   * Scores for every position: x ids [N, T] → scores [N, T, V]. `state` (one entry per layer, from `finalState()` of
   * the previous chunk) carries the hidden state across chunks; zeros when omitted. Keeps the cache for `backward`.
   */
  forward(x: Tensor, state: RecurrentState[] | undefined, options: ForwardOptions): Tensor {
    new ShapeCheck('RecurrentLM.forward').check('x', x, ['N', 'T']);
    if (state !== undefined && state.length !== this.cells.length) {
      throw new ValueError(`RecurrentLM.forward: state has ${state.length} layers, expected ${this.cells.length} (config.layers)`);
    }
    let input = this.embed === null ? oneHot(x, this.config.vocabSize) : this.embed.forward(x);
    const dropouts: DropoutCache[] = [];
    this.cells.forEach((cell, l) => {
      if (l > 0) input = this.drop(input, options, dropouts);
      input = cell.forward(input, state?.[l]);
    });
    input = this.drop(input, options, dropouts);
    this.cache = { x, dropouts };
    return this.out.forward(input);
  }

  /** The state after the last step of the latest forward, one entry per layer. */
  finalState(): RecurrentState[] {
    return this.cells.map((cell) => cell.finalState());
  }

  /**
   * Backpropagates dscores [N, T, V] through the latest forward, adding into `grads`. With a one-hot input the first
   * layer's dx [N, T, V] would be thrown away, so it is not computed (about a quarter of the multiply-adds).
   */
  backward(dscores: Tensor): void {
    if (this.cache === null) throw new Error('RecurrentLM.backward: call forward first');
    const { dropouts } = this.cache;
    let d = dropoutBackward(this.out.backward(dscores), dropouts[dropouts.length - 1]);
    for (let l = this.cells.length - 1; l > 0; l--) d = dropoutBackward(this.cells[l].backward(d), dropouts[l - 1]);
    if (this.embed === null) this.cells[0].backwardParamsOnly(d);
    else this.embed.backward(this.cells[0].backward(d));
  }

  /**
   * Forward, mean per-token cross-entropy against targets y [N, T], and backward (gradients are zeroed first).
   * Returns the loss and the final state to carry into the next chunk.
   */
  lossAndGrads(x: Tensor, y: Tensor, state: RecurrentState[] | undefined, options: ForwardOptions): { loss: number; state: RecurrentState[] } {
    const scores = this.forward(x, state, options);
    const T = x.shape[1];
    const { loss, dx } = temporalSoftmaxLoss(scores, y);
    this.zeroGrads();
    this.backward(scale(dx, 1 / T, dx));
    return { loss: loss / T, state: this.finalState() };
  }

  /** Mean per-token loss without gradients (validation). */
  loss(x: Tensor, y: Tensor, state: RecurrentState[] | undefined): { loss: number; state: RecurrentState[] } {
    const scores = this.forward(x, state, { train: false });
    return { loss: temporalSoftmaxLoss(scores, y).loss / x.shape[1], state: this.finalState() };
  }

  /** Sets every gradient to zero. */
  zeroGrads(): void {
    for (const g of Object.values(this.grads)) g.data.fill(0);
  }

  private drop(input: Tensor, options: ForwardOptions, caches: DropoutCache[]): Tensor {
    const { out, cache } = dropoutForward(input, this.config.dropout, options);
    caches.push(cache);
    return out;
  }
}

/** RecurrentLM's config without the input choice, for the level-specific models below. */
export type LevelLMConfig = Omit<RecurrentLMConfig, 'embeddingSize'> & { embeddingSize?: number | null };

/** The character-level model (char-rnn): one-hot input unless an embedding size is given. */
export class CharLM extends RecurrentLM {
  constructor(config: LevelLMConfig, rng: RandomState) {
    super({ ...config, embeddingSize: config.embeddingSize ?? null }, rng);
  }
}

/**
 * The word-level model: a learned embedding (of size hiddenSize unless given), since one-hot rows over a vocabulary
 * of thousands of words would make the first layer's input as wide as the vocabulary.
 */
export class WordLM extends RecurrentLM {
  constructor(config: LevelLMConfig, rng: RandomState) {
    super({ ...config, embeddingSize: config.embeddingSize ?? config.hiddenSize }, rng);
  }
}
