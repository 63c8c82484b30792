/**
 * The LSTM recurrence twice: `lstmRecurrence` (fast: the per-step products on the WebAssembly GEMM, the gates fused in
 * one kernel per step, kernels/cells.ts) and `lstmRecurrenceReadable` (plain loops over the equations of ./lstm.ts,
 * the version to read, and the oracle the tests hold the fast one to: 1e-12 relative in float64). Same arguments,
 * same results; both take checked arguments from ./lstm.ts.
 *
 * Legend: N batch, T time, D input size, H hidden size; gate columns i, f, o, g.
 */
import type { Precision } from '../kernels/wasm';
import { kernelSet } from '../kernels/wasm';
import { matmulReference } from '../tensor/matmul';
import { sigmoidScalar } from '../tensor/ops';
import { Tensor, zeros } from '../tensor/tensor';
import {
  inputGradientFrom, inputSideGrads, offset, packRecurrentWeight, previousStates, projectInput, putInput,
  putPreviousStates, reuseOrZeros, withWorkspace,
} from './recurrence';

/** The forward's results: h, c, tanhC [N, T, H] and the activated gates [N, T, 4H]. */
export type LstmRecurrence = { h: Tensor; c: Tensor; gates: Tensor; tanhC: Tensor };

/** What the backward recurrence reads (the forward's inputs and results). */
export type LstmRecurrenceCache = { x: Tensor; h0: Tensor; c0: Tensor; Wx: Tensor; Wh: Tensor } & LstmRecurrence;

/** The backward's results: dx [N, T, D] (null when not asked for), dh0, dc0 [N, H], dWx, dWh, db. */
export type LstmRecurrenceGrads = { dx: Tensor | null; dh0: Tensor; dc0: Tensor; dWx: Tensor; dWh: Tensor; db: Tensor };

/**
 * Forward over the sequence; x: [N, T, D], h0, c0: [N, H], Wx: [D, 4H], Wh: [H, 4H], b: [4H]. `reuse`: a previous
 * result of the same shapes whose tensors are overwritten instead of allocating new ones (a training loop's buffers).
 */
export function lstmRecurrence(
  x: Tensor, h0: Tensor, c0: Tensor, Wx: Tensor, Wh: Tensor, b: Tensor, precision: Precision, reuse?: LstmRecurrence,
): LstmRecurrence {
  const [N, T] = x.shape;
  const H = Wh.shape[0];
  const G = 4 * H;
  const gates = reuseOrZeros(reuse?.gates, [N, T, G]);
  const [h, c, tanhC] = [reuse?.h, reuse?.c, reuse?.tanhC].map((t) => reuseOrZeros(t, [N, T, H]));
  withWorkspace((ws) => {
    const k = kernelSet(precision);
    const at = (i: number) => offset(i, precision);
    const pA = ws.alloc(N * T * G, precision);
    projectInput(ws, k, putInput(ws, x, precision), ws.put(Wx.data, precision), G, pA, G); // x_t·Wx, every step
    const [pWh, pb, ph0, pc0] = [Wh, b, h0, c0].map((t) => ws.put(t.data, precision));
    const [pc, ptc, ph] = [0, 1, 2].map(() => ws.alloc(N * T * H, precision));
    const packedWh = packRecurrentWeight(ws, k, pWh, H, G, false, precision);
    for (let t = 0; t < T; t++) {
      // a_t += h_{t−1}·Wh, then the gates, c_t, tanh(c_t), h_t in one pass
      const [prevH, prevHStride] = t === 0 ? [ph0, H] : [ph + at((t - 1) * H), T * H];
      const [prevC, prevCStride] = t === 0 ? [pc0, H] : [pc + at((t - 1) * H), T * H];
      k.gemmPacked(N, G, H, prevH, prevHStride, 1, packedWh, pA + at(t * G), T * G, 1, ws.gemmScratch);
      k.lstmForwardStep(N, H, pA + at(t * G), T * G, pb, prevC, prevCStride, pc + at(t * H), T * H,
        ptc + at(t * H), T * H, ph + at(t * H), T * H);
    }
    ws.read(pA, N * T * G, precision, gates.data);
    ws.read(pc, N * T * H, precision, c.data);
    ws.read(ptc, N * T * H, precision, tanhC.data);
    ws.read(ph, N * T * H, precision, h.data);
  });
  return { h, c, gates, tanhC };
}

