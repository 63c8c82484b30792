/**
 * Exercise 06 — the training loop: min-char-rnn.py's main loop, the second TODO of the seed notebook. Sweep the text
 * from left to right in chunks of seqLength characters, carry the hidden state from chunk to chunk, and update the
 * weights with Adagrad after each chunk:
 *
 *     n, p = 0, 0
 *     smooth_loss = -np.log(1.0/vocab_size)*seq_length        # loss at iteration 0
 *     while True:
 *         if p+seq_length+1 >= len(data) or n == 0:
 *             hprev = np.zeros((hidden_size,1)); p = 0        # reset RNN memory, go from start of data
 *         inputs, targets = data[p:p+seq_length], data[p+1:p+seq_length+1]
 *         if n % 100 == 0: sample(hprev, inputs[0], 200)      # here: at the iterations in sampleAt
 *         loss, dWxh, dWhh, dWhy, dbh, dby, hprev = lossFun(inputs, targets, hprev)   # (clipped to ±5 there)
 *         smooth_loss = smooth_loss * 0.999 + loss * 0.001
 *         for param, dparam, mem in ...:                      # Adagrad
 *             mem += dparam * dparam
 *             param += -learning_rate * dparam / np.sqrt(mem + 1e-8)
 *         p += seq_length; n += 1
 *
 * Legend: V vocabulary size, H hidden size, T seqLength. Wxh [H, V], Whh [H, H], Why [V, H], bh [H, 1], by [V, 1]
 * (column vectors, as in the original); hprev [H, 1]; the text is given as character indices in [0, V).
 *
 * The earlier steps come from core: `new MinCharRnn({ data, vocabSize, hiddenSize, seqLength, seed })` draws the
 * weights as numpy does after np.random.seed(seed) (its `params` are the five tensors, which you update in place);
 * `model.lossFun(inputs, targets, hprev)` is exercise 04's lossFun with the gradients NOT clipped (they are keyed like
 * the weights: `grads.Wxh` is dWxh); `clipGradsElementwise(grads, 5)` clips them in place; `model.sample(seedIx, n,
 * { h })` is exercise 05's sample, drawing from the model's generator as the original draws from numpy's. Do not call
 * `model.step()`: it is this exercise's answer.
 */
import { MinCharRnn, NotImplementedError, Tensor, clipGradsElementwise, zeros } from '@rnnlab/core';

/** min-char-rnn's parameters (or their gradients, or Adagrad's memories), in its orientation. */
export interface RnnParams {
  /** Input to hidden, [H, V]. */
  Wxh: Tensor;
  /** Hidden to hidden, [H, H]. */
  Whh: Tensor;
  /** Hidden to output, [V, H]. */
  Why: Tensor;
  /** Hidden bias, [H, 1]. */
  bh: Tensor;
  /** Output bias, [V, 1]. */
  by: Tensor;
}

/** The settings of a training run (the original's hyperparameters, and when to sample). */
export interface TrainOptions {
  /** H, the size of the hidden layer. */
  hiddenSize: number;
  /** T, the number of steps to unroll the RNN for (characters per chunk). */
  seqLength: number;
  /** Adagrad's step size. */
  learningRate: number;
  /** How many chunks to train on (iterations n = 0 … iterations − 1). */
  iterations: number;
  /** The iterations n at which to sample (the original: every n % 100 == 0), before that iteration's update. */
  sampleAt: number[];
  /** How many characters each sample has (the original: 200). */
  sampleLength: number;
  /** Seeds the generator that draws the weights and then every sample (numpy's np.random.seed). */
  seed: number;
}

/** What a training run records, per iteration n and at the end. */
export interface TrainResult {
  /** p, where iteration n's chunk starts in the text. */
  positions: number[];
  /** The loss lossFun returned at iteration n (summed over the chunk). */
  losses: number[];
  /** smooth_loss after iteration n's update of it. */
  smoothLosses: number[];
  /** The samples: at each iteration of sampleAt, sampleLength character indices. */
  samples: { iter: number; ixes: number[] }[];
  /** The weights after the last update. */
  params: RnnParams;
  /** The hidden state the last lossFun returned, [H, 1]. */
  hprev: Tensor;
}

