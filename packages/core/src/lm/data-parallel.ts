/**
 * DataParallelLM: a RecurrentLM whose training step splits the batch across worker threads (data parallelism), so
 * that a machine's cores share one model's work. Each worker holds a replica (built from the same config); at every
 * `lossAndGrads` the main thread publishes the parameters in shared memory, each thread (the main one included)
 * runs forward and backward on its rows of the batch, and the main thread sums the gradients, weighted by rows, into
 * its own `grads`. The optimizer then steps `params` as for a RecurrentLM: the result is the same model, the same
 * loss and the same gradients as one thread's, up to rounding (the batch mean is summed in another order) — except
 * that dropout masks are drawn per thread, from seeds the main generator draws, so a run is reproducible for a given
 * thread count.
 *
 *     main:    params → shared ─┬─ rows [0, n₀)   forward + backward ─┐
 *     worker 1:                 ├─ rows [n₀, n₁)  forward + backward ─┼─ Σ (n_w / N)·grads_w → grads
 *     worker w:                 └─ …                                 ─┘
 *
 * Communication is shared memory and Atomics only (no message per step); a step blocks the calling thread until the
 * workers are done, as a RecurrentLM's step does. Each hidden state row stays with its thread's share of the batch.
 * Workers start asynchronously (Node needs the calling thread's event loop to start them), so build the model with
 * `await DataParallelLM.create(…)`, or call `await model.ready()` before the first step. `close()` ends the workers
 * (they are unref'd, so an unclosed model does not keep Node alive).
 *
 * Legend: N batch rows, T time steps, L layers, H hidden size, W threads (main included), P parameter values.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { MessageChannel, MessagePort, Worker, receiveMessageOnPort } from 'node:worker_threads';
import { ValueError } from '../errors';
import type { RecurrentState } from '../modules/module';
import { RandomState } from '../random';
import { checkInteger, checkOptionsObject } from '../tensor/check';
import { Tensor } from '../tensor/tensor';
import { Control, IoLayout, ioLayout, paramCount } from './data-parallel-protocol';
import { ForwardOptions, RecurrentLM, RecurrentLMConfig } from './recurrent-lm';

/** Options of DataParallelLM. */
export interface DataParallelOptions {
  /** Threads that share each batch, the calling one included: an integer ≥ 1 (1: no workers). */
  threads: number;
}

interface WorkerHandle {
  worker: Worker;
  port: MessagePort;
  io: Float64Array<ArrayBufferLike>;
  layout: IoLayout;
}

export class DataParallelLM extends RecurrentLM {
  /** Threads sharing each batch, the calling one included. */
  readonly threads: number;
  private readonly control: Int32Array;
  private readonly sharedParams: Float64Array;
  private readonly workers: WorkerHandle[] = [];
  private ready_ = false;

  /**
   * The model RecurrentLM(config, rng) would build (same initial weights), with options.threads − 1 workers. Throws
   * ValueError for a bad config or thread count.
   */
  constructor(config: RecurrentLMConfig, rng: RandomState, options: DataParallelOptions) {
    super(config, rng);
    const fn = 'DataParallelLM';
    checkOptionsObject(fn, options, '{ threads: 2 }');
    checkInteger(fn, 'options.threads', options.threads, 1, 256);
    this.threads = options.threads;
    this.control = new Int32Array(new SharedArrayBuffer(4 * Control.Slots));
    this.sharedParams = new Float64Array(new SharedArrayBuffer(8 * paramCount(this.params)));
    for (let w = 1; w < this.threads; w++) {
      const { port1, port2 } = new MessageChannel();
      // A bootstrap that reports a worker that cannot even load (the main thread is blocked in Atomics.wait and
      // would never see the Worker's 'error' event).
      const worker = new Worker(BOOTSTRAP, {
        eval: true,
        workerData: {
          script: workerScript(), config: this.config, control: this.control.buffer, params: this.sharedParams.buffer,
          index: w, port: port2,
        },
        transferList: [port2],
      });
      worker.unref();
      port1.unref();
      this.workers.push({ worker, port: port1, io: new Float64Array(0), layout: ioLayout(0, 0, 0, 0, 0) });
    }
  }

