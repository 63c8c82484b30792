/**
 * The safetensors file format (huggingface/safetensors), which PyTorch users exchange weights in:
 *
 *     [8 bytes: N, little-endian u64] [N bytes: JSON header, space-padded] [the tensors' bytes, back to back]
 *
 * The header maps each tensor's name to { dtype, shape, data_offsets: [begin, end] } (offsets into the byte buffer
 * after the header), plus an optional "__metadata__" of string → string. Values are little-endian and row-major.
 * rnnlab writes F64 (float64, its own precision) and reads F64 or F32. The format is small enough to write and read
 * here, checking everything a damaged or foreign file could get wrong: sizes, offsets, overlaps, gaps, dtypes.
 */
import { readFileSync } from 'node:fs';
import { ValueError, formatShape } from '../errors';
import { Tensor } from '../tensor/tensor';

/** Tensors by name, with the file's string metadata. */
export interface SafetensorsContent {
  tensors: Record<string, Tensor>;
  metadata: Record<string, string>;
}

const DTYPE_BYTES = { F64: 8, F32: 4 } as const;
type Dtype = keyof typeof DTYPE_BYTES;

/** The bytes of a safetensors file holding `tensors` as F64, with `metadata`. */
export function encodeSafetensors(content: SafetensorsContent): Buffer {
  const header: Record<string, unknown> = { __metadata__: content.metadata };
  let offset = 0;
  for (const [name, t] of Object.entries(content.tensors)) {
    header[name] = { dtype: 'F64', shape: [...t.shape], data_offsets: [offset, offset + 8 * t.size] };
    offset += 8 * t.size;
  }
  let json = JSON.stringify(header);
  json += ' '.repeat((8 - (Buffer.byteLength(json) % 8)) % 8);
  const headerBytes = Buffer.from(json, 'utf8');
  const out = Buffer.alloc(8 + headerBytes.length + offset);
  out.writeBigUInt64LE(BigInt(headerBytes.length), 0);
  headerBytes.copy(out, 8);
  let at = 8 + headerBytes.length;
  for (const t of Object.values(content.tensors)) {
    for (let i = 0; i < t.size; i++, at += 8) out.writeDoubleLE(t.data[i], at);
  }
  return out;
}

/** Reads a safetensors file. Throws ValueError naming `file` and the part that is wrong. */
export function readSafetensors(file: string): SafetensorsContent {
  return decodeSafetensors(readFileSync(file), file);
}

/** Parses safetensors bytes; `file` names them in errors. */
export function decodeSafetensors(bytes: Buffer, file: string): SafetensorsContent {
  const fail = (what: string): never => {
    throw new ValueError(`${file}: ${what}`);
  };
  if (bytes.length < 8) fail(`is ${bytes.length} bytes long, too short for a safetensors file (8-byte header size first)`);
  const n = Number(bytes.readBigUInt64LE(0));
  if (n > bytes.length - 8) fail(`says its header has ${n} bytes, but the file has only ${bytes.length - 8} after the size: not a safetensors file, or cut short`);
  let header: Record<string, unknown>;
  try {
    header = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(8, 8 + n))) as Record<string, unknown>;
  } catch (error) {
    return fail(`has a header that is not UTF-8 JSON (${(error as Error).message}): not a safetensors file`);
  }
  if (header === null || typeof header !== 'object' || Array.isArray(header)) return fail('has a header that is not a JSON object');
  const data = bytes.subarray(8 + n);
  const metadata: Record<string, string> = {};
  const entries: { name: string; dtype: Dtype; shape: number[]; begin: number; end: number }[] = [];
  for (const [name, value] of Object.entries(header)) {
    if (name === '__metadata__') {
      for (const [k, v] of Object.entries((value ?? {}) as Record<string, unknown>)) {
        if (typeof v !== 'string') fail(`__metadata__.${k} is not a string (safetensors metadata maps strings to strings)`);
        metadata[k] = v as string;
      }
      continue;
    }
    const e = value as { dtype?: unknown; shape?: unknown; data_offsets?: unknown } | null;
    if (e === null || typeof e !== 'object') return fail(`tensor ${name} has no { dtype, shape, data_offsets } entry`);
    if (typeof e.dtype !== 'string' || !(e.dtype in DTYPE_BYTES)) fail(`tensor ${name} has dtype ${String(e.dtype)}; rnnlab reads F64 and F32 (convert others with tensor.double())`);
    const shape = e.shape as number[];
    if (!Array.isArray(shape) || !shape.every((d) => Number.isSafeInteger(d) && d >= 0)) fail(`tensor ${name} has shape ${JSON.stringify(e.shape)}, expected a list of sizes`);
    const offsets = e.data_offsets as number[];
    if (!Array.isArray(offsets) || offsets.length !== 2 || !offsets.every((o) => Number.isSafeInteger(o) && o >= 0) || offsets[0] > offsets[1]) {
      fail(`tensor ${name} has data_offsets ${JSON.stringify(e.data_offsets)}, expected [begin, end]`);
    }
    const dtype = e.dtype as Dtype;
    const size = shape.reduce((a, b) => a * b, 1);
    if (offsets[1] - offsets[0] !== size * DTYPE_BYTES[dtype]) {
      fail(`tensor ${name} spans ${offsets[1] - offsets[0]} bytes, expected ${size * DTYPE_BYTES[dtype]} (${dtype} of shape ${formatShape(shape)})`);
    }
    entries.push({ name, dtype, shape, begin: offsets[0], end: offsets[1] });
  }
  entries.sort((a, b) => a.begin - b.begin);
  let expected = 0;
  for (const e of entries) {
    if (e.begin !== expected) fail(`tensor ${e.name} starts at byte ${e.begin} of the data, expected ${expected} (tensors must be back to back)`);
    expected = e.end;
  }
  if (expected !== data.length) fail(`holds ${data.length} bytes of tensor data, expected ${expected} (from the header): cut short or padded`);
  const tensors: Record<string, Tensor> = {};
  for (const e of entries) {
    const size = (e.end - e.begin) / DTYPE_BYTES[e.dtype];
    const values = new Float64Array(size);
    for (let i = 0; i < size; i++) {
      values[i] = e.dtype === 'F64' ? data.readDoubleLE(e.begin + 8 * i) : data.readFloatLE(e.begin + 4 * i);
    }
    tensors[e.name] = new Tensor(values, e.shape);
  }
  return { tensors, metadata };
}
