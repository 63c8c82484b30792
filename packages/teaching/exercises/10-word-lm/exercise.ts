/**
 * Exercise 10 — a word-level language model: cs231n's CaptioningRNN without the image. Each sentence is a row of
 * word ids, <START> w₁ … wₖ <END> padded with <NULL>; the model reads every word but the last and predicts every
 * word but the first:
 *
 *     input  = captions[:, :-1]    target = captions[:, 1:]    mask = (target ≠ <NULL>)
 *     x      = Wembed[input]                                  word embedding            [N, T, E]
 *     h      = cell(x, h0 = 0)                                'rnn' (tanh) or 'lstm'    [N, T, H]
 *     scores = h·Wvocab + bvocab                              temporal affine           [N, T, V]
 *     loss   = −(1/N) Σ_{n,t} mask[n, t] · log softmax(scores[n, t])[target[n, t]]   summed over T, averaged over N
 *
 * Training (cs231n's CaptioningSolver): minibatches of caption rows drawn with replacement, one optimizer step per
 * batch. Sampling (CaptioningRNN.sample): from a start word, feed each chosen word back in as the next input.
 *
 * Legend: N captions in a batch, T + 1 tokens per caption (T steps), V vocabulary size, E word vector size,
 * H hidden size, G = H for 'rnn' or 4H for 'lstm' (gate order i, f, o, g), M captions in the data set.
 *
 * Use core's layers for the pieces (exercises 08 and 09 taught them): `wordEmbeddingForward`/`Backward`,
 * `rnnForward`/`Backward`, `lstmForward`/`Backward`, `rnnStepForward`, `lstmStepForward`,
 * `temporalAffineForward`/`Backward`, `temporalSoftmaxLoss(scores, target, mask)`, and `createOptimizer`,
 * `RandomState`, `argmax(t, axis)`, `softmax(t)` (over the last axis), `matmul`, `addBias`, `scale`, `zeros`.
 */
import {
  NotImplementedError, RandomState, Tensor, addBias, argmax, createOptimizer, lstmBackward, lstmForward, lstmStepForward,
  matmul, rnnBackward, rnnForward, rnnStepForward, scale, softmax, temporalAffineBackward, temporalAffineForward,
  temporalSoftmaxLoss, wordEmbeddingBackward, wordEmbeddingForward, zeros,
} from '@rnnlab/core';
import type { OptimizerName } from '@rnnlab/core';

/** The model's parameters (cs231n's names); their gradients use the same names. */
export type WordLmParams = {
  /** Word vectors, [V, E]. */
  Wembed: Tensor;
  /** Input to hidden, [E, G]. */
  Wx: Tensor;
  /** Hidden to hidden, [H, G]. */
  Wh: Tensor;
  /** Cell bias, [G]. */
  b: Tensor;
  /** Hidden to scores, [H, V]. */
  Wvocab: Tensor;
  /** Score bias, [V]. */
  bvocab: Tensor;
};

/** Which cell, and the id of <NULL> (the padding). */
export interface WordLmConfig {
  cellType: 'rnn' | 'lstm';
  nullId: number;
}

/** How `trainNet` trains. */
export interface TrainOptions {
  /** The optimizer, made by `createOptimizer(optimizer, { learningRate })`: 'sgd', 'adam', … */
  optimizer: OptimizerName;
  learningRate: number;
  /** Captions per minibatch, B. */
  batchSize: number;
  /** The number of minibatches (optimizer steps). */
  iterations: number;
  /** Seeds the generator that draws the minibatches: `new RandomState(seed)`. */
  seed: number;
}

/** How `sampleWords` chooses each word: greedily (no rng), or drawn from softmax(scores / temperature). */
export interface SampleOptions {
  rng?: RandomState;
  /** > 0, default 1: below 1 sharpens the distribution, above 1 flattens it. */
  temperature?: number;
}

/**
 * The input words, the target words (the next ones) and the mask of the targets that count.
 * @param captions word ids, [N, T + 1]
 * @param nullId the id of <NULL>
 * @returns input = captions[:, :-1], target = captions[:, 1:], mask = 1 where target ≠ nullId else 0; each [N, T]
 */
