/**
 * MinCharRnn: Karpathy's min-char-rnn.py (2015) ported line for line, so that for the same seed it follows the numpy
 * original's losses and samples iteration by iteration (see ./fixtures/make_min_char_rnn_fixture.py).
 *
 *     h_t = tanh(Wxh·x_t + Whh·h_{t−1} + bh)              x_t one-hot, so Wxh·x_t is column x_t of Wxh
 *     y_t = Why·h_t + by,  p_t = exp(y_t) / Σ exp(y_t)     (no max subtraction, as in the original)
 *     loss = Σ_t −log p_t[target_t]                         (summed over the chunk, not averaged)
 *     Adagrad: m += d², θ += −lr·d / √(m + 1e-8), d clipped to [−clip, clip]
 *     smoothLoss ← 0.999·smoothLoss + 0.001·loss, from −log(1/V)·seqLength
 *
 * Legend: T time steps in a chunk (seqLength), H hidden, V vocab. The original's orientation is kept (Wxh [H, V],
 * Whh [H, H], Why [V, H], bh [H, 1], by [V, 1], hidden states are columns [H, 1]) and so is its order of arithmetic:
 * matrix·vector products sum in index order (as numpy's reference BLAS), Σ exp(y) is numpy's pairwise sum, and exp
 * and tanh are numpy's own AVX512_SKX kernels (../numpy-exact/). The first few dozen iterations amplify any ulp about
 * tenfold every five iterations (in numpy too: see the fixture script), so only this exactness makes a run follow
 * numpy's: against numpy 1.24.2 on an AVX512_SKX CPU (the fixtures' platform) weights, hidden states and samples are
 * bit-identical and the loss differs at most in np.log's last bit (Math.log here); against other numpy builds expect
 * agreement for a few dozen iterations only.
 *
 * Speed: the arithmetic runs in WebAssembly (./min-char-kernel.ts, kernels/min-char.ts): two outputs per SIMD
 * vector, each output's terms still summed in index order, and numpy's exp/tanh on vector lanes with an emulated
 * fused multiply-add — the same bits as the readable port (./min-char-readable.ts), which is kept as the oracle.
 * `exact: false` swaps numpy's exp and tanh for fast vector ones: about twice as fast again, but the run then
 * follows numpy's only statistically. Exact is the default because this class exists to be the original.
 *
 * Randomness: `new RandomState(seed)` draws Wxh, Whh, Why (randn·0.01, in that order) and then keeps serving
 * `sample()`, as numpy's global generator does in the original. Unlike the original, `lossFun` returns UNCLIPPED
 * gradients and `step()` clips: the original's gradCheck compares a clipped analytic gradient with an unclipped
 * numerical one. The model works on integer ids; building the (sorted) vocabulary is the caller's job.
 */
import { ShapeError, ValueError, formatShape } from '../errors';
import { RandomState, checkSeed } from '../random';
import type { RandomStateSnapshot } from '../random';
import { checkInteger } from '../tensor/check';
import { Tensor, zeros } from '../tensor/tensor';
import { MinCharKernel } from './min-char-kernel';
import type { MinCharArrays } from './min-char-readable';

/** The five parameters (or gradients, or Adagrad memories) in the original's orientation; a ParamMap. */
export type MinCharRnnParams = { Wxh: Tensor; Whh: Tensor; Why: Tensor; bh: Tensor; by: Tensor };
const NAMES = ['Wxh', 'Whh', 'Why', 'bh', 'by'] as const;

/** Constructor options. Defaults are the original's. */
export interface MinCharRnnOptions {
  /** The training text as ids in [0, vocabSize); at least seqLength + 2 of them. */
  data: ArrayLike<number>;
  vocabSize: number;
  /** H, default 100. */
  hiddenSize?: number;
  /** T, the unroll length, default 25. */
  seqLength?: number;
  /** Adagrad step size, default 0.1. */
  learningRate?: number;
  /** Gradients are clipped to [−clip, clip] before the update, default 5 (0 or Infinity: no clipping). */
  clip?: number;
  /** Seeds the RandomState that draws the weights and then serves `sample()` (numpy's `np.random.seed(S)`). */
  seed: number;
  /**
   * true (default): numpy's exp and tanh bit for bit, so a run follows the numpy original exactly; false: fast vector
   * exp and tanh (a few ulp off), about twice as fast, following numpy only statistically.
   */
  exact?: boolean;
}

