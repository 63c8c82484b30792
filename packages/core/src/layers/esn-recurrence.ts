/**
 * The echo state recurrence twice: `esnRecurrence` (fast: per-step products on the WebAssembly GEMM, tanh and the
 * leak fused in one kernel per step, kernels/cells.ts) and `esnRecurrenceReadable` (plain loops over the equations of
 * ./esn.ts: the version to read, and the oracle the tests hold the fast one to). Both take checked arguments.
 *
 * Legend: N batch, T time, D input size, H reservoir size; a is the leak rate.
 */
import type { Precision } from '../kernels/wasm';
import { kernelSet } from '../kernels/wasm';
import { matmulReference } from '../tensor/matmul';
import { Tensor, zeros } from '../tensor/tensor';
import { inputSideReadable } from './lstm-recurrence';
import {
  inputGradientFrom, inputSideGrads, offset, packRecurrentWeight, previousStates, projectInput, putInput,
  putPreviousStates, reuseOrZeros, withWorkspace,
} from './recurrence';

/** The forward's results: h and h̃ (the tanh before leaking), both [N, T, H]. */
export type EsnRecurrence = { h: Tensor; htilde: Tensor };

/** What the backward reads: the forward's inputs and results. */
export type EsnRecurrenceCache = { x: Tensor; h0: Tensor; Win: Tensor; W: Tensor } & EsnRecurrence;

/** The backward's results: dx [N, T, D] (null when not asked for), dh0 [N, H], dWin, dW, db. */
export type EsnRecurrenceGrads = { dx: Tensor | null; dh0: Tensor; dWin: Tensor; dW: Tensor; db: Tensor };

/**
 * Forward: x [N, T, D], h0 [N, H], Win [D, H], W [H, H], b [H], leak rate a; `reuse`: an earlier result of the same
 * shapes to overwrite instead of allocating.
 */
export function esnRecurrence(
  x: Tensor, h0: Tensor, Win: Tensor, W: Tensor, b: Tensor, a: number, precision: Precision, reuse?: EsnRecurrence,
): EsnRecurrence {
  const [N, T] = x.shape;
  const H = W.shape[0];
  const [h, htilde] = [reuse?.h, reuse?.htilde].map((t) => reuseOrZeros(t, [N, T, H]));
  withWorkspace((ws) => {
    const k = kernelSet(precision);
    const at = (i: number) => offset(i, precision);
    const pHT = ws.alloc(N * T * H, precision);
    projectInput(ws, k, putInput(ws, x, precision), ws.put(Win.data, precision), H, pHT, H); // x_t·Win, every step
    const [pW, pb, ph0] = [W, b, h0].map((t) => ws.put(t.data, precision));
    const ph = ws.alloc(N * T * H, precision);
    const packedW = packRecurrentWeight(ws, k, pW, H, H, false, precision);
    for (let t = 0; t < T; t++) {
      const [prev, stride] = t === 0 ? [ph0, H] : [ph + at((t - 1) * H), T * H];
      k.gemmPacked(N, H, H, prev, stride, 1, packedW, pHT + at(t * H), T * H, 1, ws.gemmScratch); // + h_{t−1}·W
      k.esnForwardStep(N, H, pHT + at(t * H), T * H, pb, prev, stride, ph + at(t * H), T * H, a);
    }
    ws.read(pHT, N * T * H, precision, htilde.data);
    ws.read(ph, N * T * H, precision, h.data);
  });
  return { h, htilde };
}

/**
 * Backward: dh [N, T, H] upstream; h may be any [N, 1, H] when T = 1 (only h0 is read then); dx only if `inputGrad`
 * (da stays in the workspace).
 */
