/**
 * LSTM layer, as cs231n assignment 3's lstm_step_forward / lstm_forward and their backward passes (batch-major), with
 * an initial cell state c0 and an upstream gradient of the final cell state dcT so a language model can carry (h, c)
 * from chunk to chunk (truncated BPTT).
 *
 *   a_t = x_t·Wx + h_{t−1}·Wh + b                       [N, 4H], gate order i, f, o, g:
 *   i = σ(a[:, 0:H]),  f = σ(a[:, H:2H]),  o = σ(a[:, 2H:3H]),  g = tanh(a[:, 3H:4H])
 *   c_t = f ⊙ c_{t−1} + i ⊙ g,   h_t = o ⊙ tanh(c_t)
 * Backward, with dh and dc the total gradients reaching h_t and c_t:
 *   dc += dh ⊙ o ⊙ (1 − tanh²c_t);  dai = dc⊙g⊙i(1−i),  daf = dc⊙c_{t−1}⊙f(1−f),  dao = dh⊙tanh c_t⊙o(1−o),
 *   dag = dc⊙i⊙(1−g²);  dc_{t−1} = dc ⊙ f;  dh_{t−1} = da·Whᵀ;  dx_t = da·Wxᵀ;  dWx = Σ xᵀ·da, dWh = Σ h_{t−1}ᵀ·da
 *
 * Legend: N batch, T time, D input size, H hidden size. x_t is x[:, t, :].
 *
 * As in ./rnn.ts: x·Wx and the parameter gradients are single [N·T, ·] products, a step is the sequence code with
 * T = 1, and caches hold the caller's tensors and the returned h, c (not copies).
 */
import { ValueError } from '../errors';
import { RandomState, checkRandomState } from '../random';
import { ShapeCheck, checkInteger, checkSameShape } from '../tensor/check';
import { matmul, sigmoidScalar } from '../tensor/ops';
import { sum } from '../tensor/reduce';
import { Tensor, zeros } from '../tensor/tensor';
import { checkCacheTensors } from './check-cache';
import { inputGradient, optionInputGrad, previousStates, randnScaled } from './recurrence';

/** Parameters of an LSTM. Wx: [D, 4H], Wh: [H, 4H], b: [4H]; columns in gate order i, f, o, g. */
export type LstmParams = { Wx: Tensor; Wh: Tensor; b: Tensor };

/** Gradients of an LSTM's parameters. dWx: [D, 4H], dWh: [H, 4H], db: [4H]. */
export interface LstmParamGrads {
  dWx: Tensor;
  dWh: Tensor;
  db: Tensor;
}

/** What `lstmStepBackward` needs. x: [N, D]; prevH, prevC, nextH, nextC, tanhC: [N, H]; gates: [N, 4H]. */
export interface LstmStepCache {
  x: Tensor;
  prevH: Tensor;
  prevC: Tensor;
  Wx: Tensor;
  Wh: Tensor;
  /** The activated gates i, f, o, g side by side. */
  gates: Tensor;
  /** tanh(nextC). */
  tanhC: Tensor;
  nextH: Tensor;
  nextC: Tensor;
}

/** What `lstmBackward` needs. x: [N, T, D]; h0, c0: [N, H]; h, c, tanhC: [N, T, H]; gates: [N, T, 4H]. */
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

/** Options of `lstmForward`: c0 [N, H], the initial cell state (default zeros). */
export interface LstmForwardOptions {
  c0?: Tensor;
}

/**
 * Options of `lstmBackward`: dcT [N, H], upstream gradient of the final cell state c[:, T−1, :] (default zeros);
 * inputGrad (default true): false skips dx = da·Wxᵀ (nobody needs it for a one-hot input) and returns dx = null.
 */
export interface LstmBackwardOptions {
  dcT?: Tensor;
  inputGrad?: boolean;
}

/** What `lstmBackward` returns; DX is Tensor ([N, T, D]), or null when options.inputGrad is false. */
export type LstmGrads<DX extends Tensor | null = Tensor> = { dx: DX; dh0: Tensor; dc0: Tensor } & LstmParamGrads;

/** Options of `initLstmParams`: the initial value of the forget-gate biases b[H:2H] (default 0). */
export interface LstmInitOptions {
  forgetBias?: number;
}

