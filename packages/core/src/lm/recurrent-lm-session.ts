/**
 * Training session for the batched language models (RecurrentLM: rnn | lstm | gru | esn), as char-rnn trains them:
 * B parallel streams over the corpus, truncated BPTT over seqLength steps with the hidden state carried from one
 * batch to the next (reset at every epoch start), elementwise gradient clipping, any optimizer, learning-rate decay
 * per epoch after `lrDecayAfter` epochs, and a validation split.
 *
 * The loss is the mean cross-entropy per token (nats); smoothLoss is its exponential moving average with factor 0.99,
 * bias-corrected as Adam's moments are (avg / (1 − 0.99ᵏ) after k iterations), so it follows the loss from the start
 * instead of creeping down from ln V.
 *
 * `snapshot()` / `LMSession.restore()` hand the whole training state out and back as typed values (tensors, not
 * JSON); ../checkpoint/lm-body.ts turns that into a checkpoint body and checks one field by field.
 */
import { ValueError, formatShape } from '../errors';
import { BatchLoader } from '../data/loader';
import type { Vocab } from '../data/vocab';
import { allFinite } from '../modules/module';
import type { ParamMap, RecurrentState } from '../modules/module';
import { clipGradsElementwise, createOptimizer, globalGradNorm } from '../optim';
import type { Optimizer, OptimizerName, OptimizerState } from '../optim';
import { RandomState } from '../random';
import type { RandomStateSnapshot } from '../random';
import { checkInteger } from '../tensor/check';
import { Tensor } from '../tensor/tensor';
import { DataParallelLM } from './data-parallel';
import { RecurrentLM, checkLMConfig } from './recurrent-lm';
import type { RecurrentLMConfig } from './recurrent-lm';
import { sampleTokens } from './sampling';
import type { StepResult, TextSamplingOptions, TrainingSession } from './training-session';

/** How the batched models are trained. */
export interface LMTrainingConfig {
  batchSize: number;
  seqLength: number;
  optimizer: OptimizerName;
  learningRate: number;
  /** Elementwise gradient clip (|g| ≤ clip); 0 turns clipping off. */
  clip: number;
  /** Multiply the learning rate by this at the end of every epoch e ≥ lrDecayAfter (char-rnn's rule). */
  lrDecay: number;
  lrDecayAfter: number;
  valFraction: number;
  seed: number;
}

/** Everything a session needs to continue exactly where it stopped (what `snapshot()` returns). */
export interface LMSessionState {
  model: RecurrentLMConfig;
  /** The training settings, learningRate as decayed so far. */
  training: LMTrainingConfig;
  vocab: Vocab;
  /** Every parameter of the model (the reservoir of an ESN included), by RecurrentLM's names. */
  params: ParamMap;
  optimizer: OptimizerState;
  rng: RandomStateSnapshot;
  /** The 0.99 moving average of the loss before bias correction (0 before the first step). */
  lossAverage: number;
  /** The loss of the first iteration (null before it). */
  firstLoss: number | null;
  iteration: number;
  /** The hidden state carried into the next batch, one entry per layer (null at an epoch start). */
  carriedState: RecurrentState[] | null;
}

/** The checkpoint kind of this session. */
export const LM_KIND = 'recurrent-lm';

/** Checks a training config, naming the bad field. */
export function checkTrainingConfig(fn: string, c: LMTrainingConfig): void {
  checkInteger(fn, 'batchSize', c.batchSize, 1);
  checkInteger(fn, 'seqLength', c.seqLength, 1);
  const positive = (name: string, v: number, allowZero = false) => {
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || (!allowZero && v === 0)) {
      throw new ValueError(`${fn}: ${name} is ${String(v)}, expected a ${allowZero ? 'non-negative' : 'positive'} finite number`);
    }
  };
  positive('learningRate', c.learningRate);
  positive('clip', c.clip, true);
  if (!(c.lrDecay > 0 && c.lrDecay <= 1)) throw new ValueError(`${fn}: lrDecay is ${c.lrDecay}, expected a number in (0, 1]`);
  checkInteger(fn, 'lrDecayAfter', c.lrDecayAfter, 0);
  checkInteger(fn, 'seed', c.seed, 0, 2 ** 32 - 1);
}