/**
 * One Adagrad step, in place, for each of the five parameters: mem += dparam², then
 * param += −learningRate·dparam / √(mem + 1e-8) — the 1e-8 keeps a zero gradient on an empty memory from giving 0/0.
 * @param params the weights, updated in place (Wxh [H, V], Whh [H, H], Why [V, H], bh [H, 1], by [V, 1])
 * @param grads their gradients, keyed like params (grads.Wxh is dWxh), same shapes
 * @param memory the sums of squared gradients so far, keyed like params, same shapes; updated in place
 * @param learningRate the step size, a positive number
 * @returns params and memory, updated
 */
export function adagradUpdate(
  params: RnnParams, grads: RnnParams, memory: RnnParams, learningRate: number,
): { params: RnnParams; memory: RnnParams } {
  // BEGIN SOLUTION
  for (const name of ['Wxh', 'Whh', 'Why', 'bh', 'by'] as const) {
    const param = params[name].data, dparam = grads[name].data, mem = memory[name].data;
    // Stryker disable next-line EqualityOperator: equivalent, i <= param.length writes past the end of Float64Arrays (ignored)
    for (let i = 0; i < param.length; i++) {
      mem[i] += dparam[i] * dparam[i];
      param[i] += (-learningRate * dparam[i]) / Math.sqrt(mem[i] + 1e-8); // adagrad update
    }
  }
  return { params, memory };
  // END SOLUTION
}

/**
 * Trains min-char-rnn on a text for `options.iterations` chunks, as min-char-rnn.py's loop does, and records what
 * happened (see TrainResult).
 * @param data the text as character indices, each in [0, vocabSize); at least seqLength + 2 of them
 * @param vocabSize V
 * @param options hiddenSize, seqLength, learningRate, iterations, sampleAt, sampleLength, seed
 * @returns positions, losses and smoothLosses (one per iteration), the samples, the final weights and hprev [H, 1]
 */
export function train(data: number[], vocabSize: number, options: TrainOptions): TrainResult {
  // BEGIN SOLUTION
  const { hiddenSize, seqLength, learningRate, iterations, sampleAt, sampleLength, seed } = options;
  const model = new MinCharRnn({ data, vocabSize, hiddenSize, seqLength, seed }); // draws Wxh, Whh, Why
  const { params } = model;
  const memory = {
    Wxh: zeros(params.Wxh.shape), Whh: zeros(params.Whh.shape), Why: zeros(params.Why.shape),
    bh: zeros(params.bh.shape), by: zeros(params.by.shape),
  }; // memory variables for Adagrad
  let smoothLoss = -Math.log(1.0 / vocabSize) * seqLength; // loss at iteration 0
  const record: Omit<TrainResult, 'params' | 'hprev'> = { positions: [], losses: [], smoothLosses: [], samples: [] };
  // Stryker disable next-line ArrayDeclaration: equivalent, the first iteration resets hprev (n === 0)
  let hprev = zeros([hiddenSize, 1]);
  let p = 0;
  for (let n = 0; n < iterations; n++) {
    // Stryker disable next-line ConditionalExpression: equivalent, p and hprev already start at 0 (min-char-rnn.py's n == 0 test)
    if (p + seqLength + 1 >= data.length || n === 0) {
      hprev = zeros([hiddenSize, 1]); // reset RNN memory
      p = 0; // go from start of data
    }
    const inputs = data.slice(p, p + seqLength);
    const targets = data.slice(p + 1, p + seqLength + 1);
    if (sampleAt.includes(n)) record.samples.push({ iter: n, ixes: model.sample(inputs[0], sampleLength, { h: hprev }) });
    const { loss, grads, hLast } = model.lossFun(inputs, targets, hprev); // forward and backward through the chunk
    hprev = hLast;
    smoothLoss = smoothLoss * 0.999 + loss * 0.001;
    record.positions.push(p);
    record.losses.push(loss);
    record.smoothLosses.push(smoothLoss);
    clipGradsElementwise(grads, 5); // clip to mitigate exploding gradients
    adagradUpdate(params, grads, memory, learningRate);
    p += seqLength; // move data pointer
  }
  return { ...record, params, hprev };
  // END SOLUTION
}