export function esnRecurrenceBackward(
  dh: Tensor, cache: EsnRecurrenceCache, a: number, precision: Precision, inputGrad: boolean,
): EsnRecurrenceGrads {
  const { x, h0, Win, W, h, htilde } = cache;
  const [N, T, H] = htilde.shape;
  const [dh0, dW] = [zeros([N, H]), zeros([H, H])];
  return withWorkspace((ws) => {
    const k = kernelSet(precision);
    const at = (i: number) => offset(i, precision);
    const [pHT, pDH, pW] = [htilde, dh, W].map((t) => ws.put(t.data, precision));
    const pDA = ws.alloc(N * T * H, precision);
    const pDN = ws.zeros(N * H, precision); // gradient reaching h_t from step t + 1; after the loop, dh0
    const packedWT = packRecurrentWeight(ws, k, pW, H, H, true, precision);
    for (let t = T - 1; t >= 0; t--) {
      k.esnBackwardStep(N, H, pHT + at(t * H), T * H, pDH + at(t * H), T * H, pDN, pDA + at(t * H), T * H, a);
      k.gemmPacked(N, H, H, pDA + at(t * H), T * H, 1, packedWT, pDN, H, 1, ws.gemmScratch); // + da_t·Wᵀ
    }
    const pPrev = putPreviousStates(ws, h, h0, precision);
    const pdW = ws.alloc(H * H, precision);
    k.gemm(H, H, N * T, pPrev, 1, H, pDA, H, 1, pdW, H, 0, ws.gemmScratch); // Σ_t h_{t−1}ᵀ·da_t
    ws.read(pDN, N * H, precision, dh0.data);
    ws.read(pdW, H * H, precision, dW.data);
    const { dWx: dWin, db } = inputSideGrads(ws, k, putInput(ws, x, precision), pDA, H, precision);
    const dx = inputGrad ? inputGradientFrom(ws, k, pDA, ws.put(Win.data, precision), x.shape, H, precision) : null;
    return { dx, dh0, dWin, dW, db };
  });
}

/** The readable twin of `esnRecurrence` (float64 only). */
export function esnRecurrenceReadable(x: Tensor, h0: Tensor, Win: Tensor, W: Tensor, b: Tensor, a: number): EsnRecurrence {
  const [N, T, D] = x.shape;
  const H = W.shape[0];
  const xWin = matmulReference(x.reshape([N * T, D]), Win);
  const [h, htilde] = [zeros([N, T, H]), zeros([N, T, H])];
  let prev = h0;
  for (let t = 0; t < T; t++) {
    const hW = matmulReference(prev, W);
    const next = zeros([N, H]);
    for (let n = 0; n < N; n++) {
      for (let j = 0; j < H; j++) {
        const row = (n * T + t) * H + j;
        const ht = Math.tanh(xWin.data[row] + hW.data[n * H + j] + b.data[j]);
        htilde.data[row] = ht;
        h.data[row] = next.data[n * H + j] = (1 - a) * prev.data[n * H + j] + a * ht;
      }
    }
    prev = next;
  }
  return { h, htilde };
}

/** The readable twin of `esnRecurrenceBackward` (float64 only; dx always computed). */
export function esnRecurrenceBackwardReadable(dh: Tensor, cache: EsnRecurrenceCache, a: number): EsnRecurrenceGrads {
  const { x, h0, Win, W, h, htilde } = cache;
  const [N, T, H] = htilde.shape;
  const da = zeros([N * T, H]);
  let dNext = zeros([N, H]);
  for (let t = T - 1; t >= 0; t--) {
    const daStep = zeros([N, H]);
    const leakPath = zeros([N, H]);
    for (let n = 0; n < N; n++) {
      for (let j = 0; j < H; j++) {
        const row = (n * T + t) * H + j;
        const g = dh.data[row] + dNext.data[n * H + j];
        const ht = htilde.data[row];
        da.data[row] = daStep.data[n * H + j] = a * g * (1 - ht * ht);
        leakPath.data[n * H + j] = (1 - a) * g;
      }
    }
    const back = matmulReference(daStep, W, { transB: true });
    dNext = new Tensor(leakPath.data.map((v, i) => v + back.data[i]), [N, H]);
  }
  const { dx, dWx: dWin, db } = inputSideReadable(x, Win, da);
  return { dx, dh0: dNext, dWin, dW: matmulReference(previousStates(h, h0), da, { transA: true }), db };
}