/** How a session runs, not what it computes: not saved in checkpoints, free to change on every resume. */
export interface LMRuntime {
  /**
   * Threads that share each batch, the calling one included (default 1): more than one trains a DataParallelLM —
   * the same model and losses up to rounding (dropout masks depend on the thread count). Call `ready()` before the
   * first step and `close()` at the end.
   */
  threads?: number;
}

/** The unit of a batched language model session's loss. */
export const LM_LOSS_LABEL = 'loss (nats per token, mean over the batch)';

export class LMSession implements TrainingSession {
  readonly kind = LM_KIND;
  readonly lossLabel = LM_LOSS_LABEL;
  readonly model: RecurrentLM;
  private readonly loader: BatchLoader;
  private readonly optimizer: Optimizer;
  private readonly rng: RandomState;
  private state: RecurrentState[] | undefined;
  private iter = 0;
  private lossAverage = 0;
  private first: number | null = null;

  /** A new model drawn from RandomState(seed); `ids` is the encoded corpus. */
  constructor(
    readonly vocab: Vocab,
    ids: ArrayLike<number>,
    readonly modelConfig: RecurrentLMConfig,
    readonly training: LMTrainingConfig,
    runtime: LMRuntime = {},
  ) {
    checkLMConfig('LMSession', modelConfig);
    checkTrainingConfig('LMSession', training);
    if (modelConfig.vocabSize !== vocab.size) {
      throw new ValueError(`LMSession: model.vocabSize is ${modelConfig.vocabSize}, expected ${vocab.size} (from the vocabulary)`);
    }
    this.rng = new RandomState(training.seed);
    const threads = runtime.threads ?? 1;
    this.model = threads === 1 ? new RecurrentLM(modelConfig, this.rng) : new DataParallelLM(modelConfig, this.rng, { threads });
    this.loader = new BatchLoader(ids, { batchSize: training.batchSize, seqLength: training.seqLength, valFraction: training.valFraction });
    this.optimizer = createOptimizer(training.optimizer, { learningRate: training.learningRate });
  }

  /**
   * Rebuilds a session from `snapshot()` output on the encoded corpus `ids`, ready to continue where it stopped.
   * `overrides` replace training settings (a new learning rate, no validation split for sampling only). Throws
   * ValueError / ShapeError naming the field of `state` that does not fit the model.
   */
  static restore(state: LMSessionState, ids: ArrayLike<number>, overrides: Partial<LMTrainingConfig> = {}, runtime: LMRuntime = {}): LMSession {
    const given = Object.fromEntries(Object.entries(overrides).filter(([, v]) => v !== undefined));
    const session = new LMSession(state.vocab, ids, state.model, { ...state.training, ...given }, runtime);
    copyParams(state.params, session.model.params);
    session.optimizer.setState(state.optimizer);
    if (overrides.learningRate !== undefined) session.optimizer.learningRate = overrides.learningRate;
    session.rng.setState(state.rng);
    session.lossAverage = state.lossAverage;
    session.first = state.firstLoss;
    session.iter = state.iteration;
    session.state = state.carriedState ?? undefined;
    return session;
  }

  /** Resolves once the model's worker threads (if any) have started. */
  async ready(): Promise<void> {
    if (this.model instanceof DataParallelLM) await this.model.ready();
  }

  /** Ends the model's worker threads (if any). */
  async close(): Promise<void> {
    if (this.model instanceof DataParallelLM) await this.model.close();
  }

  get iteration(): number {
    return this.iter;
  }

  get iterationsPerEpoch(): number {
    return this.loader.trainBatchCount;
  }

  /** The bias-corrected moving average (NaN before the first step). */
  get smoothLoss(): number {
    return this.lossAverage / (1 - 0.99 ** this.iter);
  }

  /** The learning rate of the next step (decayed so far). */
  get learningRate(): number {
    return this.optimizer.learningRate;
  }

  get firstLoss(): number | null {
    return this.first;
  }

  get parameterCount(): number {
    const { params } = this.model.trainableParams();
    return Object.values(params).reduce((n, p) => n + p.size, 0);
  }