  /** A DataParallelLM whose workers have started (see the constructor). */
  static async create(config: RecurrentLMConfig, rng: RandomState, options: DataParallelOptions): Promise<DataParallelLM> {
    const model = new DataParallelLM(config, rng, options);
    await model.ready();
    return model;
  }

  /** Resolves once every worker has started (or rejects with the reason one could not). */
  async ready(): Promise<void> {
    while (Atomics.load(this.control, Control.Ready) < this.workers.length) await new Promise((r) => setTimeout(r, 2));
    this.ready_ = true;
    this.throwIfFailed();
  }

  /** As RecurrentLM.lossAndGrads, the batch's rows shared among the threads. */
  override lossAndGrads(
    x: Tensor, y: Tensor, state: RecurrentState[] | undefined, options: ForwardOptions,
  ): { loss: number; state: RecurrentState[] } {
    return this.workers.length === 0 ? super.lossAndGrads(x, y, state, options) : this.shared(x, y, state, options, true);
  }

  /** As RecurrentLM.loss (validation), the batch's rows shared among the threads. */
  override loss(x: Tensor, y: Tensor, state: RecurrentState[] | undefined): { loss: number; state: RecurrentState[] } {
    return this.workers.length === 0 ? super.loss(x, y, state) : this.shared(x, y, state, { train: false }, false);
  }

  /** Ends the workers; the model still works on the calling thread alone afterwards. */
  async close(): Promise<void> {
    if (this.workers.length === 0) return;
    this.signal(Control.Quit);
    await Promise.all(this.workers.map((w) => w.worker.terminate()));
    this.workers.length = 0;
  }

  private shared(
    x: Tensor, y: Tensor, state: RecurrentState[] | undefined, options: ForwardOptions, train: boolean,
  ): { loss: number; state: RecurrentState[] } {
    const fn = 'DataParallelLM.lossAndGrads';
    this.waitReady();
    const [N, T] = x.shape;
    const { layers: L, hiddenSize: H } = this.config;
    const cell = this.config.cell === 'lstm';
    const start = state ?? this.initialState(N).map((s) => (cell ? { ...s, c: s.h.clone() } : s));
    if (start.length !== L) throw new ValueError(`${fn}: state has ${start.length} layers, expected ${L} (config.layers)`);
    const bounds = splitRows(N, this.threads);
    // publish the parameters and each worker's rows
    let offset = 0;
    for (const p of Object.values(this.params)) {
      this.sharedParams.set(p.data, offset);
      offset += p.size;
    }
    this.workers.forEach((w, i) => {
      const [lo, hi] = bounds[i + 1];
      this.ensureCapacity(w, hi - lo, T);
      const io = w.io;
      const { job, x: xo, y: yo, hIn, cIn } = w.layout;
      io.set([hi - lo, T, train ? 1 : 0, options.rng ? options.rng.randint(0, 2 ** 31 - 1) : 0, options.train ? 1 : 0], job);
      io.set(x.data.subarray(lo * T, hi * T), xo);
      io.set(y.data.subarray(lo * T, hi * T), yo);
      for (let l = 0; l < L; l++) {
        io.set(start[l].h.data.subarray(lo * H, hi * H), hIn + l * (hi - lo) * H);
        if (cell) io.set((start[l].c as Tensor).data.subarray(lo * H, hi * H), cIn + l * (hi - lo) * H);
      }
    });
    this.signal(Control.Work);
    // the main thread's own rows
    const [lo0, hi0] = bounds[0];
    const rows = (t: Tensor, cols: number) => new Tensor(t.data.slice(lo0 * cols, hi0 * cols), [hi0 - lo0, ...t.shape.slice(1)]);
    const mine = start.map((s) => (cell ? { h: rows(s.h, H), c: rows(s.c as Tensor, H) } : { h: rows(s.h, H) }));
    const own = train ? super.lossAndGrads(rows(x, T), rows(y, T), mine, options) : super.loss(rows(x, T), rows(y, T), mine);
    this.waitDone();
    // combine: the batch mean is the rows-weighted mean of the threads' means
    let loss = own.loss * ((hi0 - lo0) / N);
    const names = Object.keys(this.grads);
    if (train) {
      for (const name of names) {
        const g = this.grads[name].data;
        for (let i = 0; i < g.length; i++) g[i] *= (hi0 - lo0) / N;
      }
    }
    const final = this.initialState(N).map((s) => (cell ? { h: s.h, c: s.h.clone() } : s));
    const place = (from: Float64Array, to: Tensor, lo: number, n: number) => to.data.set(from.subarray(0, n * H), lo * H);
    own.state.forEach((s, l) => {
      place(s.h.data, final[l].h, lo0, hi0 - lo0);
      if (cell) place((s.c as Tensor).data, final[l].c as Tensor, lo0, hi0 - lo0);
    });
    this.workers.forEach((w, i) => {
      const [lo, hi] = bounds[i + 1];
      const n = hi - lo;
      const { grads, loss: lossAt, hOut, cOut } = w.layout;
      if (n === 0) return;
      loss += w.io[lossAt] * (n / N);
      if (train) {
        let at = grads;
        for (const name of names) {
          const g = this.grads[name].data;
          for (let k = 0; k < g.length; k++) g[k] += w.io[at + k] * (n / N);
          at += g.length;
        }
      }
      for (let l = 0; l < L; l++) {
        place(w.io.subarray(hOut + l * n * H), final[l].h, lo, n);
        if (cell) place(w.io.subarray(cOut + l * n * H), final[l].c as Tensor, lo, n);
      }
    });
    return { loss, state: final };
  }

