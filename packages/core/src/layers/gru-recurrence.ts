/**
 * The GRU recurrence twice: `gruRecurrence` (fast: h_{t−1}·Wh on the WebAssembly GEMM, the gates fused in one kernel
 * per step, kernels/cells.ts) and `gruRecurrenceReadable` (plain loops over the equations of ./gru.ts: the version to
 * read, and the oracle the tests hold the fast one to). Both take checked arguments.
 *
 * Legend: N batch, T time, D input size, H hidden size; gate columns r, z, n.
 */
import type { Precision } from '../kernels/wasm';
import { kernelSet } from '../kernels/wasm';
import { matmulReference } from '../tensor/matmul';
import { addBias, sigmoidScalar } from '../tensor/ops';
import { Tensor, zeros } from '../tensor/tensor';
import { inputSideReadable } from './lstm-recurrence';
import {
  inputGradientFrom, inputSideGrads, offset, packRecurrentWeight, previousStates, projectInput, putInput,
  putPreviousStates, reuseOrZeros, withWorkspace,
} from './recurrence';

/** The forward's results: h [N, T, H], the gates r, z, n [N, T, 3H] and hn = h_{t−1}·Whn + bhn [N, T, H]. */
export type GruRecurrence = { h: Tensor; gates: Tensor; hn: Tensor };

/** What the backward reads: the forward's inputs and results. */
export type GruRecurrenceCache = { x: Tensor; h0: Tensor; Wx: Tensor; Wh: Tensor } & GruRecurrence;

/** The backward's results: dx [N, T, D] (null when not asked for), dh0 [N, H], dWx, dWh, dbx, dbh. */
export type GruRecurrenceGrads = { dx: Tensor | null; dh0: Tensor; dWx: Tensor; dWh: Tensor; dbx: Tensor; dbh: Tensor };

/**
 * Forward: x [N, T, D], h0 [N, H], Wx [D, 3H], Wh [H, 3H], bx, bh [3H]; `reuse`: an earlier result of the same
 * shapes to overwrite instead of allocating.
 */
export function gruRecurrence(
  x: Tensor, h0: Tensor, Wx: Tensor, Wh: Tensor, bx: Tensor, bh: Tensor, precision: Precision, reuse?: GruRecurrence,
): GruRecurrence {
  const [N, T] = x.shape;
  const H = Wh.shape[0];
  const G = 3 * H;
  const [h, hn] = [reuse?.h, reuse?.hn].map((t) => reuseOrZeros(t, [N, T, H]));
  const gates = reuseOrZeros(reuse?.gates, [N, T, G]);
  withWorkspace((ws) => {
    const k = kernelSet(precision);
    const at = (i: number) => offset(i, precision);
    const pAX = ws.alloc(N * T * G, precision);
    projectInput(ws, k, putInput(ws, x, precision), ws.put(Wx.data, precision), G, pAX, G); // x_t·Wx, every step
    const ax = ws.view(pAX, N * T * G, precision);
    for (let r = 0; r < N * T; r++) for (let g = 0; g < G; g++) ax[r * G + g] += bx.data[g]; // + bx
    const [pWh, pbh, ph0] = [Wh, bh, h0].map((t) => ws.put(t.data, precision));
    const pAH = ws.alloc(N * G, precision); // h_{t−1}·Wh
    const packedWh = packRecurrentWeight(ws, k, pWh, H, G, false, precision);
    const [pG, pHN, ph] = [ws.alloc(N * T * G, precision), ws.alloc(N * T * H, precision), ws.alloc(N * T * H, precision)];
    for (let t = 0; t < T; t++) {
      const [prev, stride] = t === 0 ? [ph0, H] : [ph + at((t - 1) * H), T * H];
      k.gemmPacked(N, G, H, prev, stride, 1, packedWh, pAH, G, 0, ws.gemmScratch);
      k.gruForwardStep(N, H, pAX + at(t * G), T * G, pAH, pbh, prev, stride, pG + at(t * G), T * G,
        pHN + at(t * H), T * H, ph + at(t * H), T * H);
    }
    ws.read(pG, N * T * G, precision, gates.data);
    ws.read(pHN, N * T * H, precision, hn.data);
    ws.read(ph, N * T * H, precision, h.data);
  });
  return { h, gates, hn };
}

