/**
 * Reading an untrusted checkpoint field by field. A `FieldReader` knows the file it reads, and every check names the
 * file and the field's path inside it, the value found and what was expected:
 *
 *     run/checkpoint.json: body.training.seqLength is "50", expected an integer >= 1
 *
 * Tensors are stored as `{ shape, float64 }` with float64 the base64 of their little-endian float64 values; a tensor
 * is accepted only with canonical base64 of exactly the shape's size, and only finite values.
 */
import { ShapeError, ValueError, formatShape } from '../errors';
import { Tensor } from '../tensor/tensor';

/** A checkpoint that cannot be used: `file` and `field` say where, the message says what and what was expected. */
export class CheckpointError extends ValueError {
  override name = 'CheckpointError';
  constructor(
    readonly file: string,
    readonly field: string,
    problem: string,
  ) {
    super(field === '' ? `${file} ${problem}` : `${file}: ${field} ${problem}`);
  }
}

/** A tensor as stored in a checkpoint. */
export interface EncodedTensor {
  shape: number[];
  /** base64 of the float64 values, little-endian, row-major. */
  float64: string;
}

/** Encodes a tensor for a checkpoint (values round-trip bit for bit). */
export function encodeTensor(t: Tensor): EncodedTensor {
  const bytes = Buffer.alloc(t.size * 8);
  for (let i = 0; i < t.size; i++) bytes.writeDoubleLE(t.data[i], i * 8);
  return { shape: [...t.shape], float64: bytes.toString('base64') };
}

/** How a value is shown in a message: strings quoted, objects by kind, long things cut. */
export function describe(value: unknown): string {
  if (value === undefined) return 'missing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (typeof value === 'object') return 'an object';
  const text = typeof value === 'string' ? JSON.stringify(value) : String(value);
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}

/** Number checks: an integer, a range, open bounds. */
export interface NumberRule {
  integer?: boolean;
  min?: number;
  max?: number;
  minOpen?: boolean;
  maxOpen?: boolean;
  /** How the expectation reads in a message, e.g. 'a number in [0, 1)'. */
  expected: string;
}

export class FieldReader {
  constructor(readonly file: string) {}

  fail(field: string, problem: string): never {
    throw new CheckpointError(this.file, field, problem);
  }

  /** A plain object with exactly the `required` keys plus any of `optional`. */
  object(value: unknown, field: string, required: readonly string[], optional: readonly string[] = []): Record<string, unknown> {
    const record = this.record(value, field, `an object with ${required.join(', ')}`);
    for (const key of required) if (!(key in record)) this.fail(join(field, key), 'is missing');
    for (const key of Object.keys(record)) {
      if (!required.includes(key) && !optional.includes(key)) this.fail(join(field, key), 'is not a field of this checkpoint format');
    }
    return record;
  }

  /** A plain object, whatever its keys (a map by name). */
  record(value: unknown, field: string, expected: string): Record<string, unknown> {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) this.fail(field, `is ${describe(value)}, expected ${expected}`);
    return value as Record<string, unknown>;
  }

  number(value: unknown, field: string, rule: NumberRule): number {
    const v = value as number;
    const ok =
      typeof value === 'number' && Number.isFinite(v) && (!rule.integer || Number.isInteger(v)) &&
      (rule.min === undefined || (rule.minOpen ? v > rule.min : v >= rule.min)) &&
      (rule.max === undefined || (rule.maxOpen ? v < rule.max : v <= rule.max));
    if (!ok) this.fail(field, `is ${describe(value)}, expected ${rule.expected}`);
    return v;
  }

  integer(value: unknown, field: string, min: number, max = Number.MAX_SAFE_INTEGER): number {
    const expected = max === Number.MAX_SAFE_INTEGER ? `an integer >= ${min}` : `an integer from ${min} to ${max}`;
    return this.number(value, field, { integer: true, min, max, expected });
  }

  oneOf<T extends string>(value: unknown, field: string, allowed: readonly T[]): T {
    if (typeof value !== 'string' || !allowed.includes(value as T)) {
      this.fail(field, `is ${describe(value)}, expected one of ${allowed.map((a) => `'${a}'`).join(', ')}`);
    }
    return value as T;
  }

  string(value: unknown, field: string): string {
    if (typeof value !== 'string') this.fail(field, `is ${describe(value)}, expected a string`);
    return value as string;
  }

  array(value: unknown, field: string, length?: number): unknown[] {
    if (!Array.isArray(value) || (length !== undefined && value.length !== length)) {
      this.fail(field, `is ${describe(value)}, expected an array${length === undefined ? '' : ` of ${length}`}`);
    }
    return value as unknown[];
  }

  /** A stored tensor of exactly `shape`, every value finite. */
  tensor(value: unknown, field: string, shape: readonly number[]): Tensor {
    const stored = this.object(value, field, ['shape', 'float64']);
    const got = this.array(stored.shape, `${field}.shape`);
    if (got.length !== shape.length || got.some((d, i) => d !== shape[i])) {
      this.fail(`${field}.shape`, `is ${Array.isArray(got) && got.every((d) => typeof d === 'number') ? formatShape(got as number[]) : describe(got)}, expected ${formatShape(shape)} (from the model's configuration)`);
    }
    const text = this.string(stored.float64, `${field}.float64`);
    const size = shape.reduce((a, b) => a * b, 1);
    const bytes = Buffer.from(text, 'base64');
    if (bytes.length !== size * 8 || bytes.toString('base64') !== text) {
      this.fail(`${field}.float64`, `is not the base64 of ${size} float64 values (${size * 8} bytes) for shape ${formatShape(shape)}`);
    }
    const data = new Float64Array(size);
    for (let i = 0; i < size; i++) {
      data[i] = bytes.readDoubleLE(i * 8);
      if (!Number.isFinite(data[i])) this.fail(field, `holds ${data[i]} at flat index ${i}, expected finite numbers`);
    }
    return new Tensor(data, [...shape]);
  }

  /**
   * Runs a check of the library (an optimizer's `setState`, a vocabulary's constructor) on `field`, turning its
   * ValueError / ShapeError into a CheckpointError that names the file and the field.
   */
  within<T>(field: string, check: () => T): T {
    try {
      return check();
    } catch (error) {
      if (error instanceof CheckpointError) throw error;
      if (error instanceof ValueError || error instanceof ShapeError) this.fail(field, `is not valid: ${error.message}`);
      throw error;
    }
  }
}

/** `a.b`, or `a["odd key"]` for keys that are not identifiers. */
export function join(field: string, key: string): string {
  const part = /^[A-Za-z_$][\w$]*$/.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`;
  return field === '' ? part.replace(/^\./, '') : `${field}${part}`;
}