/** `lossFun` output: the chunk's summed loss, the unclipped gradients (keyed like `params`), h_{T−1} [H, 1]. */
export interface MinCharRnnLoss {
  loss: number;
  grads: MinCharRnnParams;
  hLast: Tensor;
}

/** One training iteration: its number n, its chunk's start p, whether hprev was reset before it, its losses. */
export interface MinCharRnnStep {
  iter: number;
  position: number;
  reset: boolean;
  loss: number;
  smoothLoss: number;
  /**
   * False when the loss or a gradient was NaN/±Inf: then nothing changed (the original would write NaN into the
   * weights; a finite run is unaffected), so the model stays at its last good state.
   */
  applied: boolean;
}

type FlatParams = Record<keyof MinCharRnnParams, number[]>;

/** Everything `fromState` needs besides the data, as plain JSON; tensors are flat row-major number arrays. */
export interface MinCharRnnState {
  format: 'rnnlab.min-char-rnn';
  version: 1;
  vocabSize: number;
  hiddenSize: number;
  seqLength: number;
  learningRate: number;
  clip: number;
  seed: number;
  dataLength: number;
  /** n, iterations done; p, where the next chunk starts; hprev, the hidden state it starts from. */
  iteration: number;
  position: number;
  smoothLoss: number;
  hprev: number[];
  params: FlatParams;
  /** Adagrad's running sums of squared (clipped) gradients. */
  memory: FlatParams;
  rng: RandomStateSnapshot;
}

/** The original's training loop around one set of parameters: one `step()` per iteration. */
export class MinCharRnn {
  readonly vocabSize: number;
  readonly hiddenSize: number;
  readonly seqLength: number;
  readonly learningRate: number;
  readonly clip: number;
  readonly seed: number;
  /** Whether exp and tanh are numpy's (bit-exact runs) or the fast ones. */
  readonly exact: boolean;
  /** Wxh [H, V], Whh [H, H], Why [V, H], bh [H, 1], by [V, 1]; updated in place by `step()`. */
  readonly params: MinCharRnnParams;
  /** Drew the weights; `sample()` draws from it unless given another generator. */
  readonly rng: RandomState;
  private readonly data: Int32Array;
  private readonly kernel: MinCharKernel;
  private readonly memory: MinCharRnnParams;
  private h: Tensor;
  private n = 0;
  private p = 0;
  private smooth: number;

  /** Draws the weights as the original does after `np.random.seed(seed)`. Throws ValueError for a bad option. */
  constructor(options: MinCharRnnOptions) {
    const config = checkOptions('MinCharRnn', '', options);
    const { vocabSize: V, hiddenSize: H, seqLength: T } = config;
    this.vocabSize = V;
    this.hiddenSize = H;
    this.seqLength = T;
    this.learningRate = config.learningRate;
    this.clip = config.clip;
    this.seed = config.seed;
    this.exact = config.exact;
    this.data = config.data;
    this.rng = new RandomState(config.seed);
    this.kernel = new MinCharKernel(H, V, T, config.exact);
    const tensors = (a: MinCharArrays): MinCharRnnParams => ({
      Wxh: new Tensor(a.Wxh, [H, V]), Whh: new Tensor(a.Whh, [H, H]), Why: new Tensor(a.Why, [V, H]),
      bh: new Tensor(a.bh, [H, 1]), by: new Tensor(a.by, [V, 1]),
    });
    this.params = tensors(this.kernel.params);
    this.memory = tensors(this.kernel.memory);
    for (const name of ['Wxh', 'Whh', 'Why'] as const) {
      const w = this.params[name];
      w.data.set(this.rng.randn(...(w.shape as [number, number])).data);
      for (let i = 0; i < w.size; i++) w.data[i] *= 0.01;
    }
    this.h = zeros([H, 1]);
    this.smooth = -Math.log(1.0 / V) * T;
  }

  /** n, the number of iterations done (the original's `iter`). */
  get iteration(): number {
    return this.n;
  }

