/**
 * Gated recurrent unit (Cho et al. 2014) with torch.nn.GRU's equations and gate order, so weights can be exchanged
 * with PyTorch: Wx = weight_ih_l0ᵀ, Wh = weight_hh_l0ᵀ, bx = bias_ih_l0, bh = bias_hh_l0. Gate columns r, z, n.
 *
 *   r = σ(x·Wxr + bxr + h·Whr + bhr)            reset gate
 *   z = σ(x·Wxz + bxz + h·Whz + bhz)            update gate
 *   n = tanh(x·Wxn + bxn + r ⊙ (h·Whn + bhn))   candidate (the reset gate scales the recurrent part only)
 *   nextH = (1 − z) ⊙ n + z ⊙ h
 *
 * Two biases on the recurrent side are not redundant here: bhn sits inside r ⊙ (·). The sequence functions compute
 * x·Wx + bx for all time steps in one matrix product (and dx, dWx in one each on the way back).
 *
 * Legend: N batch, T time, D input size, H hidden size.
 */
import { ValueError } from '../errors';
import { RandomState, checkRandomState } from '../random';
import { ShapeCheck, checkFinite, checkInteger, checkOptionsObject } from '../tensor/check';
import { addBias, addScaledInPlace, matmul, sigmoidScalar } from '../tensor/ops';
import { sum } from '../tensor/reduce';
import { Tensor, zeros } from '../tensor/tensor';
import { getTimeStep, setTimeStep } from '../tensor/time';
import { checkCacheTensors } from './check-cache';
import { inputGradient, optionInputGrad } from './recurrence';

/** GRU parameters: Wx [D, 3H], Wh [H, 3H], bx [3H], bh [3H], gate columns r, z, n. */
export type GruParams = { Wx: Tensor; Wh: Tensor; bx: Tensor; bh: Tensor };

/** The values of one time step that the backward pass reads. All [N, H]. */
export interface GruGates {
  prevH: Tensor;
  /** Reset gate. */
  r: Tensor;
  /** Update gate. */
  z: Tensor;
  /** Candidate state. */
  n: Tensor;
  /** h·Whn + bhn, the recurrent part of n before the reset gate scales it. */
  hn: Tensor;
}

/** Cache of `gruStepForward`: the step's gates plus x [N, D], Wx and Wh (the caller's tensors). */
export interface GruStepCache extends GruGates {
  x: Tensor;
  Wx: Tensor;
  Wh: Tensor;
}

/** Cache of `gruForward`: x [N, T, D], h0 [N, H], Wx, Wh, and the gates of every step. */
export interface GruCache {
  x: Tensor;
  h0: Tensor;
  Wx: Tensor;
  Wh: Tensor;
  steps: GruGates[];
}

/**
 * Options of `gruBackward`: inputGrad (default true): false skips dx = dax·Wxᵀ (nobody needs it for a one-hot input)
 * and returns dx = null.
 */
export interface GruBackwardOptions {
  inputGrad?: boolean;
}

/** What `gruBackward` returns; DX is Tensor ([N, T, D]), or null when options.inputGrad is false. */
export type GruGrads<DX extends Tensor | null = Tensor> = {
  dx: DX; dh0: Tensor; dWx: Tensor; dWh: Tensor; dbx: Tensor; dbh: Tensor;
};

/** One step from the input projection ax = x·Wx + bx [N, 3H]. */
function gruCell(ax: Tensor, prevH: Tensor, Wh: Tensor, bh: Tensor): { nextH: Tensor; gates: GruGates } {
  const [N, H] = prevH.shape;
  const ah = addBias(matmul(prevH, Wh), bh); // h·Wh + bh: [N, 3H]
  const [r, z, n, hn, nextH] = [0, 1, 2, 3, 4].map(() => zeros([N, H]));
  const AX = ax.data;
  const AH = ah.data;
  const P = prevH.data;
  for (let i = 0; i < N; i++) {
    const a = i * 3 * H;
    for (let j = 0; j < H; j++) {
      const k = i * H + j;
      const rk = sigmoidScalar(AX[a + j] + AH[a + j]);
      const zk = sigmoidScalar(AX[a + H + j] + AH[a + H + j]);
      const hk = AH[a + 2 * H + j];
      const nk = Math.tanh(AX[a + 2 * H + j] + rk * hk);
      r.data[k] = rk;
      z.data[k] = zk;
      hn.data[k] = hk;
      n.data[k] = nk;
      nextH.data[k] = nk + zk * (P[k] - nk); // (1 − z)⊙n + z⊙h, in torch's form
    }
  }
  return { nextH, gates: { prevH, r, z, n, hn } };
}

