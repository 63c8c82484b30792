/**
 * What the recurrent class modules (VanillaRNN, LSTM, GRU, EchoState) have in common, so each of them only says how to
 * call its layer functions: the size and generator checks of the constructor, the checks of x and the state on entry
 * to `forward`, keeping the latest forward's cache and final state (truncated BPTT carries it into the next chunk),
 * refusing `backward` and `finalState` before a forward pass, and adding the layer's parameter gradients into `grads`.
 * A layer's backward names each gradient `d` + the parameter's name (dWx for Wx), which is how they are matched.
 *
 * Legend: N batch, T time, D input size (inputSize), H hidden size (hiddenSize).
 */
import { ValueError } from '../errors';
import type { Precision } from '../kernels/wasm';
import { ParamShapes, checkLayerArgs } from '../layers/recurrence';
import { RandomState, checkRandomState } from '../random';
import { ShapeCheck, checkInteger, checkSameShape } from '../tensor/check';
import { addScaledInPlace } from '../tensor/ops';
import { Tensor, zeros } from '../tensor/tensor';
import { getTimeStep } from '../tensor/time';
import { ParamMap, RecurrentModule, RecurrentState } from './module';

/**
 * What a module's state holds: h alone, with how the module is called in "state has a cell state c, but a GRU has
 * none", or h and a cell state c (LSTM).
 */
export type StateKind = { cell: false; called: string } | { cell: true };

/** A layer's sequence forward: h [N, T, H], the cell states c [N, T, H] if it has them, and the cache for backward. */
export interface SequenceRun<C> {
  h: Tensor;
  c?: Tensor;
  cache: C;
}

/**
 * A layer's sequence backward: dx [N, T, D] (null when it was asked not to compute it) and, for every parameter (Wx),
 * its gradient under `d` + name (dWx).
 */
export type SequenceGrads<P> = { dx: Tensor | null } & { [K in keyof P & string as `d${K}`]: Tensor };

/** A recurrent layer over sequences with params P and cache C; subclasses supply `run` and `backwardThrough`. */
export abstract class SequenceModule<P extends ParamMap, C> implements RecurrentModule {
  abstract readonly params: P;
  abstract readonly grads: P;
  private cache: C | null = null;
  private lastH: Tensor | null = null;
  private last: RecurrentState | null = null;
  /** The arithmetic of forward and backward: 'float64' (default) or 'float32' (see ../kernels/wasm.ts). */
  precision: Precision = 'float64';
  /**
   * When true, each forward overwrites the previous forward's result tensors (h and the cache) where their shapes fit
   * instead of allocating new ones: a training loop's steady state then allocates no large arrays. Only for callers
   * that are done with the previous forward's h by the next forward (RecurrentLM sets it); default false.
   */
  reuseBuffers = false;

  /** inputSize D, hiddenSize H: positive integers; rng: the generator the subclass draws its parameters from. */
  protected constructor(
    private readonly moduleName: string,
    private readonly stateKind: StateKind,
    readonly inputSize: number,
    readonly hiddenSize: number,
    rng: RandomState,
  ) {
    checkInteger(moduleName, 'inputSize', inputSize, 1);
    checkInteger(moduleName, 'hiddenSize', hiddenSize, 1);
    checkRandomState(moduleName, rng);
  }

  /**
   * The layer's sequence forward over x [N, T, D] from `start` (state.c given iff the module has a cell state);
   * `reuse`: the previous cache, whose tensors the layer may overwrite (see reuseBuffers), or undefined.
   */
  protected abstract run(x: Tensor, start: RecurrentState, reuse: C | undefined): SequenceRun<C>;

  /** The layer's sequence backward of dh [N, T, H] (checked) through `cache`; dx is computed iff `inputGrad`. */
  protected abstract backwardThrough(dh: Tensor, cache: C, inputGrad: boolean): SequenceGrads<P>;