/** Backward: dh [N, T, H] upstream; dx only if `inputGrad` (dax and dah stay in the workspace). */
export function gruRecurrenceBackward(
  dh: Tensor, cache: GruRecurrenceCache, precision: Precision, inputGrad: boolean,
): GruRecurrenceGrads {
  const { x, h0, Wx, Wh, h, gates, hn } = cache;
  const [N, T, H] = h.shape;
  const G = 3 * H;
  const [dh0, dWh] = [zeros([N, H]), zeros([H, G])];
  return withWorkspace((ws) => {
    const k = kernelSet(precision);
    const at = (i: number) => offset(i, precision);
    const [pG, pHN, ph, ph0, pDH, pWh] = [gates, hn, h, h0, dh, Wh].map((t) => ws.put(t.data, precision));
    const [pDAX, pDAH] = [ws.alloc(N * T * G, precision), ws.alloc(N * T * G, precision)];
    const pDN = ws.zeros(N * H, precision); // gradient reaching h_t from step t + 1; after the loop, dh0
    const packedWhT = packRecurrentWeight(ws, k, pWh, H, G, true, precision);
    for (let t = T - 1; t >= 0; t--) {
      const [prev, stride] = t === 0 ? [ph0, H] : [ph + at((t - 1) * H), T * H];
      k.gruBackwardStep(N, H, pG + at(t * G), T * G, pHN + at(t * H), T * H, prev, stride, pDH + at(t * H), T * H,
        pDN, pDAX + at(t * G), T * G, pDAH + at(t * G), T * G);
      k.gemmPacked(N, H, G, pDAH + at(t * G), T * G, 1, packedWhT, pDN, H, 1, ws.gemmScratch); // + dah_t·Whᵀ
    }
    const pPrev = putPreviousStates(ws, h, h0, precision);
    const pdWh = ws.alloc(H * G, precision);
    k.gemm(H, G, N * T, pPrev, 1, H, pDAH, G, 1, pdWh, G, 0, ws.gemmScratch); // Σ_t h_{t−1}ᵀ·dah_t
    ws.read(pDN, N * H, precision, dh0.data);
    ws.read(pdWh, H * G, precision, dWh.data);
    const { dWx, db: dbx } = inputSideGrads(ws, k, putInput(ws, x, precision), pDAX, G, precision);
    const dbh = zeros([G]);
    const dah = ws.view(pDAH, N * T * G, precision);
    for (let r = 0; r < N * T; r++) for (let g = 0; g < G; g++) dbh.data[g] += dah[r * G + g];
    const dx = inputGrad ? inputGradientFrom(ws, k, pDAX, ws.put(Wx.data, precision), x.shape, G, precision) : null;
    return { dx, dh0, dWx, dWh, dbx, dbh };
  });
}

/** The readable twin of `gruRecurrence` (float64 only). */
export function gruRecurrenceReadable(
  x: Tensor, h0: Tensor, Wx: Tensor, Wh: Tensor, bx: Tensor, bh: Tensor,
): GruRecurrence {
  const [N, T, D] = x.shape;
  const H = Wh.shape[0];
  const ax = addBias(matmulReference(x.reshape([N * T, D]), Wx), bx);
  const [h, gates, hn] = [zeros([N, T, H]), zeros([N, T, 3 * H]), zeros([N, T, H])];
  let prev = h0;
  for (let t = 0; t < T; t++) {
    const ah = addBias(matmulReference(prev, Wh), bh); // h_{t−1}·Wh + bh
    const next = zeros([N, H]);
    for (let n = 0; n < N; n++) {
      const row = n * T + t;
      for (let j = 0; j < H; j++) {
        const X = (q: number) => ax.data[row * 3 * H + q * H + j];
        const A = (q: number) => ah.data[n * 3 * H + q * H + j];
        const r = sigmoidScalar(X(0) + A(0));
        const z = sigmoidScalar(X(1) + A(1));
        const nv = Math.tanh(X(2) + r * A(2));
        [r, z, nv].forEach((v, q) => (gates.data[row * 3 * H + q * H + j] = v));
        hn.data[row * H + j] = A(2);
        h.data[row * H + j] = next.data[n * H + j] = nv + z * (prev.data[n * H + j] - nv); // (1 − z)⊙n + z⊙h
      }
    }
    prev = next;
  }
  return { h, gates, hn };
}

/** The readable twin of `gruRecurrenceBackward` (float64 only; dx always computed). */
export function gruRecurrenceBackwardReadable(dh: Tensor, cache: GruRecurrenceCache): GruRecurrenceGrads {
  const { x, h0, Wx, Wh, h, gates, hn } = cache;
  const [N, T, H] = h.shape;
  const [dax, dah] = [zeros([N * T, 3 * H]), zeros([N * T, 3 * H])];
  let dNext = zeros([N, H]);
  for (let t = T - 1; t >= 0; t--) {
    const dahStep = zeros([N, 3 * H]);
    const direct = zeros([N, H]); // dh·z, the path that skips the gates
    for (let n = 0; n < N; n++) {
      const row = n * T + t;
      for (let j = 0; j < H; j++) {
        const [r, z, nv] = [0, 1, 2].map((q) => gates.data[row * 3 * H + q * H + j]);
        const prev = t === 0 ? h0.data[n * H + j] : h.data[(row - 1) * H + j];
        const g = dh.data[row * H + j] + dNext.data[n * H + j];
        const dan = g * (1 - z) * (1 - nv * nv);
        const daz = g * (prev - nv) * z * (1 - z);
        const dar = dan * hn.data[row * H + j] * r * (1 - r);
        [dar, daz, dan].forEach((v, q) => (dax.data[row * 3 * H + q * H + j] = v));
        [dar, daz, dan * r].forEach((v, q) => (dah.data[row * 3 * H + q * H + j] = dahStep.data[n * 3 * H + q * H + j] = v));
        direct.data[n * H + j] = g * z;
      }
    }
    const back = matmulReference(dahStep, Wh, { transB: true });
    dNext = new Tensor(direct.data.map((v, i) => v + back.data[i]), [N, H]);
  }
  const { dx, dWx, db: dbx } = inputSideReadable(x, Wx, dax);
  const dbh = inputSideReadable(x, Wx, dah).db;
  return { dx, dh0: dNext, dWx, dWh: matmulReference(previousStates(h, h0), dah, { transA: true }), dbx, dbh };
}