/** Backward through one cell: returns dax [N, 3H] (gradient of x·Wx + bx) and dprevH; adds into dWh and dbh. */
function gruCellBackward(dnextH: Tensor, g: GruGates, Wh: Tensor, dWh: Tensor, dbh: Tensor): { dax: Tensor; dprevH: Tensor } {
  const [N, H] = g.prevH.shape;
  const dax = zeros([N, 3 * H]);
  const dah = zeros([N, 3 * H]);
  const dprevH = zeros([N, H]);
  for (let i = 0; i < N; i++) {
    const a = i * 3 * H;
    for (let j = 0; j < H; j++) {
      const k = i * H + j;
      const dh = dnextH.data[k];
      const r = g.r.data[k];
      const z = g.z.data[k];
      const n = g.n.data[k];
      const dan = dh * (1 - z) * (1 - n * n); // through n = tanh(·)
      const daz = dh * (g.prevH.data[k] - n) * z * (1 - z);
      const dar = dan * g.hn.data[k] * r * (1 - r);
      dprevH.data[k] = dh * z;
      dax.data[a + j] = dar;
      dax.data[a + H + j] = daz;
      dax.data[a + 2 * H + j] = dan;
      dah.data[a + j] = dar;
      dah.data[a + H + j] = daz;
      dah.data[a + 2 * H + j] = dan * r;
    }
  }
  matmul(dah, Wh, { transB: true, out: dprevH, accumulate: true }); // + dah·Whᵀ
  matmul(g.prevH, dah, { transA: true, out: dWh, accumulate: true }); // dWh += prevHᵀ·dah
  addScaledInPlace(dbh, 1, sum(dah, 0));
  return { dax, dprevH };
}

/**
 * One GRU step. x: [N, D], prevH: [N, H], Wx: [D, 3H], Wh: [H, 3H], bx: [3H], bh: [3H], all finite.
 * Returns nextH [N, H] and the cache for `gruStepBackward`.
 */
export function gruStepForward(
  x: Tensor, prevH: Tensor, Wx: Tensor, Wh: Tensor, bx: Tensor, bh: Tensor,
): { nextH: Tensor; cache: GruStepCache } {
  const fn = 'gruStepForward';
  const s = checkParams(fn, { Wx, Wh, bx, bh });
  s.check('x', x, ['N', 'D']);
  s.check('prevH', prevH, ['N', 'H']);
  checkFinite(fn, 'x', x);
  checkFinite(fn, 'prevH', prevH);
  const ax = addBias(matmul(x, Wx), bx); // [N, 3H]
  const { nextH, gates } = gruCell(ax, prevH, Wh, bh);
  return { nextH, cache: { ...gates, x, Wx, Wh } };
}

/** Backward of one step. dnextH: [N, H]. Returns dx [N, D], dprevH [N, H], dWx, dWh, dbx, dbh (shapes of the params). */
export function gruStepBackward(
  dnextH: Tensor, cache: GruStepCache,
): { dx: Tensor; dprevH: Tensor; dWx: Tensor; dWh: Tensor; dbx: Tensor; dbh: Tensor } {
  const fn = 'gruStepBackward';
  checkCacheTensors(fn, cache, ['x', 'Wx', 'Wh', 'prevH', 'r', 'z', 'n', 'hn'], 'gruStepForward');
  const s = new ShapeCheck(fn);
  s.check('cache.Wx', cache.Wx, ['D', '3H']);
  s.check('cache.x', cache.x, ['N', 'D']);
  s.check('dnextH', dnextH, ['N', 'H']);
  checkFinite(fn, 'dnextH', dnextH);
  const dWh = zeros(cache.Wh.shape);
  const dbh = zeros([cache.Wh.shape[1]]);
  const { dax, dprevH } = gruCellBackward(dnextH, cache, cache.Wh, dWh, dbh);
  const dx = matmul(dax, cache.Wx, { transB: true }); // dax·Wxᵀ
  const dWx = matmul(cache.x, dax, { transA: true }); // xᵀ·dax
  const dbx = sum(dax, 0);
  return { dx, dprevH, dWx, dWh, dbx, dbh };
}

/**
 * A GRU over a whole sequence. x: [N, T, D], h0: [N, H], Wx: [D, 3H], Wh: [H, 3H], bx: [3H], bh: [3H], all finite.
 * Returns h [N, T, H] (the hidden state after every step) and the cache for `gruBackward`.
 */
