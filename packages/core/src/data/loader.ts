/**
 * Mini-batches for truncated backpropagation through time, as char-rnn's CharSplitLMMinibatchLoader (B batch, T time).
 *
 * Given ids data[0..n):
 *   1. truncate to len = B·T·⌊n / (B·T)⌋ (no extra element is kept: as in char-rnn the targets are the inputs shifted
 *      by one, y[i] = data[i + 1], and the very last target wraps around to the first input, y[len-1] = data[0]);
 *   2. cut into B contiguous streams of L = len / B ids: stream b is data[b·L : (b+1)·L];
 *   3. cut every stream into nbatches = L / T chunks of T: batch k is, for each stream b,
 *        x[b, t] = data[b·L + k·T + t],   y[b, t] = ydata[b·L + k·T + t],   t = 0..T-1.
 * So row b of batch k continues row b of batch k−1 exactly, which is what makes carrying the hidden state from one
 * batch to the next correct.
 *
 * Split (char-rnn's split_fractions with no test split): the last nval = ⌈valFraction·nbatches⌉ batches are the
 * validation set, the first ntrain = nbatches − nval the training set. Validation batches are the tail of every
 * stream, i.e. B slices spread over the text, not one block at its end.
 */
import { ValueError } from '../errors';
import { Tensor } from '../tensor/tensor';
import { checkInteger } from '../tensor/check';

export interface BatchLoaderOptions {
  /** B, the number of parallel streams (rows of a batch). */
  batchSize: number;
  /** T, the number of time steps per batch. */
  seqLength: number;
  /** Share of the batches held out for validation, in [0, 1); default 0. */
  valFraction?: number;
}

/** One mini-batch: x [B, T] input ids, y [B, T] target ids (y[b, t] is the id after x[b, t]). */
export interface Batch {
  x: Tensor;
  y: Tensor;
}

/** Splits a sequence of ids into char-rnn style [B, T] batches; see the file header for the layout. */
export class BatchLoader {
  /** B. */
  readonly batchSize: number;
  /** T. */
  readonly seqLength: number;
  readonly valFraction: number;
  /** Ids used after truncation (B·T·batchCount); the rest of the input is dropped. */
  readonly usedLength: number;
  /** L = usedLength / B, the length of each stream. */
  readonly streamLength: number;
  /** nbatches = L / T, training and validation together. */
  readonly batchCount: number;
  readonly trainBatchCount: number;
  readonly valBatchCount: number;
  private readonly xdata: Int32Array;
  private readonly ydata: Int32Array;
  private position = 0;
  private epochs = 0;

  /** `ids`, shape [n]: token ids (integers ≥ 0), e.g. from `vocab.encode(corpus.text)`. */
  constructor(ids: ArrayLike<number>, options: BatchLoaderOptions) {
    const fn = 'BatchLoader';
    if (ids === null || typeof ids !== 'object' || typeof ids.length !== 'number') {
      throw new ValueError(`${fn}: ids must be an array of token ids, got ${ids === null ? 'null' : typeof ids}`);
    }
    if (options === null || typeof options !== 'object') {
      throw new ValueError(`${fn}: options must be { batchSize, seqLength, valFraction? }, got ${String(options)}`);
    }
    const { batchSize: B, seqLength: T, valFraction = 0 } = options;
    checkInteger(fn, 'batchSize', B, 1);
    checkInteger(fn, 'seqLength', T, 1);
    if (typeof valFraction !== 'number' || !(valFraction >= 0 && valFraction < 1)) {
      throw new ValueError(`${fn}: valFraction is ${String(valFraction)}, expected a number in [0, 1)`);
    }
    const n = ids.length;
    const batchCount = Math.floor(n / (B * T));
    if (batchCount < 1) {
      throw new ValueError(
        `${fn}: ids has length ${n}, too short for one batch of batchSize ${B} × seqLength ${T}; ` +
          `expected at least B·T = ${B * T} ids (use a smaller batchSize or seqLength, or more data)`,
      );
    }
    const valBatchCount = valFraction > 0 ? Math.ceil(valFraction * batchCount) : 0;
    const trainBatchCount = batchCount - valBatchCount;
    if (trainBatchCount < 1) {
      throw new ValueError(
        `${fn}: valFraction ${valFraction} of ${batchCount} batch(es) leaves no training batch ` +
          `(${valBatchCount} for validation); expected at least 1 training batch (use a smaller valFraction or more data)`,
      );
    }
    const len = batchCount * B * T;
    const xdata = new Int32Array(len);
    for (let i = 0; i < len; i++) {
      const id = ids[i];
      if (!Number.isInteger(id) || id < 0) {
        throw new ValueError(`${fn}: ids[${i}] is ${String(id)}, expected a non-negative integer token id`);
      }
      xdata[i] = id;
    }
    const ydata = new Int32Array(len);
    ydata.set(xdata.subarray(1));
    ydata[len - 1] = xdata[0];

    this.batchSize = B;
    this.seqLength = T;
    this.valFraction = valFraction;
    this.usedLength = len;
    this.streamLength = len / B;
    this.batchCount = batchCount;
    this.trainBatchCount = trainBatchCount;
    this.valBatchCount = valBatchCount;
    this.xdata = xdata;
    this.ydata = ydata;
  }

  /** Same as `trainBatchCount` (the name the language-model issue uses). */
  get trainBatches(): number {
    return this.trainBatchCount;
  }

  /** Completed passes over the training batches. */
  get epoch(): number {
    return this.epochs;
  }

  /** Index (in [0, trainBatchCount)) of the training batch `nextTrain` returns next. */
  get trainPosition(): number {
    return this.position;
  }

  /** Epochs as a fraction, as char-rnn prints it: epoch + trainPosition / trainBatchCount. */
  get epochProgress(): number {
    return this.epochs + this.position / this.trainBatchCount;
  }

  /** The next training batch, x and y [B, T]; after the last one it wraps to batch 0 and `epoch` goes up by one. */
  nextTrain(): Batch {
    const batch = this.batch(this.position);
    this.position++;
    if (this.position === this.trainBatchCount) {
      this.position = 0;
      this.epochs++;
    }
    return batch;
  }

  /** Back to the first training batch and epoch 0. */
  resetTrain(): void {
    this.position = 0;
    this.epochs = 0;
  }

  /** The validation batches in order (each x and y [B, T]); empty when valFraction is 0. */
  *valBatches(): IterableIterator<Batch> {
    for (let k = this.trainBatchCount; k < this.batchCount; k++) yield this.batch(k);
  }

  /** Batch k of all batches (training ones are 0..trainBatchCount-1, validation ones follow): x and y [B, T]. */
  batch(k: number): Batch {
    checkInteger('BatchLoader.batch', 'k', k, 0, this.batchCount - 1);
    const B = this.batchSize;
    const T = this.seqLength;
    const x = new Float64Array(B * T);
    const y = new Float64Array(B * T);
    for (let b = 0; b < B; b++) {
      const from = b * this.streamLength + k * T;
      for (let t = 0; t < T; t++) {
        x[b * T + t] = this.xdata[from + t];
        y[b * T + t] = this.ydata[from + t];
      }
    }
    return { x: new Tensor(x, [B, T]), y: new Tensor(y, [B, T]) };
  }
}
