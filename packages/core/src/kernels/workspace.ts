/**
 * A bump allocator over the kernels' WebAssembly memory: a layer copies its operands in (converting to float32 when
 * asked), runs kernels on the pointers, copies results out and releases everything it took. The memory grows on
 * demand and is kept for the next call, so a training loop allocates nothing after its first iteration.
 *
 *   const ws = workspace();  const mark = ws.mark();
 *   try { const pW = ws.put(W.data, precision); …; ws.read(pOut, n, precision, out.data); } finally { ws.release(mark); }
 */
import { Precision, WasmMemory, kernels } from './wasm';

const ALIGN = 64;

/** Bytes per element. */
export function elementBytes(precision: Precision): number {
  return precision === 'float32' ? 4 : 8;
}

export class Workspace {
  private top: number;
  /** Scratch for one gemm call (packed panels), at a fixed address. */
  readonly gemmScratch: number;

  constructor(private readonly memory: WasmMemory, base: number, scratchBytes: number) {
    this.gemmScratch = align(base);
    this.top = align(this.gemmScratch + scratchBytes);
  }

  /** The current top, to `release` back to. */
  mark(): number {
    return this.top;
  }

  /** Frees everything allocated since `mark`. */
  release(mark: number): void {
    this.top = mark;
  }

  /** Room for `count` elements of `precision` (contents undefined); returns its byte address. */
  alloc(count: number, precision: Precision): number {
    const ptr = this.top;
    const end = align(ptr + count * elementBytes(precision));
    const have = this.memory.buffer.byteLength;
    if (end > have) this.memory.grow(Math.ceil((end - have) / 65536));
    this.top = end;
    return ptr;
  }

  /** `count` zeros. */
  zeros(count: number, precision: Precision): number {
    const ptr = this.alloc(count, precision);
    this.view(ptr, count, precision).fill(0);
    return ptr;
  }

  /** A copy of `values` (rounded to float32 when asked); returns its byte address. */
  put(values: Float64Array, precision: Precision): number {
    const ptr = this.alloc(values.length, precision);
    this.view(ptr, values.length, precision).set(values);
    return ptr;
  }

  /** Copies `count` elements at `ptr` into out[offset ..] (widening float32 to float64). */
  read(ptr: number, count: number, precision: Precision, out: Float64Array, offset = 0): void {
    out.set(this.view(ptr, count, precision), offset);
  }

  /** A typed view of `count` elements at `ptr` (valid until the next allocation, which may move the buffer). */
  view(ptr: number, count: number, precision: Precision): Float64Array | Float32Array {
    return precision === 'float32'
      ? new Float32Array(this.memory.buffer, ptr, count)
      : new Float64Array(this.memory.buffer, ptr, count);
  }
}

function align(n: number): number {
  return Math.ceil(n / ALIGN) * ALIGN;
}

let shared: Workspace | null = null;

/** This thread's workspace over the kernels' memory. */
export function workspace(): Workspace {
  if (shared === null) {
    const k = kernels();
    const base = k.memory.buffer.byteLength; // everything the module itself uses lies below its initial size
    shared = new Workspace(k.memory, base, k.gemmScratchBytes(8));
  }
  return shared;
}