/**
 * One time step. x: [N, D], prevH: [N, H], prevC: [N, H], Wx: [D, 4H], Wh: [H, 4H], b: [4H].
 * Returns nextH [N, H], nextC [N, H] and the cache for `lstmStepBackward`.
 */
export function lstmStepForward(
  x: Tensor, prevH: Tensor, prevC: Tensor, Wx: Tensor, Wh: Tensor, b: Tensor,
): { nextH: Tensor; nextC: Tensor; cache: LstmStepCache } {
  const s = checkParams('lstmStepForward', Wx, Wh, b, x, ['N', 'D'], 'prevH', prevH);
  s.check('prevC', prevC, ['N', 'H']);
  const [N, D, H] = [s.dim('N'), s.dim('D'), s.dim('H')];
  const r = forwardCore(x.reshape([N, 1, D]), prevH, prevC, Wx, Wh, b);
  const [nextH, nextC] = [r.h.reshape([N, H]), r.c.reshape([N, H])];
  const cache = { x, prevH, prevC, Wx, Wh, gates: r.gates.reshape([N, 4 * H]), tanhC: r.tanhC.reshape([N, H]), nextH, nextC };
  return { nextH, nextC, cache };
}

/**
 * Backward pass of one step. dnextH, dnextC: [N, H] upstream gradients of nextH and nextC.
 * Returns dx [N, D], dprevH [N, H], dprevC [N, H], dWx [D, 4H], dWh [H, 4H], db [4H].
 */
export function lstmStepBackward(
  dnextH: Tensor, dnextC: Tensor, cache: LstmStepCache,
): { dx: Tensor; dprevH: Tensor; dprevC: Tensor } & LstmParamGrads {
  const fn = 'lstmStepBackward';
  checkCacheTensors(fn, cache, ['x', 'prevH', 'prevC', 'Wx', 'Wh', 'gates', 'tanhC', 'nextH', 'nextC'], 'lstmStepForward');
  checkSameShape(fn, 'dnextH', dnextH, cache.nextH, 'nextH in the cache');
  checkSameShape(fn, 'dnextC', dnextC, cache.nextC, 'nextC in the cache');
  const [N, D] = cache.x.shape;
  const H = cache.nextH.shape[1];
  const step = (t: Tensor, cols: number) => t.reshape([N, 1, cols]);
  const g = backwardCore(step(dnextH, H), dnextC, {
    x: step(cache.x, D), h0: cache.prevH, c0: cache.prevC, Wx: cache.Wx, Wh: cache.Wh, h: step(cache.nextH, H),
    c: step(cache.nextC, H), gates: step(cache.gates, 4 * H), tanhC: step(cache.tanhC, H),
  });
  const dx = matmul(g.da, cache.Wx, { transB: true }); // [N, 4H]·Wxᵀ
  return { dx, dprevH: g.dh0, dprevC: g.dc0, dWx: g.dWx, dWh: g.dWh, db: g.db };
}

/**
 * A whole sequence from h0 and c0. x: [N, T, D], h0: [N, H], Wx: [D, 4H], Wh: [H, 4H], b: [4H], options.c0: [N, H]
 * (default zeros). Returns every hidden state h [N, T, H], every cell state c [N, T, H] and the cache.
 */
export function lstmForward(
  x: Tensor, h0: Tensor, Wx: Tensor, Wh: Tensor, b: Tensor, options: LstmForwardOptions = {},
): { h: Tensor; c: Tensor; cache: LstmCache } {
  const fn = 'lstmForward';
  checkOptions(fn, options, 'c0');
  const s = checkParams(fn, Wx, Wh, b, x, ['N', 'T', 'D'], 'h0', h0);
  const c0 = options.c0 === undefined ? zeros(h0.shape) : s.check('options.c0', options.c0, ['N', 'H']);
  const r = forwardCore(x, h0, c0, Wx, Wh, b);
  return { h: r.h, c: r.c, cache: { x, h0, c0, Wx, Wh, ...r } };
}

/**
 * Backward pass over the sequence. dh: [N, T, H], the upstream gradient of every hidden state; options.dcT: [N, H]
 * (default zeros). Returns dx [N, T, D], dh0 [N, H], dc0 [N, H], dWx [D, 4H], dWh [H, 4H], db [4H]; with
 * options.inputGrad false, dx is null (not computed) and the other gradients are the same bits.
 */
