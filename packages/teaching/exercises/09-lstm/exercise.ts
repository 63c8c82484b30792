/**
 * Exercise 09 — LSTM, cs231n assignment 3's lstm_step_forward / lstm_forward and their backward passes (batch-major),
 * with an initial cell state c0 and an upstream gradient dcT of the last cell state (as core's layers), then wired
 * into a TestRNN-like model, as CaptioningRNN's cell_type 'lstm'.
 *
 *   a = x_t·Wx + h_{t−1}·Wh + b                  [N, 4H], four slices of H columns in the gate order i, f, o, g:
 *   i = σ(a[:, 0:H])    input gate                f = σ(a[:, H:2H])    forget gate
 *   o = σ(a[:, 2H:3H])  output gate               g = tanh(a[:, 3H:4H]) candidate values
 *   c_t = f ⊙ c_{t−1} + i ⊙ g                     h_t = o ⊙ tanh(c_t)
 *
 * Backward through one step, given dh (the gradient reaching h_t) and dnext_c (the gradient reaching c_t from step
 * t + 1, or dcT after the last step):
 *   dc = dnext_c + dh ⊙ o ⊙ (1 − tanh²(c_t))      the cell state's total gradient (its own carry, and through h_t)
 *   di = dc ⊙ g,  df = dc ⊙ c_{t−1},  do = dh ⊙ tanh(c_t),  dg = dc ⊙ i,   dc_{t−1} = dc ⊙ f
 *   da = [di ⊙ i(1 − i), df ⊙ f(1 − f), do ⊙ o(1 − o), dg ⊙ (1 − g²)]   side by side in the gate order
 *   dx_t = da·Wxᵀ, dh_{t−1} = da·Whᵀ, dWx = Σ_t x_tᵀ·da, dWh = Σ_t h_{t−1}ᵀ·da, db = Σ_t Σ_n da
 *
 * Legend: N batch, T time, D input size, H hidden size, V vocabulary size, E embedding size, M output size.
 * The names, argument order and cache fields are those of core's layers (@rnnlab/core).
 *
 * Use core's tensor functions (`matmul`, `add`, `sub`, `mul`, `addBias`, `tanh`, `sigmoid`, `sum(t, 0)`, `zeros`,
 * `ones`, `getTimeStep`, `setTimeStep`) and the two helpers below for the gate slices.
 */
import {
  NotImplementedError, Tensor, add, addBias, getTimeStep, lstmBackward as coreLstmBackward, lstmForward as coreLstmForward,
  matmul, mul, ones, rnnBackward, rnnForward, setTimeStep, sigmoid, sub, sum, tanh, temporalAffineBackward,
  temporalAffineForward, temporalSoftmaxLoss, wordEmbeddingBackward, wordEmbeddingForward, zeros,
} from '@rnnlab/core';
import type { LstmCache as CoreLstmCache, RnnCache } from '@rnnlab/core';

/** Columns [from, to) of a matrix a [N, K], as a new [N, to − from] matrix (numpy's a[:, from:to]). */
function columns(a: Tensor, from: number, to: number): Tensor {
  const [N, K] = a.shape;
  const out = zeros([N, to - from]);
  for (let row = 0; row < N; row++) out.data.set(a.data.subarray(row * K + from, row * K + to), row * (to - from));
  return out;
}

/** Matrices [N, K₁], [N, K₂], … side by side, as one [N, K₁ + K₂ + …] matrix (numpy's np.hstack). */
function sideBySide(parts: Tensor[]): Tensor {
  const N = parts[0].shape[0];
  const width = parts.reduce((s, p) => s + p.shape[1], 0);
  const out = zeros([N, width]);
  for (let row = 0; row < N; row++) {
    let at = row * width;
    for (const p of parts) {
      const K = p.shape[1];
      out.data.set(p.data.subarray(row * K, (row + 1) * K), at);
      at += K;
    }
  }
  return out;
}

/** What `lstmStepBackward` needs (core's LstmStepCache). x: [N, D]; prevH, prevC, tanhC, nextH, nextC: [N, H]. */
export interface LstmStepCache {
  x: Tensor;
  prevH: Tensor;
  prevC: Tensor;
  Wx: Tensor;
  Wh: Tensor;
  /** The activated gates i, f, o, g side by side, [N, 4H]. */
  gates: Tensor;
  /** tanh(nextC). */
  tanhC: Tensor;
  nextH: Tensor;
  nextC: Tensor;
}

/**
 * One time step of an LSTM.
 * @param x the inputs of this step, [N, D]
 * @param prevH the previous hidden states, [N, H]
 * @param prevC the previous cell states, [N, H]
 * @param Wx input-to-gates weights, [D, 4H] (columns in the gate order i, f, o, g)
 * @param Wh hidden-to-gates weights, [H, 4H]
 * @param b the gates' biases, [4H]
 * @returns nextH [N, H], nextC [N, H], and the cache { x, prevH, prevC, Wx, Wh, gates, tanhC, nextH, nextC }
 */
export function lstmStepForward(
  x: Tensor, prevH: Tensor, prevC: Tensor, Wx: Tensor, Wh: Tensor, b: Tensor,
): { nextH: Tensor; nextC: Tensor; cache: LstmStepCache } {
  throw new NotImplementedError('09-lstm: lstmStepForward is not implemented yet');
}

