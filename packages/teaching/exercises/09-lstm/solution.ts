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
  // BEGIN SOLUTION
  const H = prevH.shape[1];
  const a = addBias(add(matmul(x, Wx), matmul(prevH, Wh)), b); // [N, 4H]
  const i = sigmoid(columns(a, 0, H)); // input gate
  const f = sigmoid(columns(a, H, 2 * H)); // forget gate
  const o = sigmoid(columns(a, 2 * H, 3 * H)); // output gate
  const g = tanh(columns(a, 3 * H, 4 * H)); // candidate values
  const nextC = add(mul(f, prevC), mul(i, g));
  const tanhC = tanh(nextC);
  const nextH = mul(o, tanhC);
  const gates = sideBySide([i, f, o, g]);
  return { nextH, nextC, cache: { x, prevH, prevC, Wx, Wh, gates, tanhC, nextH, nextC } };
  // END SOLUTION
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
  // BEGIN SOLUTION
  const { x, prevH, prevC, Wx, Wh, gates, tanhC } = cache;
  const H = prevH.shape[1];
  const i = columns(gates, 0, H);
  const f = columns(gates, H, 2 * H);
  const o = columns(gates, 2 * H, 3 * H);
  const g = columns(gates, 3 * H, 4 * H);
  const one = ones(tanhC.shape);
  // The cell state's total gradient: its own carry dnextC, and the path through nextH = o ⊙ tanh(nextC).
  const dc = add(dnextC, mul(mul(dnextH, o), sub(one, mul(tanhC, tanhC))));
  const di = mul(dc, g);
  const df = mul(dc, prevC);
  const dO = mul(dnextH, tanhC);
  const dg = mul(dc, i);
  // Through the nonlinearities (σ′ = s(1 − s), tanh′ = 1 − t²), side by side in the gate order i, f, o, g.
  const da = sideBySide([
    mul(di, mul(i, sub(one, i))),
    mul(df, mul(f, sub(one, f))),
    mul(dO, mul(o, sub(one, o))),
    mul(dg, sub(one, mul(g, g))),
  ]);
  return {
    dx: matmul(da, Wx, { transB: true }), // [N, 4H]·[4H, D]
    dprevH: matmul(da, Wh, { transB: true }), // [N, 4H]·[4H, H]
    dprevC: mul(dc, f),
    dWx: matmul(x, da, { transA: true }), // [D, N]·[N, 4H]
    dWh: matmul(prevH, da, { transA: true }), // [H, N]·[N, 4H]
    db: sum(da, 0),
  };
  // END SOLUTION
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
  // BEGIN SOLUTION
  const [N, T] = x.shape;
  const H = h0.shape[1];
  const c0 = options.c0 ?? zeros([N, H]);
  const [h, c, tanhC, gates] = [zeros([N, T, H]), zeros([N, T, H]), zeros([N, T, H]), zeros([N, T, 4 * H])];
  let prevH = h0;
  let prevC = c0;
  for (let t = 0; t < T; t++) {
    const step = lstmStepForward(getTimeStep(x, t), prevH, prevC, Wx, Wh, b);
    setTimeStep(h, t, step.nextH);
    setTimeStep(c, t, step.nextC);
    setTimeStep(tanhC, t, step.cache.tanhC);
    setTimeStep(gates, t, step.cache.gates);
    prevH = step.nextH;
    prevC = step.nextC; // the cell state carried to the next step
  }
  return { h, c, cache: { x, h0, c0, Wx, Wh, h, c, gates, tanhC } };
  // END SOLUTION
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
  // BEGIN SOLUTION
  const { x, h0, c0, Wx, Wh, h, c, gates, tanhC } = cache;
  const [N, T, D] = x.shape;
  const H = h0.shape[1];
  const dx = zeros([N, T, D]);
  let dWx = zeros([D, 4 * H]);
  let dWh = zeros([H, 4 * H]);
  let db = zeros([4 * H]);
  let dnextH = zeros([N, H]); // the gradient reaching h_t from step t + 1
  let dnextC = options.dcT ?? zeros([N, H]); // the gradient reaching c_t from step t + 1
  for (let t = T - 1; t >= 0; t--) {
    const stepCache = {
      x: getTimeStep(x, t),
      prevH: t === 0 ? h0 : getTimeStep(h, t - 1),
      prevC: t === 0 ? c0 : getTimeStep(c, t - 1),
      Wx, Wh,
      gates: getTimeStep(gates, t),
      tanhC: getTimeStep(tanhC, t),
      nextH: getTimeStep(h, t),
      nextC: getTimeStep(c, t),
    };
    const step = lstmStepBackward(add(getTimeStep(dh, t), dnextH), dnextC, stepCache);
    setTimeStep(dx, t, step.dx);
    dWx = add(dWx, step.dWx);
    dWh = add(dWh, step.dWh);
    db = add(db, step.db);
    dnextH = step.dprevH;
    dnextC = step.dprevC;
  }
  return { dx, dh0: dnextH, dc0: dnextC, dWx, dWh, db };
  // END SOLUTION
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
  // BEGIN SOLUTION
  const { cellType, mask } = options;
  const [N] = x.shape;
  const H = params['cell.Wh'].shape[0];
  const h0 = options.h0 ?? zeros([N, H]);
  const [Wx, Wh, b] = [params['cell.Wx'], params['cell.Wh'], params['cell.b']];
  // Forward: ids → vectors [N, T, E] → hidden states [N, T, H] → scores [N, T, M] → loss.
  const lstm = cellType === 'lstm';
  const embedded = wordEmbeddingForward(x, params['embed.W']);
  const hidden = lstm ? coreLstmForward(embedded.out, h0, Wx, Wh, b) : rnnForward(embedded.out, h0, Wx, Wh, b);
  const scores = temporalAffineForward(hidden.h, params['out.w'], params['out.b']);
  const { loss, dx: dscores } = temporalSoftmaxLoss(scores.out, y, mask);
  // Backward, layer by layer in the opposite order.
  const { dx: dh, dw, db } = temporalAffineBackward(dscores, scores.cache);
  const cell = lstm ? coreLstmBackward(dh, hidden.cache as CoreLstmCache) : rnnBackward(dh, hidden.cache as RnnCache);
  const { dW } = wordEmbeddingBackward(cell.dx, embedded.cache);
  return { loss, grads: { 'embed.W': dW, 'cell.Wx': cell.dWx, 'cell.Wh': cell.dWh, 'cell.b': cell.db, 'out.w': dw, 'out.b': db } };
  // END SOLUTION
}
