/**
 * The interface every optimizer shares, and the base class that does the bookkeeping: checking params against grads,
 * the per-parameter slots (momentum v, Adagrad mem, RMSprop cache, Adam m and v), the step count, the learning rate
 * the training loop may decay, and a JSON-serializable state so a checkpoint resumes training exactly.
 *
 * An optimizer works on `ParamMap` pairs (see ../modules/module.ts): `step(params, grads)` updates every `params[k]`
 * in place from `grads[k]`, which must have the same names and shapes. A subclass supplies only the update rule for
 * one parameter (`update(p, g, slots, t)` over flat Float64Arrays) and its hyper-parameters. Slots are created as
 * zeros the first time a parameter is seen; after that the names and shapes of params must stay the same.
 */
import { ShapeError, ValueError, formatShape } from '../errors';
import type { ParamMap } from '../modules/module';
import { checkSameShape, checkTensor } from '../tensor/check';
import { Tensor } from '../tensor/tensor';
import { HyperParamSpec, SlotBuffers, SlotState, checkHyperParam, checkStateShape } from './state';

export type { HyperParamSpec, SlotState } from './state';

/** The optimizers `createOptimizer` knows, by name. */
export type OptimizerName = 'sgd' | 'momentum' | 'adagrad' | 'rmsprop' | 'adam';

/** The names in the order they are listed in messages. */
export const OPTIMIZER_NAMES: readonly OptimizerName[] = ['sgd', 'momentum', 'adagrad', 'rmsprop', 'adam'];

/**
 * Everything an optimizer needs to continue exactly where it stopped, as plain JSON-serializable values:
 * `{ name: 'adam', hyperParams: { learningRate, beta1, beta2, epsilon }, stepCount: 3,
 *    slots: { m: { W: { shape: [3, 4], data: [...] }, ... }, v: { ... } } }`.
 */
export interface OptimizerState {
  /** Which optimizer wrote it; `setState` refuses another optimizer's state. */
  name: OptimizerName;
  /** The learning rate (as decayed so far) and the rule's other hyper-parameters. */
  hyperParams: Record<string, number>;
  /** Number of `step` calls so far (Adam's t). */
  stepCount: number;
  /** Slot name → parameter name → values (empty for SGD, and before the first step). */
  slots: Record<string, Record<string, SlotState>>;
}

/** A gradient-descent rule over named parameters. */
export interface Optimizer {
  /** The factory name: 'sgd', 'momentum', 'adagrad', 'rmsprop' or 'adam'. */
  readonly name: OptimizerName;
  /** The current learning rate; the training loop may decay it (`opt.learningRate *= 0.95`). Must stay finite > 0. */
  learningRate: number;
  /** Number of `step` calls so far. */
  readonly stepCount: number;
  /** Updates every params[k] in place from grads[k] (same names, same shapes). */
  step(params: ParamMap, grads: ParamMap): void;
  /** A deep copy of the state, safe to JSON.stringify. */
  getState(): OptimizerState;
  /** Replaces the whole state (hyper-parameters, step count, slots) with a validated deep copy of `state`. */
  setState(state: OptimizerState): void;
}

/** Throws unless `map` is a plain object whose values are all Tensors. */
export function checkParamMap(fn: string, arg: string, map: unknown): asserts map is ParamMap {
  if (typeof map !== 'object' || map === null || Array.isArray(map) || map instanceof Tensor) {
    const got = map === null ? 'null' : Array.isArray(map) ? 'an array' : map instanceof Tensor ? 'a Tensor' : typeof map;
    throw new ValueError(`${fn}: ${arg} must be an object of named Tensors ({ W, b, ... }), got ${got}`);
  }
  for (const [name, t] of Object.entries(map)) checkTensor(fn, `${arg}.${name}`, t);
}

/** Throws unless grads has exactly the names of params, each with its param's shape. */
export function checkGradsMatchParams(fn: string, params: unknown, grads: unknown): asserts grads is ParamMap {
  checkParamMap(fn, 'params', params);
  checkParamMap(fn, 'grads', grads);
  const names = Object.keys(params);
  for (const name of names) {
    if (!(name in grads)) {
      throw new ShapeError(`${fn}: grads has no entry for ${name}, expected the names of params (${names.join(', ')})`);
    }
    checkSameShape(fn, `grads.${name}`, grads[name], params[name], `params.${name}`);
  }
  for (const name of Object.keys(grads)) {
    if (!(name in params)) {
      throw new ShapeError(`${fn}: grads has an entry ${name} that params lacks, expected the names of params (${names.join(', ')})`);
    }
  }
}

const LEARNING_RATE: HyperParamSpec = { name: 'learningRate', range: 'positive' };

/** The shared bookkeeping; a subclass gives its name, slot names, hyper-parameter specs and the update rule. */
export abstract class BaseOptimizer implements Optimizer {
  abstract readonly name: OptimizerName;
  /** The class name, for messages ('Adam'). */
  protected abstract readonly displayName: string;
  /** Per-parameter buffers the rule keeps, e.g. ['m', 'v'] for Adam. */
  protected abstract readonly slotNames: readonly string[];
  /** The hyper-parameters besides learningRate, with defaults and allowed ranges. */
  protected abstract readonly hyperSpecs: readonly HyperParamSpec[];
  /** The hyper-parameters besides learningRate, validated; subclasses read them in `update`. */
  protected hyper: Record<string, number> = {};
  private lr = 0;
  private steps = 0;
  /** Parameter name → one Float64Array per slot name, each of the parameter's size. */
  private slots: SlotBuffers = new Map();

