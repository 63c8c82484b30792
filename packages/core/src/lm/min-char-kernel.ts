/**
 * MinCharRnn's memory and arithmetic: its parameters, Adagrad sums and work buffers live in a WebAssembly memory of
 * their own (sized once, so the Float64Array views handed out as tensors stay valid), and one kernel call runs a
 * chunk's forward and backward (kernels/min-char.ts). `exact` picks numpy's exp/tanh (bit for bit) or the fast
 * vector ones. Whatever the kernels cannot do bit for bit — an exp argument outside numpy's main path, a chunk
 * longer than seqLength — goes to the readable twin (./min-char-readable.ts).
 *
 * Legend: T seqLength (the buffers' capacity), H hidden, V vocabulary.
 */
import { MinCharExports, privateKernels } from '../kernels/wasm';
import { EXP_TH, TANH_TABLE } from '../numpy-exact';
import { EXACT_MATH, FAST_MATH, MinCharArrays, hiddenStep, lossFunReadable, probabilities } from './min-char-readable';

const NAMES = ['Wxh', 'Whh', 'Why', 'bh', 'by'] as const;

/** A chunk's loss, its gradients (views, overwritten by the next chunk) and h_{T−1} (a view). */
export interface ChunkResult {
  loss: number;
  grads: MinCharArrays;
  hLast: Float64Array;
}

export class MinCharKernel {
  /** The parameters, the gradients of the latest chunk and the Adagrad sums, as views into the module's memory. */
  readonly params: MinCharArrays;
  readonly grads: MinCharArrays;
  readonly memory: MinCharArrays;
  private readonly k: MinCharExports;
  private readonly ptr: Record<string, number> = {};

  constructor(readonly H: number, readonly V: number, readonly T: number, readonly exact: boolean) {
    this.k = privateKernels();
    const sizes: [string, number][] = [
      ...(['', 'd', 'm'] as const).flatMap((prefix) => NAMES.map((n): [string, number] => [prefix + n, this.size(n)])),
      ['WhhT', H * H], ['WhyT', H * V], ['hs', (T + 1) * H], ['ps', T * V], ['s', Math.max(H, V)], ['dys', T * V],
      ['dhs', T * H], ['dhraws', T * H], ['dhnext', H], ['xs', T], ['ys', T], ['hSample', 2 * H], ['pSample', V],
      ['expTh', EXP_TH.length], ['tanhTable', TANH_TABLE.length],
    ];
    let top = Math.ceil(this.k.memory.buffer.byteLength / 64) * 64;
    for (const [name, count] of sizes) {
      this.ptr[name] = top;
      top += Math.ceil((count * 8) / 64) * 64;
    }
    const have = this.k.memory.buffer.byteLength;
    if (top > have) this.k.memory.grow(Math.ceil((top - have) / 65536));
    const arrays = (prefix: string) =>
      Object.fromEntries(NAMES.map((n) => [n, this.f64(prefix + n, this.size(n))])) as MinCharArrays;
    this.params = arrays('');
    this.grads = arrays('d');
    this.memory = arrays('m');
    this.f64('expTh', EXP_TH.length).set(EXP_TH);
    this.f64('tanhTable', TANH_TABLE.length).set(TANH_TABLE);
  }

  /**
   * lossFun on one chunk (ids checked by the caller) from hprev [H]: the summed loss, the unclipped gradients and
   * h_{T−1}. Results are views, valid until the next call.
   */
  lossFun(xs: Int32Array, ys: Int32Array, hprev: Float64Array): ChunkResult {
    const { H, V, k, ptr } = this;
    const T = xs.length;
    if (T > this.T) return this.readable(xs, ys, hprev);
    new Int32Array(k.memory.buffer, ptr.xs, T).set(xs);
    new Int32Array(k.memory.buffer, ptr.ys, T).set(ys);
    this.f64('hs', H).set(hprev);
    const outOfRange = k.minCharLossFun(
      H, V, T, ptr.xs, ptr.ys, ptr.Wxh, ptr.Whh, ptr.Why, ptr.bh, ptr.by, ptr.WhhT, ptr.WhyT, ptr.hs, ptr.ps,
      ptr.dWxh, ptr.dWhh, ptr.dWhy, ptr.dbh, ptr.dby, ptr.s, ptr.dys, ptr.dhs, ptr.dhraws, ptr.dhnext,
      this.exact ? 1 : 0, ptr.expTh, ptr.tanhTable,
    );
    if (outOfRange > 0) return this.readable(xs, ys, hprev);
    const ps = this.f64('ps', T * V);
    let loss = 0;
    for (let t = 0; t < T; t++) loss += -Math.log(ps[t * V + ys[t]]);
    return { loss, grads: this.grads, hLast: this.f64('hs', (T + 1) * H).subarray(T * H) };
  }