/**
 * Backward pass of one time step.
 * @param dnextH the upstream gradient of nextH, [N, H]
 * @param dnextC the upstream gradient of nextC, [N, H]
 * @param cache what `lstmStepForward` returned
 * @returns dx [N, D], dprevH [N, H], dprevC [N, H], dWx [D, 4H], dWh [H, 4H], db [4H]
 */
export function lstmStepBackward(
  dnextH: Tensor, dnextC: Tensor, cache: LstmStepCache,
): { dx: Tensor; dprevH: Tensor; dprevC: Tensor; dWx: Tensor; dWh: Tensor; db: Tensor } {
  throw new NotImplementedError('09-lstm: lstmStepBackward is not implemented yet');
}

/** What `lstmBackward` needs (core's LstmCache). x: [N, T, D]; h0, c0: [N, H]; h, c, tanhC: [N, T, H]; gates: [N, T, 4H]. */
export interface LstmCache {
  x: Tensor;
  h0: Tensor;
  c0: Tensor;
  Wx: Tensor;
  Wh: Tensor;
  h: Tensor;
  c: Tensor;
  gates: Tensor;
  tanhC: Tensor;
}

/**
 * An LSTM over whole sequences, from h0 and c0: one `lstmStepForward` per time step, each step's nextH and nextC the
 * next step's prevH and prevC.
 * @param x the inputs, [N, T, D]
 * @param h0 the initial hidden states, [N, H]
 * @param Wx [D, 4H], Wh [H, 4H], b [4H]: as in lstmStepForward
 * @param options `{ c0 }`: the initial cell states [N, H], zeros when not given (cs231n's lstm_forward starts at 0)
 * @returns every hidden state h [N, T, H], every cell state c [N, T, H], and the cache
 *   { x, h0, c0, Wx, Wh, h, c, gates [N, T, 4H], tanhC [N, T, H] }
 */
export function lstmForward(
  x: Tensor, h0: Tensor, Wx: Tensor, Wh: Tensor, b: Tensor, options: { c0?: Tensor } = {},
): { h: Tensor; c: Tensor; cache: LstmCache } {
  throw new NotImplementedError('09-lstm: lstmForward is not implemented yet');
}

/**
 * Backward pass over whole sequences: from the last step to the first, step t gets dh[:, t, :] plus the dprevH of
 * step t + 1, and the dprevC of step t + 1 (dcT for the last step); the weight gradients add up over time.
 * @param dh the upstream gradients of every hidden state, [N, T, H]
 * @param cache what `lstmForward` returned
 * @param options `{ dcT }`: the upstream gradient of the last cell state c[:, T − 1, :], [N, H], zeros when not given
 * @returns dx [N, T, D], dh0 [N, H], dc0 [N, H], dWx [D, 4H], dWh [H, 4H], db [4H]
 */
export function lstmBackward(
  dh: Tensor, cache: LstmCache, options: { dcT?: Tensor } = {},
): { dx: Tensor; dh0: Tensor; dc0: Tensor; dWx: Tensor; dWh: Tensor; db: Tensor } {
  throw new NotImplementedError('09-lstm: lstmBackward is not implemented yet');
}

/** The recurrent cells the model can use, as CaptioningRNN's cell_type. */
export type CellType = 'rnn' | 'lstm';

/**
 * The parameters of the model (and their gradients), named as core's TestRNN names them. With the cell 'lstm':
 * cell.Wx [E, 4H], cell.Wh [H, 4H], cell.b [4H]; with 'rnn': [E, H], [H, H], [H].
 */
export interface TestRnnParams {
  'embed.W': Tensor; // [V, E]
  'cell.Wx': Tensor;
  'cell.Wh': Tensor;
  'cell.b': Tensor;
  'out.w': Tensor; // [H, M]
  'out.b': Tensor; // [M]
}

/** Options of `testRnnLoss`. */
export interface TestRnnLossOptions {
  /** Which cell: 'lstm' or 'rnn' (tanh). */
  cellType: CellType;
  /** 1 where a step counts, 0 for padding, [N, T]; all ones when not given. */
  mask?: Tensor;
  /** The initial hidden states, [N, H]; zeros when not given. The LSTM's cell state always starts at zero. */
  h0?: Tensor;
}

/**
 * The loss of a TestRNN-like model and its gradients, as cs231n's CaptioningRNN.loss and core's TestRNN.loss:
 * forward ids → word embedding → the cell → temporal affine → temporal softmax loss against the targets, then the
 * backward passes in the opposite order. Use core's layers (for the LSTM, core's lstmForward / lstmBackward, imported
 * here as coreLstmForward / coreLstmBackward), so that this function is graded on its wiring alone.
 * @param params the parameters, named as TestRnnParams
 * @param x the input ids in [0, V), [N, T]
 * @param y the target ids in [0, M), [N, T]
 * @param options cellType, and the optional mask and h0
 * @returns the loss (summed over time, averaged over N) and the gradient of every parameter, under the same names
 */
export function testRnnLoss(
  params: TestRnnParams, x: Tensor, y: Tensor, options: TestRnnLossOptions,
): { loss: number; grads: TestRnnParams } {
  throw new NotImplementedError('09-lstm: testRnnLoss is not implemented yet');
}
