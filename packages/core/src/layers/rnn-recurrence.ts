/**
 * The vanilla RNN recurrence twice: `rnnRecurrence` (fast: per-step products on the WebAssembly GEMM, the activation
 * fused in one kernel per step, kernels/cells.ts) and `rnnRecurrenceReadable` (plain loops over the equations of
 * ./rnn.ts: the version to read, and the oracle the tests hold the fast one to). Both take checked arguments.
 *
 * Legend: N batch, T time, D input size, H hidden size.
 */
import type { Precision } from '../kernels/wasm';
import { kernelSet } from '../kernels/wasm';
import { matmulReference } from '../tensor/matmul';
import { sigmoidScalar } from '../tensor/ops';
import { Tensor, zeros } from '../tensor/tensor';
import { inputSideReadable } from './lstm-recurrence';
import {
  inputGradientFrom, inputSideGrads, offset, packRecurrentWeight, previousStates, projectInput, putInput,
  putPreviousStates, reuseOrZeros, withWorkspace,
} from './recurrence';

/** The nonlinearity: tanh or the logistic sigmoid. */
export type RnnActivation = 'tanh' | 'sigmoid';

/** What the backward reads: the forward's inputs and result h [N, T, H]. */
export type RnnRecurrenceCache = { x: Tensor; h0: Tensor; Wx: Tensor; Wh: Tensor; h: Tensor };

/** The backward's results: dx [N, T, D] (null when not asked for), dh0 [N, H], dWx, dWh, db. */
export type RnnRecurrenceGrads = { dx: Tensor | null; dh0: Tensor; dWx: Tensor; dWh: Tensor; db: Tensor };

/**
 * Forward over the sequence: x [N, T, D], h0 [N, H], Wx [D, H], Wh [H, H], b [H] → h [N, T, H]; `reuse`: an earlier
 * h of the same shape to overwrite instead of allocating.
 */
export function rnnRecurrence(
  x: Tensor, h0: Tensor, Wx: Tensor, Wh: Tensor, b: Tensor, activation: RnnActivation, precision: Precision,
  reuse?: Tensor,
): Tensor {
  const [N, T] = x.shape;
  const H = Wh.shape[0];
  const h = reuseOrZeros(reuse, [N, T, H]);
  const act = activation === 'sigmoid' ? 1 : 0;
  withWorkspace((ws) => {
    const k = kernelSet(precision);
    const at = (i: number) => offset(i, precision);
    const ph = ws.alloc(N * T * H, precision);
    projectInput(ws, k, putInput(ws, x, precision), ws.put(Wx.data, precision), H, ph, H); // x_t·Wx, every step
    const [pWh, pb, ph0] = [Wh, b, h0].map((t) => ws.put(t.data, precision));
    const packedWh = packRecurrentWeight(ws, k, pWh, H, H, false, precision);
    for (let t = 0; t < T; t++) {
      const [prev, stride] = t === 0 ? [ph0, H] : [ph + at((t - 1) * H), T * H];
      k.gemmPacked(N, H, H, prev, stride, 1, packedWh, ph + at(t * H), T * H, 1, ws.gemmScratch); // + h_{t−1}·Wh
      k.rnnForwardStep(N, H, ph + at(t * H), T * H, pb, ph + at(t * H), T * H, act);
    }
    ws.read(ph, N * T * H, precision, h.data);
  });
  return h;
}