/**
 * Backward over the sequence; dh: [N, T, H] upstream, dcT: [N, H] or undefined (zeros); dx only if `inputGrad`. The
 * pre-activation gradient da stays in the workspace: dWx, db and dx are products with it there.
 */
export function lstmRecurrenceBackward(
  dh: Tensor, dcT: Tensor | undefined, cache: LstmRecurrenceCache, precision: Precision, inputGrad: boolean,
): LstmRecurrenceGrads {
  const { x, h0, c0, Wx, Wh, h, c, gates, tanhC } = cache;
  const [N, T, H] = h.shape;
  const G = 4 * H;
  const [dh0, dc0, dWh] = [zeros([N, H]), dcT === undefined ? zeros([N, H]) : dcT.clone(), zeros([H, G])];
  return withWorkspace((ws) => {
    const k = kernelSet(precision);
    const at = (i: number) => offset(i, precision);
    const [pG, pC, pTC, pDH, pc0, pWh, pDCN] = [gates, c, tanhC, dh, c0, Wh, dc0].map((t) => ws.put(t.data, precision));
    const pDA = ws.alloc(N * T * G, precision);
    const pDHN = ws.zeros(N * H, precision); // gradient reaching h_t from step t + 1; after the loop, dh0
    const packedWhT = packRecurrentWeight(ws, k, pWh, H, G, true, precision);
    for (let t = T - 1; t >= 0; t--) {
      const [prevC, prevCStride] = t === 0 ? [pc0, H] : [pC + at((t - 1) * H), T * H];
      k.lstmBackwardStep(N, H, pG + at(t * G), T * G, prevC, prevCStride, pTC + at(t * H), T * H, pDH + at(t * H), T * H,
        pDHN, pDCN, pDA + at(t * G), T * G);
      k.gemmPacked(N, H, G, pDA + at(t * G), T * G, 1, packedWhT, pDHN, H, 0, ws.gemmScratch); // da_t·Whᵀ
    }
    const pPrev = putPreviousStates(ws, h, h0, precision);
    const pdWh = ws.alloc(H * G, precision);
    k.gemm(H, G, N * T, pPrev, 1, H, pDA, G, 1, pdWh, G, 0, ws.gemmScratch); // Σ_t h_{t−1}ᵀ·da_t
    ws.read(pDHN, N * H, precision, dh0.data);
    ws.read(pDCN, N * H, precision, dc0.data);
    ws.read(pdWh, H * G, precision, dWh.data);
    const { dWx, db } = inputSideGrads(ws, k, putInput(ws, x, precision), pDA, G, precision);
    const dx = inputGrad ? inputGradientFrom(ws, k, pDA, ws.put(Wx.data, precision), x.shape, G, precision) : null;
    return { dx, dh0, dc0, dWx, dWh, db };
  });
}

