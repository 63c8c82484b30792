/**
 * Tensor: a row-major Float64Array with a shape. Deliberately small: just enough for hand-written recurrent layers
 * (see ./ops.ts, ./reduce.ts, ./time.ts). Creation functions follow numpy's semantics and values exactly
 * (linspace and arange compute their elements the way numpy does, so golden values made with numpy match to the bit).
 */
import { ShapeError, ValueError, formatShape } from '../errors';
import { formatTensor } from './format';

/** A nested array of numbers as produced by `toArray()` or written by hand: `[[1, 2], [3, 4]]`. */
export type NestedArray = number | NestedArray[];

export class Tensor {
  /** The elements in row-major (C) order. Mutating it mutates the tensor. */
  readonly data: Float64Array;
  /** The dimensions, outermost first. `[]` is a scalar. */
  readonly shape: readonly number[];

  /** Wraps `data` (not copied) with `shape`; use `tensor()` to build from arrays. */
  constructor(data: Float64Array, shape: readonly number[]) {
    checkShape('Tensor', 'shape', shape);
    const size = shapeSize(shape);
    if (data.length !== size) {
      throw new ShapeError(
        `Tensor: data has ${data.length} elements, expected ${size} (product of shape ${formatShape(shape)})`,
      );
    }
    this.data = data;
    this.shape = Object.freeze([...shape]);
  }

  /** Number of elements. */
  get size(): number {
    return this.data.length;
  }

  /** Number of dimensions. */
  get rank(): number {
    return this.shape.length;
  }

  /** A view with a new shape over the same data; one dimension may be -1 (inferred), as in numpy. */
  reshape(shape: readonly number[]): Tensor {
    const inferred = inferReshape(this.size, shape, this.shape);
    return new Tensor(this.data, inferred);
  }

  /** A deep copy. */
  clone(): Tensor {
    return new Tensor(this.data.slice(), this.shape);
  }

  /** The element at a full index, e.g. `t.get(1, 2)`. */
  get(...index: number[]): number {
    return this.data[this.offset('get', index)];
  }

  /** Writes the element at a full index: `t.set(value, 1, 2)`. */
  set(value: number, ...index: number[]): void {
    this.data[this.offset('set', index)] = value;
  }

  /** The elements as nested arrays (a plain number for a scalar). */
  toArray(): NestedArray {
    if (this.rank === 0) return this.data[0];
    const build = (dim: number, start: number): NestedArray[] => {
      const n = this.shape[dim];
      const stride = shapeSize(this.shape.slice(dim + 1));
      const out: NestedArray[] = new Array(n);
      for (let i = 0; i < n; i++) {
        out[i] = dim === this.rank - 1 ? this.data[start + i] : build(dim + 1, start + i * stride);
      }
      return out;
    };
    return build(0, 0);
  }

  /** Human-readable form for notebooks and the REPL. */
  toString(): string {
    return `Tensor(${formatShape(this.shape)}) ${JSON.stringify(this.toArray())}`;
  }

  /** What console.log, the REPL and notebooks show: a rounded, numpy-style table (./format.ts). */
  [Symbol.for('nodejs.util.inspect.custom')](): string { return formatTensor(this); }

  private offset(fn: string, index: number[]): number {
    if (index.length !== this.rank) {
      throw new ShapeError(`Tensor.${fn}: index has ${index.length} entries, expected ${this.rank} (rank of the tensor)`);
    }
    let offset = 0;
    for (let d = 0; d < index.length; d++) {
      const i = index[d];
      if (!Number.isInteger(i) || i < 0 || i >= this.shape[d]) {
        throw new ValueError(
          `Tensor.${fn}: index ${i} is out of range for dimension ${d} of shape ${formatShape(this.shape)}`,
        );
      }
      offset = offset * this.shape[d] + i;
    }
    return offset;
  }
}

/** Product of the dimensions (1 for a scalar). */
export function shapeSize(shape: readonly number[]): number {
  let size = 1;
  for (const d of shape) size *= d;
  return size;
}

/** Throws unless every dimension is a non-negative integer. */
export function checkShape(fn: string, arg: string, shape: readonly number[]): void {
  if (!Array.isArray(shape)) {
    throw new ShapeError(`${fn}: ${arg} must be an array of dimensions, got ${String(shape)}`);
  }
  for (const d of shape) {
    if (typeof d !== 'number' || !Number.isInteger(d) || d < 0) {
      throw new ValueError(
        `${fn}: ${arg} ${formatShape(shape)} has dimension ${String(d)}, expected non-negative integers`,
      );
    }
  }
}

function inferReshape(size: number, shape: readonly number[], from: readonly number[]): number[] {
  const unknown = shape.filter((d) => d === -1).length;
  if (unknown > 1) throw new ValueError(`reshape: shape ${formatShape(shape)} has more than one -1`);
  const known = shape.filter((d) => d !== -1);
  checkShape('reshape', 'shape', known);
  const knownSize = shapeSize(known);
  const result = [...shape];
  if (unknown === 1) {
    if (knownSize === 0 || size % knownSize !== 0) {
      throw new ShapeError(`reshape: cannot reshape ${formatShape(from)} (${size} elements) into ${formatShape(shape)}`);
    }
    result[shape.indexOf(-1)] = size / knownSize;
  } else if (knownSize !== size) {
    throw new ShapeError(`reshape: cannot reshape ${formatShape(from)} (${size} elements) into ${formatShape(shape)}`);
  }
  return result;
}