  /** The smoothed loss after the latest step (−log(1/V)·seqLength before the first). */
  get smoothLoss(): number {
    return this.smooth;
  }

  /** A copy of hprev [H, 1]: the hidden state the next step starts from (zeros after a reset). */
  get hprev(): Tensor {
    return this.h.clone();
  }

  /**
   * The chunk the next `step()` trains on, after the original's reset check: position p, inputs = data[p, p+T),
   * targets = data[p+1, p+T+1). `sample(inputs[0], 200)` now is the original's `sample(hprev, inputs[0], 200)`.
   */
  nextChunk(): { position: number; inputs: number[]; targets: number[] } {
    const { p, seqLength: T, data } = this;
    const inputs = Array.from(data.subarray(p, p + T));
    return { position: p, inputs, targets: Array.from(data.subarray(p + 1, p + T + 1)) };
  }

  /**
   * The original's lossFun: forward over `inputs` (T ids) from `hprev` [H, 1], the summed cross-entropy against
   * `targets` (T ids), and backpropagation through time. Returns the loss, the UNCLIPPED gradients and h_{T−1}.
   */
  lossFun(inputs: ArrayLike<number>, targets: ArrayLike<number>, hprev: Tensor): MinCharRnnLoss {
    const fn = 'MinCharRnn.lossFun';
    const xs = checkIds(fn, 'inputs', inputs, this.vocabSize);
    const ys = checkIds(fn, 'targets', targets, this.vocabSize);
    if (xs.length === 0 || ys.length !== xs.length) {
      throw new ValueError(
        `${fn}: inputs has ${xs.length} ids and targets ${ys.length}, expected the same positive number`,
      );
    }
    checkColumn(fn, 'hprev', hprev, this.hiddenSize);
    const { hiddenSize: H, vocabSize: V } = this;
    const r = this.kernel.lossFun(xs, ys, hprev.data);
    const copy = (a: Float64Array, shape: number[]) => new Tensor(a.slice(), shape);
    const grads = {
      Wxh: copy(r.grads.Wxh, [H, V]), Whh: copy(r.grads.Whh, [H, H]), Why: copy(r.grads.Why, [V, H]),
      bh: copy(r.grads.bh, [H, 1]), by: copy(r.grads.by, [V, 1]),
    };
    return { loss: r.loss, grads, hLast: copy(r.hLast, [H, 1]) };
  }

  /**
   * The original's sample(h, seedIx, n): n ids, each drawn with `rng.choice(V, p)` (numpy's
   * `np.random.choice(range(V), p=p.ravel())`) and fed back in. Starts from `h` [H, 1] (default: hprev, which stays
   * unchanged) and draws from `rng` (default: the model's generator, as the original's global one).
   */
  sample(seedIx: number, n: number, options: { h?: Tensor; rng?: RandomState } = {}): number[] {
    const fn = 'MinCharRnn.sample';
    checkInteger(fn, 'seedIx', seedIx, 0, this.vocabSize - 1);
    checkInteger(fn, 'n', n, 0);
    const { h = this.h, rng = this.rng } = options;
    checkColumn(fn, 'h', h, this.hiddenSize);
    if (!(rng instanceof RandomState)) throw new ValueError(`${fn}: rng must be a RandomState, got ${String(rng)}`);
    const step = this.kernel.sampler(h.data);
    const ixes: number[] = [];
    for (let t = 0, x = seedIx; t < n; t++) {
      x = rng.choice(this.vocabSize, step(x));
      ixes.push(x);
    }
    return ixes;
  }