  /** Gives worker w room for `rows` rows of T steps (a new shared buffer, sent over its port, when it has too little). */
  private ensureCapacity(w: WorkerHandle, rows: number, T: number): void {
    const { layers: L, hiddenSize: H } = this.config;
    const layout = ioLayout(paramCount(this.params), rows, T, L, H);
    if (layout.size <= w.io.length) {
      w.layout = layout;
      return;
    }
    w.io = new Float64Array(new SharedArrayBuffer(8 * layout.size));
    w.layout = layout;
    w.port.postMessage({ io: w.io.buffer });
  }

  private signal(command: number): void {
    Atomics.store(this.control, Control.Command, command);
    Atomics.store(this.control, Control.Done, 0);
    Atomics.add(this.control, Control.Generation, 1);
    Atomics.notify(this.control, Control.Generation);
  }

  private waitReady(): void {
    if (this.ready_) return;
    // Workers that are still starting need this thread's event loop, which blocking here would hold up for ever.
    if (Atomics.load(this.control, Control.Ready) < this.workers.length) {
      throw new Error('DataParallelLM: the workers have not started yet; await model.ready() (or build the model with ' +
        'await DataParallelLM.create(...)) before the first step');
    }
    this.ready_ = true;
    this.throwIfFailed();
  }

  private waitDone(): void {
    let n;
    while ((n = Atomics.load(this.control, Control.Done)) < this.workers.length) Atomics.wait(this.control, Control.Done, n, 100);
    this.throwIfFailed();
  }

  private throwIfFailed(): void {
    if (Atomics.load(this.control, Control.Failed) === 0) return;
    const messages = this.workers.map((w) => receiveMessageOnPort(w.port)?.message).filter((m) => m !== undefined);
    throw new Error(`DataParallelLM: a worker failed: ${messages.map((m) => String(m.error)).join('; ')}`);
  }
}

/** Loads the worker script; if that throws, says so through the shared control array and the worker's port. */
const BOOTSTRAP = `
const { workerData } = require('node:worker_threads');
try {
  require(workerData.script);
} catch (e) {
  const control = new Int32Array(workerData.control);
  workerData.port.postMessage({ error: 'cannot start ' + workerData.script + ': ' + e.message });
  Atomics.store(control, ${Control.Failed}, 1);
  Atomics.add(control, ${Control.Ready}, 1);
  Atomics.notify(control, ${Control.Ready});
}`;

/** [lo, hi) rows of each of W threads, as even as possible (the main thread's first). */
export function splitRows(N: number, W: number): [number, number][] {
  return Array.from({ length: W }, (_, w) => [Math.floor((w * N) / W), Math.floor(((w + 1) * N) / W)]);
}

/** The compiled worker script: beside this file in dist, or dist's when this runs from the TypeScript sources. */
function workerScript(): string {
  const beside = join(__dirname, 'data-parallel-worker.js');
  return existsSync(beside) ? beside : join(__dirname, '..', '..', 'dist', 'lm', 'data-parallel-worker.js');
}