export function lstmBackward(dh: Tensor, cache: LstmCache, options?: LstmBackwardOptions & { inputGrad?: true }): LstmGrads;
export function lstmBackward(dh: Tensor, cache: LstmCache, options: LstmBackwardOptions & { inputGrad: false }): LstmGrads<null>;
export function lstmBackward(dh: Tensor, cache: LstmCache, options?: LstmBackwardOptions): LstmGrads<Tensor | null>;
export function lstmBackward(dh: Tensor, cache: LstmCache, options: LstmBackwardOptions = {}): LstmGrads<Tensor | null> {
  const fn = 'lstmBackward';
  checkCacheTensors(fn, cache, ['x', 'h0', 'c0', 'Wx', 'Wh', 'h', 'c', 'gates', 'tanhC'], 'lstmForward');
  checkOptions(fn, options, 'dcT');
  const inputGrad = optionInputGrad(fn, options);
  checkSameShape(fn, 'dh', dh, cache.h, 'h in the cache');
  if (options.dcT !== undefined) checkSameShape(fn, 'options.dcT', options.dcT, cache.h0, 'h0 in the cache');
  const { da, ...grads } = backwardCore(dh, options.dcT, cache);
  return { dx: inputGrad ? inputGradient(da, cache.Wx, cache.x.shape) : null, ...grads };
}

/**
 * Parameters drawn as cs231n does: Wx = rng.randn(D, 4H) / √D, then Wh = rng.randn(H, 4H) / √H (in that order),
 * b = 0 except the forget-gate slice b[H:2H] = forgetBias (default 0; 1 is a common choice for long memories).
 */
export function initLstmParams(D: number, H: number, rng: RandomState, options: LstmInitOptions = {}): LstmParams {
  const fn = 'initLstmParams';
  checkInteger(fn, 'D', D, 1);
  checkInteger(fn, 'H', H, 1);
  checkRandomState(fn, rng);
  checkOptions(fn, options, 'forgetBias');
  const { forgetBias = 0 } = options;
  if (typeof forgetBias !== 'number' || !Number.isFinite(forgetBias)) {
    throw new ValueError(`${fn}: options.forgetBias is ${String(forgetBias)}, expected a finite number`);
  }
  const b = zeros([4 * H]);
  b.data.fill(forgetBias, H, 2 * H);
  return { Wx: randnScaled(rng, D, 4 * H, D), Wh: randnScaled(rng, H, 4 * H, H), b };
}

function checkParams(
  fn: string, Wx: Tensor, Wh: Tensor, b: Tensor, x: Tensor, xDims: string[], stateName: string, state: Tensor,
): ShapeCheck {
  const s = new ShapeCheck(fn);
  s.check('Wh', Wh, ['H', '4H']);
  s.check('Wx', Wx, ['D', '4H']);
  s.check('b', b, ['4H']);
  s.check('x', x, xDims);
  s.check(stateName, state, ['N', 'H']);
  return s;
}

function checkOptions(fn: string, options: unknown, example: string): void {
  if (options === null || typeof options !== 'object') {
    throw new ValueError(`${fn}: options is ${String(options)}, expected an object like { ${example}: ... }`);
  }
}

type Recurrence = { h: Tensor; c: Tensor; gates: Tensor; tanhC: Tensor };