export function gruForward(
  x: Tensor, h0: Tensor, Wx: Tensor, Wh: Tensor, bx: Tensor, bh: Tensor,
): { h: Tensor; cache: GruCache } {
  const fn = 'gruForward';
  const s = checkParams(fn, { Wx, Wh, bx, bh });
  s.check('x', x, ['N', 'T', 'D']);
  s.check('h0', h0, ['N', 'H']);
  checkFinite(fn, 'x', x);
  checkFinite(fn, 'h0', h0);
  const [N, T, D] = x.shape;
  const H = s.dim('H');
  const ax = addBias(matmul(x.reshape([N * T, D]), Wx), bx).reshape([N, T, 3 * H]); // x·Wx + bx for every step
  const h = zeros([N, T, H]);
  const steps: GruGates[] = [];
  let prevH = h0;
  for (let t = 0; t < T; t++) {
    const step = gruCell(getTimeStep(ax, t), prevH, Wh, bh);
    setTimeStep(h, t, step.nextH);
    steps.push(step.gates);
    prevH = step.nextH;
  }
  return { h, cache: { x, h0, Wx, Wh, steps } };
}

/**
 * Backward through the sequence. dh: [N, T, H], the upstream gradient of every hidden state.
 * Returns dx [N, T, D], dh0 [N, H], dWx, dWh, dbx, dbh (shapes of the params; summed over time steps); with
 * options.inputGrad false, dx is null (not computed) and the other gradients are the same bits.
 */
export function gruBackward(dh: Tensor, cache: GruCache, options?: GruBackwardOptions & { inputGrad?: true }): GruGrads;
export function gruBackward(dh: Tensor, cache: GruCache, options: GruBackwardOptions & { inputGrad: false }): GruGrads<null>;
export function gruBackward(dh: Tensor, cache: GruCache, options?: GruBackwardOptions): GruGrads<Tensor | null>;
export function gruBackward(dh: Tensor, cache: GruCache, options: GruBackwardOptions = {}): GruGrads<Tensor | null> {
  const fn = 'gruBackward';
  checkCacheTensors(fn, cache, ['x', 'h0', 'Wx', 'Wh'], 'gruForward');
  checkOptionsObject(fn, options, '{ inputGrad: false }');
  const inputGrad = optionInputGrad(fn, options);
  const s = new ShapeCheck(fn);
  s.check('cache.Wx', cache.Wx, ['D', '3H']);
  s.check('cache.x', cache.x, ['N', 'T', 'D']);
  if (!Array.isArray(cache.steps) || cache.steps.length !== cache.x.shape[1]) {
    throw new ValueError(`${fn}: cache is not a cache returned by gruForward (steps must hold one entry per time step)`);
  }
  s.check('dh', dh, ['N', 'T', 'H']);
  checkFinite(fn, 'dh', dh);
  const [N, T, D] = cache.x.shape;
  const H = s.dim('H');
  const dax = zeros([N, T, 3 * H]);
  const dWh = zeros([H, 3 * H]);
  const dbh = zeros([3 * H]);
  let dprevH = zeros([N, H]);
  for (let t = T - 1; t >= 0; t--) {
    const dnextH = getTimeStep(dh, t);
    for (let i = 0; i < dnextH.size; i++) dnextH.data[i] += dprevH.data[i]; // from the output and from step t + 1
    const step = gruCellBackward(dnextH, cache.steps[t], cache.Wh, dWh, dbh);
    setTimeStep(dax, t, step.dax);
    dprevH = step.dprevH;
  }
  const daxFlat = dax.reshape([N * T, 3 * H]);
  const dx = inputGrad ? inputGradient(daxFlat, cache.Wx, cache.x.shape) : null;
  const dWx = matmul(cache.x.reshape([N * T, D]), daxFlat, { transA: true });
  const dbx = sum(daxFlat, 0);
  return { dx, dh0: dprevH, dWx, dWh, dbx, dbh };
}

/**
 * Initial parameters as torch.nn.GRU draws them: every element of Wx, Wh, bx and bh from U(−1/√H, 1/√H), drawn in
 * that order (Wx row-major as [D, 3H], then Wh, bx, bh). D, H: positive integers.
 */
export function initGruParams(D: number, H: number, rng: RandomState): GruParams {
  const fn = 'initGruParams';
  checkInteger(fn, 'D', D, 1);
  checkInteger(fn, 'H', H, 1);
  checkRandomState(fn, rng);
  const k = 1 / Math.sqrt(H);
  return {
    Wx: rng.uniform(-k, k, [D, 3 * H]),
    Wh: rng.uniform(-k, k, [H, 3 * H]),
    bx: rng.uniform(-k, k, [3 * H]),
    bh: rng.uniform(-k, k, [3 * H]),
  };
}

function checkParams(fn: string, p: GruParams): ShapeCheck {
  const s = new ShapeCheck(fn);
  s.check('Wx', p.Wx, ['D', '3H']);
  s.check('Wh', p.Wh, ['H', '3H']);
  s.check('bx', p.bx, ['3H']);
  s.check('bh', p.bh, ['3H']);
  for (const [name, t] of Object.entries(p)) checkFinite(fn, name, t);
  return s;
}