  /**
   * One iteration of the original's loop without its sampling and printing: lossFun on the next chunk from hprev,
   * smoothLoss update, clip, Adagrad, p += seqLength, n += 1, then the next iteration's reset check (p + seqLength
   * + 1 ≥ data length → p = 0, hprev = 0), so `nextChunk`, `hprev` and `sample` see what the original sees just
   * before its sample/lossFun calls.
   */
  step(): MinCharRnnStep {
    const { p: position, n: iter, seqLength: T, learningRate: lr, data } = this;
    const clip = this.clip === 0 ? Infinity : this.clip;
    const xs = data.subarray(position, position + T), ys = data.subarray(position + 1, position + T + 1);
    const chunk = this.kernel.lossFun(xs, ys, this.h.data);
    const finite = Number.isFinite(chunk.loss) && this.kernel.gradsFinite(chunk.grads);
    if (!finite) return { iter, position, reset: position === 0, loss: chunk.loss, smoothLoss: this.smooth, applied: false };
    this.h.data.set(chunk.hLast);
    this.smooth = this.smooth * 0.999 + chunk.loss * 0.001;
    this.kernel.adagrad(chunk.grads, lr, clip); // np.clip, then the original's Adagrad
    this.p += T;
    this.n += 1;
    if (this.p + T + 1 >= data.length) {
      this.p = 0;
      this.h = zeros([this.hiddenSize, 1]);
    }
    // p is 0 only at n = 0 and after a reset
    return { iter, position, reset: position === 0, loss: chunk.loss, smoothLoss: this.smooth, applied: true };
  }

  /** A JSON-serializable snapshot from which `fromState` (with the same data) resumes identically. */
  getState(): MinCharRnnState {
    const flat = (m: MinCharRnnParams) =>
      Object.fromEntries(NAMES.map((k) => [k, Array.from(m[k].data)])) as FlatParams;
    const { vocabSize, hiddenSize, seqLength, learningRate, clip, seed } = this;
    return {
      format: 'rnnlab.min-char-rnn', version: 1, vocabSize, hiddenSize, seqLength, learningRate, clip, seed,
      dataLength: this.data.length, iteration: this.n, position: this.p, smoothLoss: this.smooth,
      hprev: Array.from(this.h.data), params: flat(this.params), memory: flat(this.memory), rng: this.rng.getState(),
    };
  }

  /**
   * Resumes `getState()` output on the same `data` (ids), with numpy's exp and tanh unless `exact` is false. Throws
   * ValueError, naming the field, for a bad state.
   */
  static fromState(state: MinCharRnnState, data: ArrayLike<number>, exact = true): MinCharRnn {
    const fn = 'MinCharRnn.fromState';
    if (typeof state !== 'object' || state === null || state.format !== 'rnnlab.min-char-rnn' || state.version !== 1) {
      throw new ValueError(
        `${fn}: state is not a min-char-rnn state (expected format 'rnnlab.min-char-rnn', version 1)`,
      );
    }
    const { vocabSize, hiddenSize, seqLength, learningRate, clip, seed } = state;
    const config = checkOptions(fn, 'state.', { data, vocabSize, hiddenSize, seqLength, learningRate, clip, seed, exact });
    if (config.data.length !== state.dataLength) {
      const expected = `expected state.dataLength = ${String(state.dataLength)}`;
      throw new ValueError(`${fn}: data has ${config.data.length} ids, ${expected}`);
    }
    checkInteger(fn, 'state.iteration', state.iteration, 0);
    checkInteger(fn, 'state.position', state.position, 0, config.data.length - seqLength - 2);
    if (state.iteration === 0 && state.position !== 0) {
      throw new ValueError(`${fn}: state.position is ${state.position} at iteration 0, expected 0`);
    }
    if (typeof state.smoothLoss !== 'number' || !Number.isFinite(state.smoothLoss)) {
      throw new ValueError(`${fn}: state.smoothLoss is ${String(state.smoothLoss)}, expected a finite number`);
    }
    const model = new MinCharRnn(config);
    copyValues(fn, 'state.hprev', state.hprev, model.h);
    for (const name of NAMES) {
      copyValues(fn, `state.params.${name}`, state.params?.[name], model.params[name]);
      copyValues(fn, `state.memory.${name}`, state.memory?.[name], model.memory[name], 0);
    }
    try {
      model.rng.setState(state.rng);
    } catch (e) {
      throw new ValueError(`${fn}: state.rng is not a RandomState snapshot (${(e as Error).message})`);
    }
    model.n = state.iteration;
    model.p = state.position;
    model.smooth = state.smoothLoss;
    return model;
  }
}