/** The forward recurrence on checked arguments; x: [N, T, D] → h, c, tanhC [N, T, H], gates [N, T, 4H]. */
function forwardCore(x: Tensor, h0: Tensor, c0: Tensor, Wx: Tensor, Wh: Tensor, b: Tensor): Recurrence {
  const [N, T, D] = x.shape;
  const H = Wh.shape[0];
  const gates = matmul(x.reshape([N * T, D]), Wx); // x_t·Wx for every step, [N·T, 4H]; becomes the gates in place
  const [h, c, tanhC] = [zeros([N, T, H]), zeros([N, T, H]), zeros([N, T, H])];
  const hWh = zeros([N, 4 * H]); // h_{t−1}·Wh
  const prev = zeros([N, H]); // h_{t−1} as a contiguous matrix, for the product
  const [G, A, B, C, TC] = [gates.data, hWh.data, b.data, c.data, tanhC.data];
  for (let t = 0; t < T; t++) {
    matmul(t === 0 ? h0 : prev, Wh, { out: hWh });
    for (let n = 0; n < N; n++) {
      const row = (n * T + t) * H; // this step's row in h, c, tanhC
      const g4 = 4 * row; // and in gates
      const prevC = t === 0 ? c0.data : C;
      const pc = t === 0 ? n * H : row - H; // c_{t−1} is prevC[pc .. pc + H)
      for (let k = 0; k < 4 * H; k++) {
        const a = G[g4 + k] + A[n * 4 * H + k] + B[k];
        G[g4 + k] = k < 3 * H ? sigmoidScalar(a) : Math.tanh(a);
      }
      for (let j = 0; j < H; j++) {
        const cv = G[g4 + H + j] * prevC[pc + j] + G[g4 + j] * G[g4 + 3 * H + j]; // f⊙c_{t−1} + i⊙g
        const tc = Math.tanh(cv);
        const hv = G[g4 + 2 * H + j] * tc; // o⊙tanh(c_t)
        C[row + j] = cv;
        TC[row + j] = tc;
        h.data[row + j] = hv;
        prev.data[n * H + j] = hv;
      }
    }
  }
  return { h, c, gates: gates.reshape([N, T, 4 * H]), tanhC };
}

/**
 * The backward recurrence on checked arguments (shapes as in LstmCache; dh like h, dcT like h0 or undefined), with
 * da [N·T, 4H], the gradient of the pre-activations, from which the caller computes dx if it wants it.
 */
function backwardCore(
  dh: Tensor, dcT: Tensor | undefined, cache: LstmCache,
): { da: Tensor; dh0: Tensor; dc0: Tensor } & LstmParamGrads {
  const { x, h0, c0, Wh, h, c, gates, tanhC } = cache;
  const [N, T, D] = x.shape;
  const H = Wh.shape[0];
  const da = zeros([N * T, 4 * H]); // gradient of the pre-activations a_t of every step
  const daStep = zeros([N, 4 * H]); // da_t as a contiguous matrix, for the product with Whᵀ
  const dhNext = zeros([N, H]); // gradient reaching h_t from step t + 1; after the loop, dh0
  const dcNext = dcT === undefined ? zeros([N, H]) : dcT.clone(); // same for c_t; after the loop, dc0
  const [G, C, TC, DH, DA, DS, DHN, DCN] = [gates.data, c.data, tanhC.data, dh.data, da.data, daStep.data, dhNext.data, dcNext.data];
  for (let t = T - 1; t >= 0; t--) {
    for (let n = 0; n < N; n++) {
      const row = (n * T + t) * H;
      const g4 = 4 * row;
      const s4 = n * 4 * H;
      const prevC = t === 0 ? c0.data : C;
      const pc = t === 0 ? n * H : row - H;
      for (let j = 0; j < H; j++) {
        const i = G[g4 + j];
        const f = G[g4 + H + j];
        const o = G[g4 + 2 * H + j];
        const g = G[g4 + 3 * H + j];
        const tc = TC[row + j];
        const dhv = DH[row + j] + DHN[n * H + j];
        const dcv = DCN[n * H + j] + dhv * o * (1 - tc * tc);
        const dai = dcv * g * i * (1 - i);
        const daf = dcv * prevC[pc + j] * f * (1 - f);
        const dao = dhv * tc * o * (1 - o);
        const dag = dcv * i * (1 - g * g);
        DA[g4 + j] = DS[s4 + j] = dai;
        DA[g4 + H + j] = DS[s4 + H + j] = daf;
        DA[g4 + 2 * H + j] = DS[s4 + 2 * H + j] = dao;
        DA[g4 + 3 * H + j] = DS[s4 + 3 * H + j] = dag;
        DCN[n * H + j] = dcv * f;
      }
    }
    matmul(daStep, Wh, { transB: true, out: dhNext });
  }
  const dWx = matmul(x.reshape([N * T, D]), da, { transA: true });
  const dWh = matmul(previousStates(h, h0), da, { transA: true });
  return { da, dh0: dhNext, dc0: dcNext, dWx, dWh, db: sum(da, 0) };
}