export function inputsAndTargets(captions: Tensor, nullId: number): { input: Tensor; target: Tensor; mask: Tensor } {
  throw new NotImplementedError('10-word-lm: inputsAndTargets is not implemented yet');
}

/**
 * The loss of a batch of captions and its gradients (CaptioningRNN.loss with h0 = 0).
 * @param params Wembed [V, E], Wx [E, G], Wh [H, G], b [G], Wvocab [H, V], bvocab [V]
 * @param captions word ids, [N, T + 1]
 * @param config cellType 'rnn' or 'lstm', nullId
 * @returns the loss (summed over T, averaged over N, <NULL> targets left out), the scores [N, T, V], and grads:
 *   the gradient of the loss for every parameter, under the parameter's name and with its shape
 */
export function wordLmLoss(
  params: WordLmParams, captions: Tensor, config: WordLmConfig,
): { loss: number; scores: Tensor; grads: WordLmParams } {
  throw new NotImplementedError('10-word-lm: wordLmLoss is not implemented yet');
}

/**
 * The fraction of the counted targets (mask = 1) that the scores predict: argmax over the vocabulary (the first
 * index on a tie) equal to the target.
 * @param scores [N, T, V]
 * @param target word ids, [N, T]
 * @param mask 0 or 1, [N, T], at least one 1
 * @returns a number in [0, 1]
 */
export function accuracy(scores: Tensor, target: Tensor, mask: Tensor): number {
  throw new NotImplementedError('10-word-lm: accuracy is not implemented yet');
}

/**
 * Trains the model as cs231n's CaptioningSolver does, with exactly these random draws:
 *   - before the loop, once: the generator new RandomState(options.seed), and the optimizer
 *     createOptimizer(options.optimizer, { learningRate: options.learningRate });
 *   - every iteration: rows = rng.randint(0, M, options.batchSize) (numpy: np.random.choice(M, batch_size)); the
 *     batch is the captions at those rows, in that order, [B, T + 1]; its loss, scores and grads by wordLmLoss; the
 *     loss and the accuracy of the scores are recorded (before the update); then optimizer.step(params, grads).
 * @param params the initial parameters (not modified: train a copy)
 * @param captions the data set, word ids [M, T + 1]
 * @param config cellType and nullId
 * @param options optimizer, learningRate, batchSize B, iterations, seed
 * @returns the trained params, and the loss and the accuracy of every iteration's batch (length `iterations`)
 */
export function trainNet(
  params: WordLmParams, captions: Tensor, config: WordLmConfig, options: TrainOptions,
): { params: WordLmParams; lossHistory: number[]; accuracyHistory: number[] } {
  throw new NotImplementedError('10-word-lm: trainNet is not implemented yet');
}

/**
 * Generates words from start words (CaptioningRNN.sample with h0 = 0, and c0 = 0 for the LSTM). At each step t:
 * embed the previous words (the start words at t = 0), one cell step (core's rnnStepForward / lstmStepForward),
 * scores = h·Wvocab + bvocab [N, V], then the next word of every row:
 *   - without options.rng: argmax of the row's scores (the first index on a tie);
 *   - with options.rng: p = softmax(scores / temperature), and for rows n = 0, 1, …, N − 1 in this order exactly one
 *     call `rng.choice(V, pₙ)` (pₙ: row n of p, V numbers). No other draws.
 * Every row gets maxLength words; nothing stops at <END>.
 * @param params the trained parameters
 * @param config cellType (nullId is not used here)
 * @param startIds the first input word of every row, N ids (usually <START>)
 * @param maxLength the number of words to generate per row
 * @param options rng and temperature (default 1)
 * @returns N rows of maxLength word ids (the start words not included)
 */
export function sampleWords(
  params: WordLmParams, config: WordLmConfig, startIds: number[], maxLength: number, options: SampleOptions = {},
): number[][] {
  throw new NotImplementedError('10-word-lm: sampleWords is not implemented yet');
}