/**
 * Builds a tensor from nested arrays (`tensor([[1, 2], [3, 4]])`), or from a flat array / typed array plus a shape
 * (`tensor([1, 2, 3, 4], [2, 2])`). Values are copied. A ragged nested array or a non-number is an error.
 */
export function tensor(values: NestedArray | ArrayLike<number>, shape?: readonly number[]): Tensor {
  if (shape !== undefined) {
    checkShape('tensor', 'shape', shape);
    const flat = isFlat(values) ? Float64Array.from(values as ArrayLike<number>) : flattenNested(values as NestedArray).data;
    if (flat.length !== shapeSize(shape)) {
      throw new ShapeError(
        `tensor: values has ${flat.length} elements, expected ${shapeSize(shape)} (product of shape ${formatShape(shape)})`,
      );
    }
    return new Tensor(flat, shape);
  }
  if (values instanceof Float64Array || ArrayBuffer.isView(values)) {
    return new Tensor(Float64Array.from(values as ArrayLike<number>), [(values as ArrayLike<number>).length]);
  }
  const { data, shape: inferred } = flattenNested(values as NestedArray);
  return new Tensor(data, inferred);
}

function isFlat(values: unknown): boolean {
  if (ArrayBuffer.isView(values)) return true;
  return Array.isArray(values) && values.every((v) => typeof v === 'number');
}

function flattenNested(values: NestedArray): { data: Float64Array; shape: number[] } {
  if (typeof values === 'number') return { data: Float64Array.of(values), shape: [] };
  if (!Array.isArray(values)) {
    throw new ValueError(`tensor: values must be a number or (nested) array of numbers, got ${typeof values}`);
  }
  const shape: number[] = [];
  let level: unknown = values;
  while (Array.isArray(level)) {
    shape.push(level.length);
    level = level[0];
  }
  const data = new Float64Array(shapeSize(shape));
  let k = 0;
  const walk = (v: unknown, dim: number, path: string): void => {
    if (dim === shape.length) {
      if (typeof v !== 'number') {
        throw new ValueError(`tensor: values${path} is ${Array.isArray(v) ? 'an array' : typeof v}, expected a number (ragged nested array?)`);
      }
      data[k++] = v;
      return;
    }
    if (!Array.isArray(v) || v.length !== shape[dim]) {
      const got = Array.isArray(v) ? `length ${v.length}` : typeof v;
      throw new ShapeError(`tensor: values${path} has ${got}, expected an array of length ${shape[dim]} (ragged nested array)`);
    }
    for (let i = 0; i < v.length; i++) walk(v[i], dim + 1, `${path}[${i}]`);
  };
  walk(values, 0, '');
  return { data, shape };
}

/** A tensor of zeros. */
export function zeros(shape: readonly number[]): Tensor {
  checkShape('zeros', 'shape', shape);
  return new Tensor(new Float64Array(shapeSize(shape)), shape);
}

/** A tensor of ones. */
export function ones(shape: readonly number[]): Tensor {
  return full(shape, 1);
}

/** A tensor with every element equal to `value`. */
export function full(shape: readonly number[], value: number): Tensor {
  checkShape('full', 'shape', shape);
  return new Tensor(new Float64Array(shapeSize(shape)).fill(value), shape);
}

/** A tensor of zeros with the shape of `like`. */
export function zerosLike(like: Tensor): Tensor {
  return new Tensor(new Float64Array(like.size), like.shape);
}

/**
 * `num` evenly spaced values from `start` to `stop` inclusive, computed as numpy.linspace does
 * (`i * step + start`, with the last value set to `stop` exactly), so the bits match numpy's.
 */
export function linspace(start: number, stop: number, num: number): Tensor {
  if (!Number.isFinite(start) || !Number.isFinite(stop)) {
    throw new ValueError(`linspace: start and stop must be finite, got ${start} and ${stop}`);
  }
  if (!Number.isInteger(num) || num < 0) throw new ValueError(`linspace: num must be a non-negative integer, got ${num}`);
  const out = new Float64Array(num);
  const div = num - 1;
  const delta = stop - start;
  const step = delta / div;
  for (let i = 0; i < num; i++) {
    // numpy divides first when the step underflows to zero, to keep the values exact.
    out[i] = div > 0 && step === 0 ? (i / div) * delta + start : div > 0 ? i * step + start : i * delta + start;
  }
  if (num > 1) out[num - 1] = stop;
  return new Tensor(out, [num]);
}

/**
 * Values from `start` (inclusive) to `stop` (exclusive) in steps of `step`, as numpy.arange:
 * `arange(5)`, `arange(2, 5)`, `arange(0, 1, 0.1)`. Length is ceil((stop - start) / step); elements are
 * `start + i * (start + step - start)`, the way numpy fills them.
 */
export function arange(start: number, stop?: number, step = 1): Tensor {
  if (stop === undefined) {
    stop = start;
    start = 0;
  }
  for (const [name, v] of [['start', start], ['stop', stop], ['step', step]] as const) {
    if (!Number.isFinite(v)) throw new ValueError(`arange: ${name} must be finite, got ${v}`);
  }
  if (step === 0) throw new ValueError('arange: step must not be zero');
  const length = Math.max(0, Math.ceil((stop - start) / step));
  const out = new Float64Array(length);
  const delta = start + step - start;
  for (let i = 0; i < length; i++) out[i] = start + i * delta;
  if (length > 1) out[1] = start + step;
  return new Tensor(out, [length]);
}