/** Validates the options (naming `prefix + field`), fills in the defaults and copies the data into an Int32Array. */
function checkOptions(fn: string, prefix: string, options: MinCharRnnOptions) {
  if (typeof options !== 'object' || options === null) {
    throw new ValueError(`${fn}: options must be an object, got ${String(options)}`);
  }
  const { vocabSize, hiddenSize = 100, seqLength = 25, learningRate = 0.1, clip = 5, seed, exact = true } = options;
  if (typeof exact !== 'boolean') throw new ValueError(`${fn}: ${prefix}exact is ${String(exact)}, expected true or false`);
  checkInteger(fn, `${prefix}vocabSize`, vocabSize, 1);
  checkInteger(fn, `${prefix}hiddenSize`, hiddenSize, 1);
  checkInteger(fn, `${prefix}seqLength`, seqLength, 1);
  if (typeof learningRate !== 'number' || !(learningRate > 0) || !Number.isFinite(learningRate)) {
    throw new ValueError(`${fn}: ${prefix}learningRate is ${String(learningRate)}, expected a finite positive number`);
  }
  if (typeof clip !== 'number' || !(clip >= 0)) {
    throw new ValueError(`${fn}: ${prefix}clip is ${String(clip)}, expected a number >= 0 (0 or Infinity: no clipping)`);
  }
  checkSeed(fn, seed);
  const data = checkIds(fn, 'data', options.data, vocabSize);
  if (data.length < seqLength + 2) {
    const expected = `expected at least ${prefix}seqLength + 2 = ${seqLength + 2}`;
    throw new ValueError(`${fn}: data has ${data.length} ids, ${expected}`);
  }
  return { data, vocabSize, hiddenSize, seqLength, learningRate, clip, seed, exact };
}

/** Copies ids into an Int32Array, checking each is an integer in [0, V). */
function checkIds(fn: string, arg: string, ids: ArrayLike<number>, V: number): Int32Array {
  if (typeof ids !== 'object' || ids === null || typeof ids.length !== 'number') {
    throw new ValueError(`${fn}: ${arg} must be an array of ids, got ${ids === null ? 'null' : typeof ids}`);
  }
  const out = new Int32Array(ids.length);
  for (let i = 0; i < ids.length; i++) {
    const v = ids[i];
    if (!Number.isInteger(v) || v < 0 || v >= V) {
      throw new ValueError(`${fn}: ${arg}[${i}] is ${String(v)}, expected an integer id in [0, ${V}) (vocabSize)`);
    }
    out[i] = v;
  }
  return out;
}

/** Throws ShapeError unless `t` is a column [H, 1], and ValueError if it holds a non-finite value. */
function checkColumn(fn: string, arg: string, t: unknown, H: number): asserts t is Tensor {
  if (!(t instanceof Tensor) || t.rank !== 2 || t.shape[0] !== H || t.shape[1] !== 1) {
    const got = t instanceof Tensor ? `shape ${formatShape(t.shape)}` : `type ${t === null ? 'null' : typeof t}`;
    throw new ShapeError(`${fn}: ${arg} has ${got}, expected [H, 1] = [${H}, 1] (H from hiddenSize)`);
  }
  const bad = t.data.findIndex((v) => !Number.isFinite(v));
  if (bad >= 0) throw new ValueError(`${fn}: ${arg} has a non-finite value ${t.data[bad]} at flat index ${bad}`);
}

/** Fills `into` from a saved flat array after checking its length and that every value is finite and >= min. */
function copyValues(fn: string, arg: string, values: unknown, into: Tensor, min = -Infinity): void {
  if (!Array.isArray(values) || values.length !== into.size) {
    const got = Array.isArray(values) ? `${values.length} values` : String(values);
    const expected = `expected ${into.size} finite numbers (shape ${formatShape(into.shape)})`;
    throw new ValueError(`${fn}: ${arg} is ${got}, ${expected}`);
  }
  const bad = values.findIndex((v) => typeof v !== 'number' || !Number.isFinite(v) || v < min);
  if (bad >= 0) {
    const expected = min === -Infinity ? 'a finite number' : `a finite number >= ${min}`;
    throw new ValueError(`${fn}: ${arg}[${bad}] is ${String(values[bad])}, expected ${expected}`);
  }
  into.data.set(values as number[]);
}
