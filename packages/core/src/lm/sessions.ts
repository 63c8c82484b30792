/**
 * Building training sessions: from the CLI's plan (model name + settings, unset ones taking the model's defaults) and
 * from checkpoints. Also the min-char-rnn session, which drives ./min-char-rnn.ts through the same loop as the
 * batched models.
 */
import { ValueError } from '../errors';
import type { Checkpoint } from '../checkpoint/checkpoint';
import { CharVocab, WordVocab, vocabFromJSON } from '../data/vocab';
import type { Vocab, VocabJSON } from '../data/vocab';
import type { OptimizerName } from '../optim';
import { allFinite } from '../modules/module';
import { RandomState } from '../random';
import { LMSession, LM_KIND } from './lm-session';
import type { LMCheckpointBody } from './lm-session';
import { MinCharRnn } from './min-char-rnn';
import type { MinCharRnnState } from './min-char-rnn';
import type { CellType } from './recurrent-lm';
import { sampleTokens } from './sampling';
import type { TokenStepper } from './sampling';
import type { StepResult, TextSamplingOptions, TrainingSession } from './session';

/** What to train: the model and any settings the user chose (undefined = the model's default). */
export interface SessionPlan {
  model: 'min-char-rnn' | CellType;
  level: 'char' | 'word';
  layers?: number;
  hiddenSize?: number;
  seqLength?: number;
  batchSize?: number;
  optimizer?: OptimizerName;
  learningRate?: number;
  clip?: number;
  dropout?: number;
  lrDecay?: number;
  lrDecayAfter?: number;
  forgetBias?: number;
  valFraction?: number;
  seed: number;
}

export const MIN_CHAR_RNN_KIND = 'min-char-rnn';

/** A new session for `text` as the plan says. */
export function createSession(plan: SessionPlan, text: string): TrainingSession {
  const vocab: Vocab = plan.level === 'word' ? WordVocab.fromText(text) : CharVocab.fromText(text);
  const ids = vocab.encode(text);
  if (plan.model === 'min-char-rnn') {
    const model = new MinCharRnn({
      data: ids,
      vocabSize: vocab.size,
      hiddenSize: plan.hiddenSize ?? 100,
      seqLength: plan.seqLength ?? 25,
      learningRate: plan.learningRate ?? 0.1,
      clip: plan.clip ?? 5,
      seed: plan.seed,
    });
    return new MinCharSession(vocab, model);
  }
  const hiddenSize = plan.hiddenSize ?? 128;
  return new LMSession(
    vocab,
    ids,
    {
      vocabSize: vocab.size,
      cell: plan.model,
      layers: plan.layers ?? 2,
      hiddenSize,
      embeddingSize: plan.level === 'word' ? hiddenSize : null,
      dropout: plan.dropout ?? 0,
      forgetBias: plan.forgetBias ?? 1,
    },
    {
      batchSize: plan.batchSize ?? 50,
      seqLength: plan.seqLength ?? 50,
      optimizer: plan.optimizer ?? 'adam',
      learningRate: plan.learningRate ?? 2e-3,
      clip: plan.clip ?? 5,
      lrDecay: plan.lrDecay ?? 0.97,
      lrDecayAfter: plan.lrDecayAfter ?? 10,
      valFraction: plan.valFraction ?? 0.05,
      seed: plan.seed,
    },
  );
}

/** The vocabulary stored in a checkpoint of either kind. */
export function checkpointVocab(checkpoint: Checkpoint): Vocab {
  const body = checkpoint.body as { vocab?: VocabJSON };
  if (body === null || typeof body !== 'object' || body.vocab === undefined) {
    throw new ValueError(`checkpointVocab: the checkpoint (kind ${checkpoint.kind}) has no vocabulary`);
  }
  return vocabFromJSON(body.vocab);
}

/**
 * A session resumed from a checkpoint, training on `text` (encoded with the checkpoint's vocabulary, so a text with
 * tokens the model has never seen is an error that lists them). A learning rate given here replaces the saved one.
 */
export function restoreSession(checkpoint: Checkpoint, text: string, overrides: { learningRate?: number } = {}): TrainingSession {
  const vocab = checkpointVocab(checkpoint);
  const ids = vocab.encode(text);
  if (checkpoint.kind === LM_KIND) return LMSession.fromCheckpoint(checkpoint.body as LMCheckpointBody, ids, overrides);
  if (checkpoint.kind === MIN_CHAR_RNN_KIND) {
    const body = checkpoint.body as MinCharCheckpointBody;
    const state = overrides.learningRate === undefined ? body.model : { ...body.model, learningRate: overrides.learningRate };
    return new MinCharSession(vocab, MinCharRnn.fromState(state, ids));
  }
  throw new ValueError(`restoreSession: checkpoint kind '${checkpoint.kind}' is unknown, expected ${LM_KIND} or ${MIN_CHAR_RNN_KIND}`);
}