/** Backward over the sequence: dh [N, T, H] upstream; dx only if `inputGrad` (da stays in the workspace). */
export function rnnRecurrenceBackward(
  dh: Tensor, cache: RnnRecurrenceCache, activation: RnnActivation, precision: Precision, inputGrad: boolean,
): RnnRecurrenceGrads {
  const { x, h0, Wx, Wh, h } = cache;
  const [N, T, H] = h.shape;
  const act = activation === 'sigmoid' ? 1 : 0;
  const [dh0, dWh] = [zeros([N, H]), zeros([H, H])];
  return withWorkspace((ws) => {
    const k = kernelSet(precision);
    const at = (i: number) => offset(i, precision);
    const [ph, pDH, pWh] = [h, dh, Wh].map((t) => ws.put(t.data, precision));
    const pDA = ws.alloc(N * T * H, precision);
    const pDN = ws.zeros(N * H, precision); // gradient reaching h_t from step t + 1; after the loop, dh0
    const packedWhT = packRecurrentWeight(ws, k, pWh, H, H, true, precision);
    for (let t = T - 1; t >= 0; t--) {
      k.rnnBackwardStep(N, H, ph + at(t * H), T * H, pDH + at(t * H), T * H, pDN, pDA + at(t * H), T * H, act);
      k.gemmPacked(N, H, H, pDA + at(t * H), T * H, 1, packedWhT, pDN, H, 0, ws.gemmScratch); // da_t·Whᵀ
    }
    const pPrev = putPreviousStates(ws, h, h0, precision);
    const pdWh = ws.alloc(H * H, precision);
    k.gemm(H, H, N * T, pPrev, 1, H, pDA, H, 1, pdWh, H, 0, ws.gemmScratch); // Σ_t h_{t−1}ᵀ·da_t
    ws.read(pDN, N * H, precision, dh0.data);
    ws.read(pdWh, H * H, precision, dWh.data);
    const { dWx, db } = inputSideGrads(ws, k, putInput(ws, x, precision), pDA, H, precision);
    const dx = inputGrad ? inputGradientFrom(ws, k, pDA, ws.put(Wx.data, precision), x.shape, H, precision) : null;
    return { dx, dh0, dWx, dWh, db };
  });
}

/** The readable twin of `rnnRecurrence` (float64 only). */
export function rnnRecurrenceReadable(
  x: Tensor, h0: Tensor, Wx: Tensor, Wh: Tensor, b: Tensor, activation: RnnActivation,
): Tensor {
  const [N, T, D] = x.shape;
  const H = Wh.shape[0];
  const f = activation === 'tanh' ? Math.tanh : sigmoidScalar;
  const xWx = matmulReference(x.reshape([N * T, D]), Wx);
  const h = zeros([N, T, H]);
  let prev = h0;
  for (let t = 0; t < T; t++) {
    const hWh = matmulReference(prev, Wh);
    const next = zeros([N, H]);
    for (let n = 0; n < N; n++) {
      for (let j = 0; j < H; j++) {
        const v = f(xWx.data[(n * T + t) * H + j] + hWh.data[n * H + j] + b.data[j]);
        h.data[(n * T + t) * H + j] = next.data[n * H + j] = v;
      }
    }
    prev = next;
  }
  return h;
}

/** The readable twin of `rnnRecurrenceBackward` (float64 only; dx always computed). */
export function rnnRecurrenceBackwardReadable(dh: Tensor, cache: RnnRecurrenceCache, activation: RnnActivation): RnnRecurrenceGrads {
  const { x, h0, Wx, Wh, h } = cache;
  const [N, T, H] = h.shape;
  const da = zeros([N * T, H]);
  let dNext = zeros([N, H]);
  for (let t = T - 1; t >= 0; t--) {
    const daStep = zeros([N, H]);
    for (let n = 0; n < N; n++) {
      for (let j = 0; j < H; j++) {
        const y = h.data[(n * T + t) * H + j];
        const slope = activation === 'tanh' ? 1 - y * y : y * (1 - y);
        const v = (dh.data[(n * T + t) * H + j] + dNext.data[n * H + j]) * slope;
        da.data[(n * T + t) * H + j] = daStep.data[n * H + j] = v;
      }
    }
    dNext = matmulReference(daStep, Wh, { transB: true });
  }
  return { dh0: dNext, dWh: matmulReference(previousStates(h, h0), da, { transA: true }), ...inputSideReadable(x, Wx, da) };
}