/** The readable twin of `lstmRecurrence` (float64 only): the equations, one element at a time. */
export function lstmRecurrenceReadable(
  x: Tensor, h0: Tensor, c0: Tensor, Wx: Tensor, Wh: Tensor, b: Tensor,
): LstmRecurrence {
  const [N, T, D] = x.shape;
  const H = Wh.shape[0];
  const xWx = matmulReference(x.reshape([N * T, D]), Wx); // [N·T, 4H]
  const [h, c, tanhC, gates] = [zeros([N, T, H]), zeros([N, T, H]), zeros([N, T, H]), zeros([N, T, 4 * H])];
  let prevH = h0;
  for (let t = 0; t < T; t++) {
    const hWh = matmulReference(prevH, Wh); // [N, 4H]
    const next = zeros([N, H]);
    for (let n = 0; n < N; n++) {
      const row = n * T + t;
      const a = (k: number) => xWx.data[row * 4 * H + k] + hWh.data[n * 4 * H + k] + b.data[k];
      for (let j = 0; j < H; j++) {
        const i = sigmoidScalar(a(j));
        const f = sigmoidScalar(a(H + j));
        const o = sigmoidScalar(a(2 * H + j));
        const g = Math.tanh(a(3 * H + j));
        const prevC = t === 0 ? c0.data[n * H + j] : c.data[(row - 1) * H + j];
        const cv = f * prevC + i * g;
        [i, f, o, g].forEach((v, q) => (gates.data[row * 4 * H + q * H + j] = v));
        c.data[row * H + j] = cv;
        tanhC.data[row * H + j] = Math.tanh(cv);
        h.data[row * H + j] = next.data[n * H + j] = o * Math.tanh(cv);
      }
    }
    prevH = next;
  }
  return { h, c, gates, tanhC };
}

/** The readable twin of `lstmRecurrenceBackward` (float64 only; dx always computed). */
export function lstmRecurrenceBackwardReadable(
  dh: Tensor, dcT: Tensor | undefined, cache: LstmRecurrenceCache,
): LstmRecurrenceGrads {
  const { x, h0, c0, Wx, Wh, h, c, gates, tanhC } = cache;
  const [N, T, H] = h.shape;
  const da = zeros([N * T, 4 * H]);
  let dhNext = zeros([N, H]); // gradient reaching h_t from step t + 1
  const dcNext = dcT === undefined ? zeros([N, H]) : dcT.clone(); // same for c_t
  for (let t = T - 1; t >= 0; t--) {
    const daStep = zeros([N, 4 * H]);
    for (let n = 0; n < N; n++) {
      const row = n * T + t;
      for (let j = 0; j < H; j++) {
        const [i, f, o, g] = [0, 1, 2, 3].map((q) => gates.data[row * 4 * H + q * H + j]);
        const tc = tanhC.data[row * H + j];
        const prevC = t === 0 ? c0.data[n * H + j] : c.data[(row - 1) * H + j];
        const dhv = dh.data[row * H + j] + dhNext.data[n * H + j];
        const dcv = dcNext.data[n * H + j] + dhv * o * (1 - tc * tc);
        const grads = [dcv * g * i * (1 - i), dcv * prevC * f * (1 - f), dhv * tc * o * (1 - o), dcv * i * (1 - g * g)];
        grads.forEach((v, q) => (da.data[row * 4 * H + q * H + j] = daStep.data[n * 4 * H + q * H + j] = v));
        dcNext.data[n * H + j] = dcv * f;
      }
    }
    dhNext = matmulReference(daStep, Wh, { transB: true });
  }
  return { dh0: dhNext, dc0: dcNext, dWh: matmulReference(previousStates(h, h0), da, { transA: true }), ...inputSideReadable(x, Wx, da) };
}

/** dx = da·Wxᵀ, dWx = xᵀ·da and db = Σ_rows da by the triple loop: x [N, T, D], Wx [D, G], da [N·T, G]. */
export function inputSideReadable(x: Tensor, Wx: Tensor, da: Tensor): { dx: Tensor; dWx: Tensor; db: Tensor } {
  const [N, T, D] = x.shape;
  const G = da.shape[1];
  const db = zeros([G]);
  for (let r = 0; r < N * T; r++) for (let g = 0; g < G; g++) db.data[g] += da.data[r * G + g];
  return {
    dx: matmulReference(da, Wx, { transB: true }).reshape([N, T, D]),
    dWx: matmulReference(x.reshape([N * T, D]), da, { transA: true }),
    db,
  };
}
