/**
 * A canonical JSON form of the values the student's functions take and return, for two uses: a stable key of a call
 * (function name + hash of its arguments) and the recorded outputs of known mistakes (signatures.json), compared
 * with a student's outputs within a tolerance. Tensors keep their shape; NaN and ±Infinity, which JSON lacks, become
 * tagged strings; object keys are sorted so equal values give equal text.
 */
import { createHash } from 'node:crypto';
import { RandomState, Tensor } from '@rnnlab/core';

/** A JSON value. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function number(v: number): Json {
  return Number.isFinite(v) ? v : { $number: String(v) };
}

/** The canonical JSON form of a value (as decoded on the checks' side). */
export function toJson(value: unknown, depth = 0): Json {
  if (depth > 64) return { $unsupported: 'nested too deeply' };
  const next = (v: unknown) => toJson(v, depth + 1);
  if (value === undefined) return { $undefined: true };
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return value;
  if (typeof value === 'number') return number(value);
  if (typeof value === 'bigint') return { $bigint: value.toString() };
  if (typeof value !== 'object') return { $unsupported: typeof value };
  if (value instanceof Tensor) return { $tensor: [...value.shape], data: Array.from(value.data, number) };
  if (value instanceof RandomState) return { $randomState: toJson(value.getState(), depth + 1) };
  if (ArrayBuffer.isView(value)) {
    const array = value as unknown as ArrayLike<number | bigint>;
    return { $typed: value.constructor.name, data: Array.from(array, (v) => (typeof v === 'bigint' ? v.toString() : number(v))) };
  }
  if (Array.isArray(value)) return value.map(next);
  if (value instanceof Map) return { $map: [...value].map(([k, v]) => [next(k), next(v)]) };
  if (value instanceof Set) return { $set: [...value].map(next) };
  if (value instanceof Error) return { $error: `${value.name}: ${value.message}` };
  const keys = Object.keys(value).sort();
  return Object.fromEntries(keys.map((k) => [k, next((value as Record<string, unknown>)[k])]));
}

/** A short stable hash of a value's canonical form. */
export function hashJson(value: Json): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('hex').slice(0, 16);
}

/**
 * Whether two canonical values agree: the same structure, equal strings and booleans, and numbers within
 * |a − b| ≤ tolerance·(1 + |b|) (tagged non-finite numbers must be identical).
 */
export function jsonClose(a: Json, b: Json, tolerance: number): boolean {
  if (typeof a === 'number' && typeof b === 'number') return Math.abs(a - b) <= tolerance * (1 + Math.abs(b));
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return a === b;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bs = b as Json[];
    return a.length === bs.length && a.every((v, i) => jsonClose(v, bs[i], tolerance));
  }
  const bo = b as Record<string, Json>;
  const keys = Object.keys(a);
  return keys.length === Object.keys(bo).length && keys.every((k) => k in bo && jsonClose(a[k], bo[k], tolerance));
}
