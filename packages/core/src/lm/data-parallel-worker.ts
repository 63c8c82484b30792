/**
 * A DataParallelLM worker (see ./data-parallel.ts): a replica of the model that, each round, copies the published
 * parameters, runs forward and backward on its rows of the batch and writes back its loss, gradients and final states.
 */
import { MessagePort, parentPort, receiveMessageOnPort, workerData } from 'node:worker_threads';
import type { RecurrentState } from '../modules/module';
import { RandomState } from '../random';
import { Tensor } from '../tensor/tensor';
import { Control, ioLayout, paramCount } from './data-parallel-protocol';
import { RecurrentLM, RecurrentLMConfig } from './recurrent-lm';

const { config, control: controlBuffer, params: paramsBuffer, port } = workerData as {
  config: RecurrentLMConfig; control: SharedArrayBuffer; params: SharedArrayBuffer; index: number; port: MessagePort;
};
const control = new Int32Array(controlBuffer);
const shared = new Float64Array(paramsBuffer);
const model = new RecurrentLM(config, new RandomState(0));
const names = Object.keys(model.params);
const P = paramCount(model.params);
const { layers: L, hiddenSize: H } = config;
const cell = config.cell === 'lstm';
let io: Float64Array<ArrayBufferLike> = new Float64Array(0);

function round(): void {
  const update = receiveMessageOnPort(port);
  if (update !== undefined) io = new Float64Array((update.message as { io: SharedArrayBuffer }).io);
  const [n, T, train, seed, dropout] = io.subarray(0, 5);
  if (n === 0) return;
  const at = ioLayout(P, n, T, L, H);
  let offset = 0;
  for (const name of names) {
    const p = model.params[name];
    p.data.set(shared.subarray(offset, offset + p.size));
    offset += p.size;
  }
  const x = new Tensor(io.slice(at.x, at.x + n * T), [n, T]);
  const y = new Tensor(io.slice(at.y, at.y + n * T), [n, T]);
  const rows = (from: number, l: number) => new Tensor(io.slice(from + l * n * H, from + (l + 1) * n * H), [n, H]);
  const state: RecurrentState[] = Array.from({ length: L }, (_, l) => (cell ? { h: rows(at.hIn, l), c: rows(at.cIn, l) } : { h: rows(at.hIn, l) }));
  const result = train === 1
    ? model.lossAndGrads(x, y, state, { train: dropout === 1, rng: new RandomState(seed) })
    : model.loss(x, y, state);
  io[at.loss] = result.loss;
  if (train === 1) {
    let g = at.grads;
    for (const name of names) {
      io.set(model.grads[name].data, g);
      g += model.grads[name].size;
    }
  }
  result.state.forEach((s, l) => {
    io.set(s.h.data, at.hOut + l * n * H);
    if (cell) io.set((s.c as Tensor).data, at.cOut + l * n * H);
  });
}

Atomics.add(control, Control.Ready, 1);
Atomics.notify(control, Control.Ready);
let seen = Atomics.load(control, Control.Generation);
for (;;) {
  Atomics.wait(control, Control.Generation, seen);
  seen = Atomics.load(control, Control.Generation);
  if (Atomics.load(control, Control.Command) === Control.Quit) break;
  try {
    round();
  } catch (e) {
    port.postMessage({ error: (e as Error).message });
    Atomics.store(control, Control.Failed, 1);
  }
  Atomics.add(control, Control.Done, 1);
  Atomics.notify(control, Control.Done);
}
parentPort?.close();
