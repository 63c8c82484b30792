/**
 * What the training loop drives (./train-loop.ts). A session owns a model, its data stream and its optimizer; the
 * loop only calls `step`, `validationLoss` and `sample`, so min-char-rnn (./min-char-session.ts) and the batched
 * models (./recurrent-lm-session.ts) train, log and sample through the same code. Saving and restoring a session is
 * ../checkpoint's job: each session hands out a typed snapshot of its state and can be rebuilt from one.
 */
import type { Vocab } from '../data/vocab';

/** The outcome of one training iteration. */
export interface StepResult {
  /** Iterations completed, this one included. */
  iter: number;
  /** This iteration's loss (see the session's `lossLabel` for its unit). */
  loss: number;
  /** Exponential moving average of the loss. */
  smoothLoss: number;
  /** Epochs completed (fractional). */
  epoch: number;
  /** Learning rate used for this iteration. */
  lr: number;
  /** False when the loss or the gradient was NaN/±Inf: the update was not applied and training should stop. */
  finite: boolean;
  /**
   * False when the update was applied but left a parameter NaN/±Inf (a learning rate so large that a finite step
   * overflows): the session's state is unusable and training should stop without checkpointing it.
   */
  paramsFinite: boolean;
}

/** Sampling settings as the CLI and the loop use them: text in, text out. */
export interface TextSamplingOptions {
  length: number;
  temperature?: number;
  topK?: number;
  argmax?: boolean;
  /** Text to start from (must use only vocabulary tokens). */
  prime?: string;
  seed: number;
}

export interface TrainingSession {
  /** Which kind of checkpoint body stores this session (see ../checkpoint). */
  readonly kind: string;
  readonly vocab: Vocab;
  /** Iterations completed so far. */
  readonly iteration: number;
  readonly iterationsPerEpoch: number;
  /** Number of trainable parameters. */
  readonly parameterCount: number;
  /** What `loss` measures, for logs and plots. */
  readonly lossLabel: string;
  /** The loss of the run's first iteration (null before it): the reference of the loop's explosion guard. */
  readonly firstLoss: number | null;
  step(): StepResult;
  /** Mean loss over the validation split, or null when there is none. */
  validationLoss(): number | null;
  /** A sample from the model as it is now (it does not disturb training's random stream). */
  sample(options: TextSamplingOptions): string;
}