  /** Applies the rule to one parameter: p, g and every slot have the same length; t counts steps from 1. */
  protected abstract update(p: Float64Array, g: Float64Array, slots: Float64Array[], t: number): void;

  /** Call from the subclass constructor (after its fields are set): validates and stores the options. */
  protected init(options: unknown): void {
    const fn = this.displayName;
    if (typeof options !== 'object' || options === null || Array.isArray(options)) {
      throw new ValueError(`${fn}: options must be an object like { learningRate: 0.01 }, got ${options === null ? 'null' : typeof options}`);
    }
    const allowed = ['learningRate', ...this.hyperSpecs.map((s) => s.name)];
    for (const key of Object.keys(options)) {
      if (!allowed.includes(key)) throw new ValueError(`${fn}: unknown option ${key}, expected one of ${allowed.join(', ')}`);
    }
    const given = options as Record<string, unknown>;
    if (given.learningRate === undefined) throw new ValueError(`${fn}: options.learningRate is required (a finite number > 0)`);
    this.lr = checkHyperParam(fn, LEARNING_RATE, given.learningRate);
    for (const spec of this.hyperSpecs) {
      const value = given[spec.name] === undefined ? spec.defaultValue : given[spec.name];
      this.hyper[spec.name] = checkHyperParam(fn, spec, value);
    }
  }

  get learningRate(): number {
    return this.lr;
  }

  set learningRate(value: number) {
    this.lr = checkHyperParam(`${this.displayName}.learningRate`, LEARNING_RATE, value);
  }

  get stepCount(): number {
    return this.steps;
  }

  step(params: ParamMap, grads: ParamMap): void {
    const fn = `${this.displayName}.step`;
    checkGradsMatchParams(fn, params, grads);
    this.checkSlotsMatch(fn, params);
    const t = this.steps + 1;
    for (const [name, p] of Object.entries(params)) {
      let entry = this.slots.get(name);
      if (entry === undefined) {
        entry = { shape: p.shape, buffers: this.slotNames.map(() => new Float64Array(p.size)) };
        if (this.slotNames.length > 0) this.slots.set(name, entry);
      }
      this.update(p.data, grads[name].data, entry.buffers, t);
    }
    this.steps = t;
  }

  getState(): OptimizerState {
    const slots: OptimizerState['slots'] = {};
    this.slotNames.forEach((slot, k) => {
      slots[slot] = {};
      for (const [name, { shape, buffers }] of this.slots) slots[slot][name] = { shape: [...shape], data: Array.from(buffers[k]) };
    });
    return { name: this.name, hyperParams: { learningRate: this.lr, ...this.hyper }, stepCount: this.steps, slots };
  }

  setState(state: OptimizerState): void {
    const fn = `${this.displayName}.setState`;
    if (typeof state !== 'object' || state === null) throw new ValueError(`${fn}: state must be an object from getState(), got ${String(state)}`);
    if (state.name !== this.name) {
      throw new ValueError(`${fn}: state.name is '${String(state.name)}', expected '${this.name}' (state from another optimizer)`);
    }
    const hp: Record<string, unknown> = typeof state.hyperParams === 'object' && state.hyperParams !== null ? state.hyperParams : {};
    const specs: HyperParamSpec[] = [LEARNING_RATE, ...this.hyperSpecs];
    const expectedKeys = specs.map((s) => s.name);
    const keys = Object.keys(hp);
    if (keys.length !== expectedKeys.length || !keys.every((k) => expectedKeys.includes(k))) {
      throw new ValueError(`${fn}: state.hyperParams has [${keys.join(', ')}], expected [${expectedKeys.join(', ')}]`);
    }
    const values = specs.map((spec) => checkHyperParam(fn, spec, hp[spec.name], 'state.hyperParams.'));
    if (!Number.isSafeInteger(state.stepCount) || state.stepCount < 0) {
      throw new ValueError(`${fn}: state.stepCount is ${String(state.stepCount)}, expected a non-negative integer`);
    }
    const slots = checkStateShape(fn, state.slots, this.slotNames);
    this.lr = values[0];
    this.hyper = Object.fromEntries(this.hyperSpecs.map((spec, k) => [spec.name, values[k + 1]]));
    this.steps = state.stepCount;
    this.slots = slots;
  }

  private checkSlotsMatch(fn: string, params: ParamMap): void {
    if (this.slots.size === 0) return;
    const known = [...this.slots.keys()];
    for (const [name, p] of Object.entries(params)) {
      const entry = this.slots.get(name);
      if (entry === undefined) {
        throw new ShapeError(`${fn}: params has ${name}, which the optimizer state does not (it holds ${known.join(', ')}); use a fresh optimizer for other parameters`);
      }
      if (entry.shape.length !== p.rank || entry.shape.some((d, i) => d !== p.shape[i])) {
        throw new ShapeError(
          `${fn}: params.${name} has shape ${formatShape(p.shape)}, expected ${formatShape(entry.shape)} (shape of its optimizer slots)`,
        );
      }
    }
    for (const name of known) {
      if (!(name in params)) throw new ShapeError(`${fn}: params has no entry for ${name}, which the optimizer state holds (${known.join(', ')})`);
    }
  }
}