  step(): StepResult {
    const batchIndex = this.iter % this.loader.trainBatchCount;
    if (batchIndex === 0) this.state = undefined;
    const { x, y } = this.loader.batch(batchIndex);
    const lr = this.optimizer.learningRate;
    const { loss, state } = this.model.lossAndGrads(x, y, this.state, { train: true, rng: this.rng });
    const { params, grads } = this.model.trainableParams();
    const finite = Number.isFinite(loss) && Number.isFinite(globalGradNorm(grads));
    if (finite) {
      if (this.training.clip > 0) clipGradsElementwise(grads, this.training.clip);
      this.optimizer.step(params, grads);
      this.state = state;
      this.iter += 1;
      this.lossAverage = 0.99 * this.lossAverage + 0.01 * loss;
      this.first ??= loss;
      this.decayAtEpochEnd();
    }
    const paramsFinite = !finite || allFinite(params);
    return { iter: this.iter, loss, smoothLoss: this.smoothLoss, epoch: this.iter / this.loader.trainBatchCount, lr, finite, paramsFinite };
  }

  validationLoss(): number | null {
    if (this.loader.valBatchCount === 0) return null;
    let total = 0;
    let state: RecurrentState[] | undefined;
    for (const { x, y } of this.loader.valBatches()) {
      const result = this.model.loss(x, y, state);
      total += result.loss;
      state = result.state;
    }
    return total / this.loader.valBatchCount;
  }

  sample(options: TextSamplingOptions): string {
    return sampleLMText(this.model, this.vocab, options);
  }

  /** The whole training state (copies: training on does not change it). */
  snapshot(): LMSessionState {
    const params: ParamMap = {};
    for (const [name, t] of Object.entries(this.model.params)) params[name] = t.clone();
    return {
      model: { ...this.modelConfig },
      training: { ...this.training, learningRate: this.optimizer.learningRate },
      vocab: this.vocab,
      params,
      optimizer: this.optimizer.getState(),
      rng: this.rng.getState(),
      lossAverage: this.lossAverage,
      firstLoss: this.first,
      iteration: this.iter,
      carriedState: this.state === undefined ? null : this.state.map((s) => (s.c === undefined ? { h: s.h.clone() } : { h: s.h.clone(), c: s.c.clone() })),
    };
  }

  private decayAtEpochEnd(): void {
    const epochsDone = this.iter / this.loader.trainBatchCount;
    if (Number.isInteger(epochsDone) && epochsDone >= this.training.lrDecayAfter && this.training.lrDecay < 1) {
      this.optimizer.learningRate *= this.training.lrDecay;
    }
  }
}

/**
 * A sample of `length` tokens from a RecurrentLM after the prime (text in `vocab`), one token at a time (batch 1, one
 * time step), carrying the state. Returns the prime followed by the generated text (words joined by spaces).
 */
export function sampleLMText(model: RecurrentLM, vocab: Vocab, options: TextSamplingOptions): string {
  const prime = options.prime === undefined || options.prime === '' ? undefined : Array.from(vocab.encode(options.prime));
  let state: RecurrentState[] | undefined;
  const x = new Tensor(new Float64Array(1), [1, 1]);
  const stepper = {
    vocabSize: vocab.size,
    step: (id: number): Float64Array => {
      x.data[0] = id;
      const scores = model.forward(x, state, { train: false });
      state = model.finalState();
      return scores.data;
    },
  };
  const ids = sampleTokens(stepper, { ...options, prime, rng: new RandomState(options.seed) });
  const text = vocab.decode(ids);
  if (prime === undefined) return text;
  return vocab.level === 'word' ? `${vocab.decode(prime)} ${text}` : `${options.prime}${text}`;
}

/** Copies `stored` into the model's own tensors, checking that the names and shapes are exactly the model's. */
function copyParams(stored: ParamMap, target: ParamMap): void {
  const fn = 'LMSession.restore';
  const expected = Object.keys(target).sort();
  const got = Object.keys(stored).sort();
  if (expected.join(',') !== got.join(',')) {
    throw new ValueError(`${fn}: state.params has [${got.join(', ')}], expected [${expected.join(', ')}] (from state.model)`);
  }
  for (const name of expected) {
    if (stored[name].shape.join(',') !== target[name].shape.join(',')) {
      throw new ValueError(`${fn}: state.params.${name} has shape ${formatShape(stored[name].shape)}, expected ${formatShape(target[name].shape)} (from state.model)`);
    }
    target[name].data.set(stored[name].data);
  }
}