  /**
   * x: [N, T, D]; state.h (and state.c, if the module has a cell state): [N, H], zeros when omitted. Returns
   * h [N, T, H] and keeps the cache for `backward`.
   */
  forward(x: Tensor, state?: RecurrentState): Tensor {
    const fn = `${this.moduleName}.forward`;
    const s = new ShapeCheck(fn);
    s.check('x', x, ['N', 'T', this.inputSize]);
    const start = this.startState(fn, s, x.shape[0], state);
    const { h, c, cache } = this.run(x, start, this.reuseBuffers && this.cache !== null ? this.cache : undefined);
    this.cache = cache;
    this.lastH = h;
    const T = x.shape[1];
    const final = (seq: Tensor, initial: Tensor) => (T > 0 ? getTimeStep(seq, T - 1) : initial.clone());
    this.last = { h: final(h, start.h) };
    if (c !== undefined && start.c !== undefined) this.last.c = final(c, start.c);
    return h;
  }

  /** The state after the last step of the latest `forward`: { h: [N, H] } or { h, c } (copies). */
  finalState(): RecurrentState {
    const { h, c } = this.latest(this.last, 'finalState');
    return c === undefined ? { h: h.clone() } : { h: h.clone(), c: c.clone() };
  }

  /** dh: [N, T, H]. Adds the parameter gradients into `grads` and returns dx [N, T, D] (dh0, dc0 are not kept). */
  backward(dh: Tensor): Tensor {
    return this.addGrads(dh, 'backward', true) as Tensor; // the layers return dx unless inputGrad is false
  }

  /** dh: [N, T, H]. Adds the same parameter gradients into `grads` as `backward`, without computing dx. */
  backwardParamsOnly(dh: Tensor): void {
    this.addGrads(dh, 'backwardParamsOnly', false);
  }

  private addGrads(dh: Tensor, method: string, inputGrad: boolean): Tensor | null {
    const cache = this.latest(this.cache, method);
    checkSameShape(`${this.moduleName}.${method}`, 'dh', dh, this.lastH as Tensor, 'h from the latest forward');
    const g = this.backwardThrough(dh, cache, inputGrad);
    const named = g as unknown as ParamMap;
    for (const name of Object.keys(this.grads)) addScaledInPlace(this.grads[name], 1, named[`d${name}`]);
    return g.dx;
  }

  private latest<V>(value: V | null, method: string): V {
    if (value === null) throw new Error(`${this.moduleName}.${method}: no forward pass yet; call forward(x) first`);
    return value;
  }

  /** The checked initial state: state.h [N, H] (and state.c [N, H] for a cell state), zeros where omitted. */
  private startState(fn: string, s: ShapeCheck, N: number, state: RecurrentState | undefined): RecurrentState {
    const kind = this.stateKind;
    const H = this.hiddenSize;
    if (state === undefined) return kind.cell ? { h: zeros([N, H]), c: zeros([N, H]) } : { h: zeros([N, H]) };
    if (state === null || typeof state !== 'object') {
      throw new ValueError(`${fn}: state must be ${kind.cell ? '{ h, c? }' : '{ h }'} or undefined`);
    }
    if (!kind.cell) {
      if (state.c !== undefined) throw new ValueError(`${fn}: state has a cell state c, but ${kind.called} has none`);
      return { h: s.check('state.h', state.h, ['N', H]) };
    }
    const h = s.check('state.h', state.h, ['N', H]);
    return { h, c: state.c === undefined ? zeros([N, H]) : s.check('state.c', state.c, ['N', H]) };
  }
}

/**
 * `<Module>.fromParams`, written once: checks `params` against the layer's shapes (`params.Wx` …, binding D and H),
 * builds a module with `make(D, H)` and copies the values in (the given tensors are not shared). `names` shows the
 * expected object in the message for a non-object, e.g. '{ Wx, Wh, b }'.
 */
export function moduleFromParams<M extends { params: ParamMap }>(
  fn: string, shapes: ParamShapes, names: string, params: unknown, make: (D: number, H: number) => M,
): M {
  if (params === null || typeof params !== 'object') throw new ValueError(`${fn}: params must be ${names}`);
  const given = params as Record<string, Tensor>;
  const s = checkLayerArgs(fn, shapes, given, 'params.');
  const module = make(s.dim('D'), s.dim('H'));
  for (const name of Object.keys(shapes)) module.params[name].data.set(given[name].data);
  return module;
}
