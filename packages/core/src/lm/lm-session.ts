/**
 * Training session for the batched language models (RecurrentLM: rnn | lstm | gru | esn), as char-rnn trains them:
 * B parallel streams over the corpus, truncated BPTT over seqLength steps with the hidden state carried from one
 * batch to the next (reset at every epoch start), elementwise gradient clipping, any optimizer, learning-rate decay
 * per epoch after `lrDecayAfter` epochs, and a validation split.
 *
 * The loss is the mean cross-entropy per token (nats); smoothLoss is its exponential moving average with factor 0.99,
 * bias-corrected as Adam's moments are (avg / (1 − 0.99ᵏ) after k iterations), so it follows the loss from the start
 * instead of creeping down from ln V.
 */
import { ValueError } from '../errors';
import { BatchLoader } from '../data/loader';
import { vocabFromJSON } from '../data/vocab';
import type { Vocab, VocabJSON } from '../data/vocab';
import { decodeTensor, encodeParams, encodeTensor, restoreParams } from '../checkpoint/checkpoint';
import type { EncodedTensor } from '../checkpoint/checkpoint';
import { allFinite } from '../modules/module';
import type { RecurrentState } from '../modules/module';
import { clipGradsElementwise, createOptimizer, globalGradNorm } from '../optim';
import type { Optimizer, OptimizerName, OptimizerState } from '../optim';
import { RandomState } from '../random';
import type { RandomStateSnapshot } from '../random';
import { checkInteger } from '../tensor/check';
import { Tensor } from '../tensor/tensor';
import { RecurrentLM, checkLMConfig } from './recurrent-lm';
import type { RecurrentLMConfig } from './recurrent-lm';
import { sampleTokens } from './sampling';
import type { StepResult, TextSamplingOptions, TrainingSession } from './session';

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

/** What a checkpoint of this session holds. */
export interface LMCheckpointBody {
  model: RecurrentLMConfig;
  training: LMTrainingConfig;
  vocab: VocabJSON;
  params: Record<string, EncodedTensor>;
  optimizer: OptimizerState;
  rng: RandomStateSnapshot;
  /** The 0.99 moving average of the loss before bias correction (0 before the first step). */
  lossAverage: number;
  iteration: number;
  /** The hidden state carried into the next batch (null at an epoch start). */
  carriedState: { h: EncodedTensor; c?: EncodedTensor }[] | null;
}

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

export class LMSession implements TrainingSession {
  readonly kind = LM_KIND;
  readonly lossLabel = 'loss (nats per token, mean over the batch)';
  readonly model: RecurrentLM;
  private readonly loader: BatchLoader;
  private readonly optimizer: Optimizer;
  private readonly rng: RandomState;
  private state: RecurrentState[] | undefined;
  private iter = 0;
  private lossAverage = 0;

  /** A new model drawn from RandomState(seed); `ids` is the encoded corpus. */
  constructor(
    readonly vocab: Vocab,
    ids: ArrayLike<number>,
    readonly modelConfig: RecurrentLMConfig,
    readonly training: LMTrainingConfig,
  ) {
    checkLMConfig('LMSession', modelConfig);
    checkTrainingConfig('LMSession', training);
    if (modelConfig.vocabSize !== vocab.size) {
      throw new ValueError(`LMSession: model.vocabSize is ${modelConfig.vocabSize}, expected ${vocab.size} (from the vocabulary)`);
    }
    this.rng = new RandomState(training.seed);
    this.model = new RecurrentLM(modelConfig, this.rng);
    this.loader = new BatchLoader(ids, { batchSize: training.batchSize, seqLength: training.seqLength, valFraction: training.valFraction });
    this.optimizer = createOptimizer(training.optimizer, { learningRate: training.learningRate });
  }

  /** Rebuilds a session from a checkpoint body, ready to continue where it stopped. */
  static fromCheckpoint(body: LMCheckpointBody, ids: ArrayLike<number>, overrides: Partial<LMTrainingConfig> = {}): LMSession {
    const vocab = vocabFromJSON(body.vocab);
    const given = Object.fromEntries(Object.entries(overrides).filter(([, v]) => v !== undefined));
    const session = new LMSession(vocab, ids, body.model, { ...body.training, ...given });
    restoreParams(body.params, session.model.params);
    session.optimizer.setState(body.optimizer);
    if (overrides.learningRate !== undefined) session.optimizer.learningRate = overrides.learningRate;
    session.rng.setState(body.rng);
    session.lossAverage = body.lossAverage;
    session.iter = body.iteration;
    session.state = decodeState(body.carriedState);
    return session;
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
    const prime = options.prime === undefined || options.prime === '' ? undefined : Array.from(this.vocab.encode(options.prime));
    const ids = sampleTokens(this.stepper(), { ...options, prime, rng: new RandomState(options.seed) });
    const text = this.vocab.decode(ids);
    if (options.prime === undefined || options.prime === '') return text;
    return this.vocab.level === 'word' ? `${this.vocab.decode(prime as number[])} ${text}` : options.prime + text;
  }

  checkpointBody(): LMCheckpointBody {
    return {
      model: this.modelConfig,
      training: { ...this.training, learningRate: this.optimizer.learningRate },
      vocab: this.vocab.toJSON(),
      params: encodeParams(this.model.params),
      optimizer: this.optimizer.getState(),
      rng: this.rng.getState(),
      lossAverage: this.lossAverage,
      iteration: this.iter,
      carriedState: this.state === undefined ? null : this.state.map(encodeState),
    };
  }

  /** Feeds one token at a time through the model (batch 1, one time step), carrying the state. */
  private stepper() {
    let state: RecurrentState[] | undefined;
    const x = new Tensor(new Float64Array(1), [1, 1]);
    return {
      vocabSize: this.vocab.size,
      step: (id: number): Float64Array => {
        x.data[0] = id;
        const scores = this.model.forward(x, state, { train: false });
        state = this.model.finalState();
        return scores.data;
      },
    };
  }

  private decayAtEpochEnd(): void {
    const epochsDone = this.iter / this.loader.trainBatchCount;
    if (Number.isInteger(epochsDone) && epochsDone >= this.training.lrDecayAfter && this.training.lrDecay < 1) {
      this.optimizer.learningRate *= this.training.lrDecay;
    }
  }
}

function encodeState(s: RecurrentState): { h: EncodedTensor; c?: EncodedTensor } {
  return s.c === undefined ? { h: encodeTensor(s.h) } : { h: encodeTensor(s.h), c: encodeTensor(s.c) };
}

function decodeState(stored: LMCheckpointBody['carriedState']): RecurrentState[] | undefined {
  if (stored === null || stored === undefined) return undefined;
  return stored.map((s, l) => ({
    h: decodeTensor(s.h, `carriedState[${l}].h`),
    ...(s.c === undefined ? {} : { c: decodeTensor(s.c, `carriedState[${l}].c`) }),
  }));
}

