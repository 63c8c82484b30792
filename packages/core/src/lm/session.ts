/**
 * What the training loop drives. A session owns a model, its data stream and its optimizer; the loop (./train-loop.ts)
 * only calls `step`, `validationLoss`, `sample` and `checkpoint`, so min-char-rnn and the batched models train, log,
 * sample and checkpoint through the same code.
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
  readonly kind: string;
  readonly vocab: Vocab;
  /** Iterations completed so far. */
  readonly iteration: number;
  readonly iterationsPerEpoch: number;
  /** Number of trainable parameters. */
  readonly parameterCount: number;
  /** What `loss` measures, for logs and plots. */
  readonly lossLabel: string;
  step(): StepResult;
  /** Mean loss over the validation split, or null when there is none. */
  validationLoss(): number | null;
  /** A sample from the model as it is now (it does not disturb training's random stream). */
  sample(options: TextSamplingOptions): string;
  /** Everything needed to resume or to sample later (JSON-serializable). */
  checkpointBody(): unknown;
}