  /** Whether every gradient of the latest chunk is finite (no NaN, no ±∞). */
  gradsFinite(grads: MinCharArrays): boolean {
    if (grads !== this.grads) return NAMES.every((name) => grads[name].every(Number.isFinite)); // from the readable path
    return NAMES.every((name) => this.k.countNonFinite(this.ptr['d' + name], this.size(name)) === 0);
  }

  /** Adagrad on every parameter from `grads` (which the caller may have replaced): see kernels/min-char.ts. */
  adagrad(grads: MinCharArrays, learningRate: number, clip: number): void {
    for (const name of NAMES) {
      if (grads[name] !== this.grads[name]) this.grads[name].set(grads[name]);
      this.k.minCharAdagrad(this.size(name), this.ptr[name], this.ptr['d' + name], this.ptr['m' + name], learningRate, clip);
    }
  }

  /**
   * A sampler: `start(h)` then `step(x)` → p [V] (a view) for each fed id. Whh and Why must not change in between.
   */
  sampler(h: Float64Array): (x: number) => Float64Array {
    const { H, V, k, ptr } = this;
    k.transposeInto(H, H, ptr.Whh, ptr.WhhT);
    k.transposeInto(V, H, ptr.Why, ptr.WhyT);
    this.f64('hSample', H).set(h);
    let t = 0;
    return (x: number) => {
      const [hIn, hOut] = t % 2 === 0 ? [ptr.hSample, ptr.hSample + 8 * H] : [ptr.hSample + 8 * H, ptr.hSample];
      t++;
      const outOfRange = k.minCharSampleStep(H, V, x, ptr.Wxh, ptr.WhhT, ptr.bh, ptr.WhyT, ptr.by, hIn, hOut, ptr.pSample,
        ptr.s, this.exact ? 1 : 0, ptr.expTh, ptr.tanhTable);
      if (outOfRange > 0) this.sampleReadable(x, hIn, hOut);
      return this.f64('pSample', V);
    };
  }

  private sampleReadable(x: number, hIn: number, hOut: number): void {
    const { H, V } = this;
    const h = new Float64Array(2 * H); // h_{t−1}, h_t
    h.set(new Float64Array(this.k.memory.buffer, hIn, H));
    const math = this.exact ? EXACT_MATH : FAST_MATH;
    hiddenStep(this.params, H, V, x, h, 0, h, H, math);
    new Float64Array(this.k.memory.buffer, hOut, H).set(h.subarray(H));
    probabilities(this.params, H, V, h, H, this.f64('pSample', V), 0, math);
  }

  private readable(xs: Int32Array, ys: Int32Array, hprev: Float64Array): ChunkResult {
    const r = lossFunReadable(this.params, this.H, this.V, xs, ys, hprev, this.exact ? EXACT_MATH : FAST_MATH);
    return { loss: r.loss, grads: r.grads, hLast: r.hs.subarray(xs.length * this.H) };
  }

  private size(name: (typeof NAMES)[number]): number {
    const { H, V } = this;
    return { Wxh: H * V, Whh: H * H, Why: V * H, bh: H, by: V }[name];
  }

  private f64(name: string, count: number): Float64Array {
    return new Float64Array(this.k.memory.buffer, this.ptr[name], count);
  }
}
