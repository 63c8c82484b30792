/**
 * What crosses the boundary between the checks (trusted) and the student's code (a child process). Arguments and
 * results travel by structured clone (Node's advanced IPC serialization), which keeps numbers, strings, arrays, plain
 * objects, Maps, Sets and typed arrays but drops classes; so core's `Tensor` and `RandomState` travel as tagged
 * objects and are revived on the other side with that side's own core, and a function argument travels as its source
 * (see `childFunction`). The same module runs on both sides: it takes the core classes as an argument.
 */

/** The core classes a side revives values with. */
export interface CoreClasses {
  Tensor: new (data: Float64Array, shape: readonly number[]) => { data: Float64Array; shape: readonly number[] };
  RandomState: { fromState(state: never): unknown; prototype: { getState(): unknown } };
}

const TAG = '$rnnlab';
const MAX_DEPTH = 64;

/** A function argument for the student's code, given as self-contained source: `(core, ...args) => …`. */
export interface ChildFunction {
  [TAG]: 'function';
  source: string;
}

/**
 * Marks a function to be passed to the student's code: its source is sent and rebuilt in the child, where its first
 * parameter is the child's `@rnnlab/core` and the rest are the caller's arguments. It must not close over anything:
 * `childFunction((core, x) => core.sum(core.mul(x, x)))` reaches the student as `(x) => sum(x²)`.
 */
export function childFunction(fn: (core: never, ...args: never[]) => unknown): ChildFunction {
  return { [TAG]: 'function', source: fn.toString() };
}

/**
 * Rebuilds a childFunction from its source on the side that runs the student's code (the child process, or the
 * checks' own process in the in-process mode), with that side's core as its first argument.
 */
export function functionFromSource(core: unknown): (source: string) => (...args: unknown[]) => unknown {
  return (source) => {
    const built = new Function(`return (${source});`)() as (...a: unknown[]) => unknown;
    return (...a: unknown[]) => built(core, ...a);
  };
}

function isPlainObject(v: object): boolean {
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/**
 * Replaces core Tensors and RandomStates by tagged plain objects, recursively, so a structured clone keeps them.
 * Throws on a function (it cannot cross) or on nesting deeper than 64 levels (a cycle).
 */
export function encode(value: unknown, core: CoreClasses, depth = 0): unknown {
  if (depth > MAX_DEPTH) throw new Error(`a value nested more than ${MAX_DEPTH} levels deep (a cycle?) cannot be graded`);
  if (typeof value === 'function') throw new Error('a function cannot be graded; return data (numbers, arrays, Tensors, objects)');
  if (value === null || typeof value !== 'object' || ArrayBuffer.isView(value)) return value;
  if (value instanceof core.Tensor) return { [TAG]: 'Tensor', shape: [...value.shape], data: value.data };
  if (value instanceof (core.RandomState as unknown as new () => object)) {
    return { [TAG]: 'RandomState', state: (value as { getState(): unknown }).getState() };
  }
  const next = (v: unknown) => encode(v, core, depth + 1);
  if (Array.isArray(value)) return value.map(next);
  if (value instanceof Map) return new Map([...value].map(([k, v]) => [next(k), next(v)]));
  if (value instanceof Set) return new Set([...value].map(next));
  if (value instanceof Date || value instanceof RegExp || value instanceof Error) return value;
  if (TAG in value && (value as ChildFunction)[TAG] === 'function' && isPlainObject(value)) return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, next(v)]));
}

/**
 * Revives what `encode` tagged, with this side's core. Function tags become functions only when `makeFunction` is
 * given (the child does; the checks never run code that came from the student).
 */
export function decode(
  value: unknown, core: CoreClasses, makeFunction?: (source: string) => unknown, depth = 0,
): unknown {
  if (depth > MAX_DEPTH) throw new Error(`a value nested more than ${MAX_DEPTH} levels deep (a cycle?) cannot be graded`);
  if (value === null || typeof value !== 'object' || ArrayBuffer.isView(value)) return value;
  const next = (v: unknown) => decode(v, core, makeFunction, depth + 1);
  if (Array.isArray(value)) return value.map(next);
  if (value instanceof Map) return new Map([...value].map(([k, v]) => [next(k), next(v)]));
  if (value instanceof Set) return new Set([...value].map(next));
  if (value instanceof Date || value instanceof RegExp || value instanceof Error) return value;
  const tagged = value as Record<string, unknown>;
  if (tagged[TAG] === 'Tensor' && tagged.data instanceof Float64Array && Array.isArray(tagged.shape)) {
    return new core.Tensor(tagged.data, tagged.shape as number[]);
  }
  if (tagged[TAG] === 'RandomState') return core.RandomState.fromState(tagged.state as never);
  if (tagged[TAG] === 'function' && typeof tagged.source === 'string' && makeFunction) return makeFunction(tagged.source);
  return Object.fromEntries(Object.entries(tagged).map(([k, v]) => [k, next(v)]));
}
