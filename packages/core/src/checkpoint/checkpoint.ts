/**
 * Checkpoints: one JSON file that holds everything needed to sample from a model or resume its training exactly —
 * model kind and config, vocabulary, parameters, optimizer state, generator state, data position. Tensors are stored
 * as base64 of their little-endian float64 bytes, so values round-trip bit for bit at ~11 bytes per number.
 * Files are written to a temporary name and renamed, so a crash never leaves a half-written checkpoint.
 */
import { existsSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { ShapeError, ValueError, formatShape } from '../errors';
import type { ParamMap } from '../modules/module';
import { Tensor, checkShape, shapeSize } from '../tensor/tensor';

export const CHECKPOINT_FORMAT = 'rnnlab-checkpoint';
export const CHECKPOINT_VERSION = 1;

/** A tensor as stored in a checkpoint. */
export interface EncodedTensor {
  shape: number[];
  /** base64 of the float64 values, little-endian, row-major. */
  float64: string;
}

/** The envelope every checkpoint shares; `kind` says which model wrote it and how to read `body`. */
export interface Checkpoint<Body = unknown> {
  format: typeof CHECKPOINT_FORMAT;
  version: number;
  kind: string;
  /** Training iterations completed when it was written. */
  iteration: number;
  createdAt: string;
  body: Body;
}

/** Encodes a tensor for a checkpoint. */
export function encodeTensor(t: Tensor): EncodedTensor {
  const bytes = new Uint8Array(t.size * 8);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < t.size; i++) view.setFloat64(i * 8, t.data[i], true);
  return { shape: [...t.shape], float64: Buffer.from(bytes).toString('base64') };
}

/** Decodes a stored tensor; `where` names it in errors (e.g. `params.cell0.Wx`). */
export function decodeTensor(encoded: unknown, where: string): Tensor {
  const e = encoded as Partial<EncodedTensor> | null;
  if (e === null || typeof e !== 'object' || !Array.isArray(e.shape) || typeof e.float64 !== 'string') {
    throw new ValueError(`decodeTensor: ${where} is not a stored tensor, expected { shape: number[], float64: base64 }`);
  }
  checkShape('decodeTensor', `${where}.shape`, e.shape);
  const bytes = Buffer.from(e.float64, 'base64');
  const size = shapeSize(e.shape);
  if (bytes.length !== size * 8) {
    throw new ShapeError(
      `decodeTensor: ${where} holds ${bytes.length} bytes, expected ${size * 8} (8 per value of shape ${formatShape(e.shape)})`,
    );
  }
  const data = new Float64Array(size);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let i = 0; i < size; i++) data[i] = view.getFloat64(i * 8, true);
  return new Tensor(data, e.shape);
}

/** Encodes every tensor of a parameter map. */
export function encodeParams(params: ParamMap): Record<string, EncodedTensor> {
  return Object.fromEntries(Object.entries(params).map(([name, t]) => [name, encodeTensor(t)]));
}

/**
 * Copies stored parameters into `target` (the freshly built model's params), checking that the names and shapes
 * are exactly the model's.
 */
export function restoreParams(stored: unknown, target: ParamMap, where = 'params'): void {
  if (stored === null || typeof stored !== 'object') throw new ValueError(`restoreParams: ${where} is missing`);
  const record = stored as Record<string, unknown>;
  const expected = Object.keys(target).sort();
  const got = Object.keys(record).sort();
  if (expected.join(',') !== got.join(',')) {
    throw new ValueError(`restoreParams: ${where} has [${got.join(', ')}], expected [${expected.join(', ')}] (from the model config)`);
  }
  for (const name of expected) {
    const t = decodeTensor(record[name], `${where}.${name}`);
    const want = target[name];
    if (t.shape.join(',') !== want.shape.join(',')) {
      throw new ShapeError(
        `restoreParams: ${where}.${name} has shape ${formatShape(t.shape)}, expected ${formatShape(want.shape)} (from the model config)`,
      );
    }
    want.data.set(t.data);
  }
}

/** Writes a checkpoint atomically (temporary file + rename). */
export function saveCheckpoint<Body>(path: string, kind: string, iteration: number, body: Body): Checkpoint<Body> {
  const checkpoint: Checkpoint<Body> = {
    format: CHECKPOINT_FORMAT,
    version: CHECKPOINT_VERSION,
    kind,
    iteration,
    createdAt: new Date().toISOString(),
    body,
  };
  writeFileAtomic(path, JSON.stringify(checkpoint));
  return checkpoint;
}

/** Writes a file by way of a temporary sibling and a rename, so readers never see it half-written. */
export function writeFileAtomic(path: string, contents: string): void {
  const tmp = `${path}.tmp-${process.pid}`;
  try {
    writeFileSync(tmp, contents);
    renameSync(tmp, path);
  } catch (error) {
    if (existsSync(tmp)) unlinkSync(tmp);
    throw error;
  }
}

/** Reads and checks a checkpoint's envelope. Errors name the path and what is wrong with it. */
export function loadCheckpoint(path: string): Checkpoint {
  if (!existsSync(path)) throw new ValueError(`loadCheckpoint: ${path} does not exist, expected a checkpoint file`);
  if (statSync(path).isDirectory()) {
    throw new ValueError(`loadCheckpoint: ${path} is a directory, expected a checkpoint file (e.g. ${path}/checkpoint.json)`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new ValueError(`loadCheckpoint: ${path} is not valid JSON (${(error as Error).message}), expected an rnnlab checkpoint`);
  }
  const c = parsed as Partial<Checkpoint> | null;
  if (c === null || typeof c !== 'object' || c.format !== CHECKPOINT_FORMAT) {
    throw new ValueError(`loadCheckpoint: ${path} is not an rnnlab checkpoint (format field is not '${CHECKPOINT_FORMAT}')`);
  }
  if (c.version !== CHECKPOINT_VERSION) {
    throw new ValueError(`loadCheckpoint: ${path} has version ${String(c.version)}, expected ${CHECKPOINT_VERSION}`);
  }
  if (typeof c.kind !== 'string' || typeof c.iteration !== 'number' || c.body === undefined) {
    throw new ValueError(`loadCheckpoint: ${path} is missing kind, iteration or body`);
  }
  return c as Checkpoint;
}
