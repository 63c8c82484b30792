/**
 * min-char-rnn (./min-char-rnn.ts) in the training loop. Its loss is the original's: summed over the seqLength steps
 * of a chunk, and its smooth loss is the original's 0.999 moving average. Training samples with default settings
 * (temperature 1, no prime) are drawn exactly as the original does — from hprev, seeded with the next chunk's first
 * character, with the model's own generator — so they equal the numpy program's printed samples.
 *
 * `snapshot()` / `MinCharSession.restore()` hand the state out and back; ../checkpoint/min-char-body.ts stores it.
 */
import type { Vocab } from '../data/vocab';
import { allFinite } from '../modules/module';
import { RandomState } from '../random';
import { MinCharRnn } from './min-char-rnn';
import type { MinCharRnnState } from './min-char-rnn';
import { sampleTokens } from './sampling';
import type { TokenStepper } from './sampling';
import type { StepResult, TextSamplingOptions, TrainingSession } from './training-session';

/** The checkpoint kind of this session. */
export const MIN_CHAR_RNN_KIND = 'min-char-rnn';

/** Everything a min-char-rnn session needs to continue (what `snapshot()` returns). */
export interface MinCharSessionState {
  vocab: Vocab;
  model: MinCharRnnState;
  /** The loss of the first iteration (null before it). */
  firstLoss: number | null;
}

/** The unit of a min-char-rnn session's loss: nats summed over a chunk of `seqLength` characters. */
export function minCharLossLabel(seqLength: number): string {
  return `loss (nats, summed over the ${seqLength} characters of a chunk)`;
}

/**
 * Iterations in one pass over `dataLength` ids: the original's pointer p moves by seqLength and resets when
 * p + seqLength + 1 ≥ the data length (at least one).
 */
export function minCharIterationsPerEpoch(dataLength: number, seqLength: number): number {
  return Math.max(1, Math.floor((dataLength - 2) / seqLength));
}

export class MinCharSession implements TrainingSession {
  readonly kind = MIN_CHAR_RNN_KIND;
  readonly lossLabel: string;
  readonly iterationsPerEpoch: number;
  readonly parameterCount: number;
  private first: number | null = null;

  /** `model` trains on a corpus of `dataLength` ids (the data it was built with). */
  constructor(
    readonly vocab: Vocab,
    readonly model: MinCharRnn,
    dataLength: number,
  ) {
    this.lossLabel = minCharLossLabel(model.seqLength);
    this.iterationsPerEpoch = minCharIterationsPerEpoch(dataLength, model.seqLength);
    this.parameterCount = Object.values(model.params).reduce((n, p) => n + p.size, 0);
  }

  /** Rebuilds a session from `snapshot()` output on the same corpus ids. Throws ValueError naming a bad field. */
  static restore(state: MinCharSessionState, ids: ArrayLike<number>): MinCharSession {
    const session = new MinCharSession(state.vocab, MinCharRnn.fromState(state.model, ids), ids.length);
    session.first = state.firstLoss;
    return session;
  }

  get iteration(): number {
    return this.model.iteration;
  }

  get firstLoss(): number | null {
    return this.first;
  }

  step(): StepResult {
    const r = this.model.step();
    const iter = this.model.iteration;
    const paramsFinite = !r.applied || allFinite(this.model.params);
    if (r.applied) this.first ??= r.loss;
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

  /** The whole state (a copy). */
  snapshot(): MinCharSessionState {
    return { vocab: this.vocab, model: this.model.getState(), firstLoss: this.first };
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