/** A model to sample from, restored from a checkpoint of either kind (no training data needed). */
export function samplerFromCheckpoint(checkpoint: Checkpoint): { vocab: Vocab; sample(options: TextSamplingOptions): string } {
  const vocab = checkpointVocab(checkpoint);
  if (checkpoint.kind === LM_KIND) {
    const body = checkpoint.body as LMCheckpointBody;
    // The loader needs some data; one batch of the vocabulary's first token is enough to rebuild the model.
    const { batchSize, seqLength } = body.training;
    const filler = new Int32Array(batchSize * seqLength + 1);
    return LMSession.fromCheckpoint(body, filler, { valFraction: 0 });
  }
  if (checkpoint.kind === MIN_CHAR_RNN_KIND) {
    const body = checkpoint.body as MinCharCheckpointBody;
    const filler = new Int32Array(body.model.dataLength);
    const session = new MinCharSession(vocab, MinCharRnn.fromState(body.model, filler));
    return { vocab, sample: (options) => session.sampleSeeded(options) };
  }
  throw new ValueError(`samplerFromCheckpoint: checkpoint kind '${checkpoint.kind}' is unknown, expected ${LM_KIND} or ${MIN_CHAR_RNN_KIND}`);
}

interface MinCharCheckpointBody {
  vocab: VocabJSON;
  model: MinCharRnnState;
}

/**
 * min-char-rnn in the training loop. Its loss is the original's: summed over the seqLength steps of a chunk, and its
 * smooth loss is the original's 0.999 moving average. Training samples with default settings (temperature 1, no
 * prime) are drawn exactly as the original does — from hprev, seeded with the next chunk's first character, with the
 * model's own generator — so they equal the numpy program's printed samples.
 */
export class MinCharSession implements TrainingSession {
  readonly kind = MIN_CHAR_RNN_KIND;
  readonly lossLabel: string;

  constructor(
    readonly vocab: Vocab,
    readonly model: MinCharRnn,
  ) {
    this.lossLabel = `loss (nats, summed over the ${model.seqLength} characters of a chunk)`;
  }

  get iteration(): number {
    return this.model.iteration;
  }

  get iterationsPerEpoch(): number {
    return Math.max(1, Math.floor((this.model.getState().dataLength - 2) / this.model.seqLength));
  }

  get parameterCount(): number {
    return Object.values(this.model.params).reduce((n, p) => n + p.size, 0);
  }

  step(): StepResult {
    const r = this.model.step();
    const iter = this.model.iteration;
    const paramsFinite = !r.applied || allFinite(this.model.params);
    return { iter, loss: r.loss, smoothLoss: r.smoothLoss, epoch: iter / this.iterationsPerEpoch, lr: this.model.learningRate, finite: r.applied, paramsFinite };
  }

  validationLoss(): null {
    return null;
  }

  /** During training (no prime, temperature 1, no top-k) this is the original's sample; otherwise `sampleSeeded`. */
  sample(options: TextSamplingOptions): string {
    const plain = (options.prime ?? '') === '' && (options.temperature ?? 1) === 1 && options.topK === undefined && !options.argmax;
    if (plain) return this.vocab.decode(this.model.sample(this.model.nextChunk().inputs[0], options.length));
    return this.sampleSeeded(options);
  }

  /** A sample from a zero hidden state with its own RandomState(seed): temperature, top-k, argmax and prime apply. */
  sampleSeeded(options: TextSamplingOptions): string {
    const prime = options.prime ? Array.from(this.vocab.encode(options.prime)) : undefined;
    const ids = sampleTokens(this.stepper(), { ...options, prime, rng: new RandomState(options.seed) });
    return (options.prime ?? '') + this.vocab.decode(ids);
  }

  checkpointBody(): MinCharCheckpointBody {
    return { vocab: this.vocab.toJSON(), model: this.model.getState() };
  }

  /** h = tanh(Wxh[:, id] + Whh·h + bh), logits = Why·h + by, starting from zeros. */
  private stepper(): TokenStepper {
    const { Wxh, Whh, Why, bh, by } = this.model.params;
    const H = this.model.hiddenSize;
    const V = this.vocab.size;
    let h = new Float64Array(H);
    return {
      vocabSize: V,
      step: (id: number) => {
        const next = new Float64Array(H);
        for (let i = 0; i < H; i++) {
          let a = Wxh.data[i * V + id] + bh.data[i];
          for (let j = 0; j < H; j++) a += Whh.data[i * H + j] * h[j];
          next[i] = Math.tanh(a);
        }
        h = next;
        const logits = new Float64Array(V);
        for (let k = 0; k < V; k++) {
          let y = by.data[k];
          for (let i = 0; i < H; i++) y += Why.data[k * H + i] * h[i];
          logits[k] = y;
        }
        return logits;
      },
    };
  }
}
