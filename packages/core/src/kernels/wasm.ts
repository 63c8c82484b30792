/**
 * The WebAssembly kernels (../../kernels/, AssemblyScript, built at install time by scripts/build-kernels.mjs),
 * instantiated once per thread on first use, with typed access to their exports. Pointers are byte addresses in the
 * module's memory; ./workspace.ts hands them out. Every kernel exists for float64 and float32 (`kernelSet`).
 */
import { KERNELS_WASM_BASE64 } from './wasm-binary.generated';

/** The arithmetic the kernels compute in: float64 (the default; results as the readable code's to ~1e-15) or float32. */
export type Precision = 'float64' | 'float32';

/** The precisions, in the order messages list them. */
export const PRECISIONS: readonly Precision[] = ['float64', 'float32'];

type Ptr = number;

/** One precision's kernels (see kernels/gemm.ts and kernels/cells.ts for what each computes). */
export interface KernelSet {
  gemm(M: number, P: number, K: number, a: Ptr, ars: number, acs: number, b: Ptr, brs: number, bcs: number,
    c: Ptr, ldc: number, accumulate: number, scratch: Ptr): void;
  /** Elements `packB` writes for op(B) [K, P]. */
  packedBElements(K: number, P: number): number;
  /** Packs op(B) [K, P] (element (k, j) at b + (k·brs + j·bcs)·size) for `gemmPacked`. */
  packB(K: number, P: number, b: Ptr, brs: number, bcs: number, dst: Ptr): void;
  /** As gemm with op(B) packed by `packB`. */
  gemmPacked(M: number, P: number, K: number, a: Ptr, ars: number, acs: number, packed: Ptr, c: Ptr, ldc: number,
    accumulate: number, scratch: Ptr): void;
  /** C = (C +) op(A)·B skipping op(A)'s zeros; B's rows contiguous. */
  gemmSparseA(M: number, P: number, K: number, a: Ptr, ars: number, acs: number, b: Ptr, brs: number, c: Ptr,
    ldc: number, accumulate: number): void;
  lstmForwardStep(N: number, H: number, a: Ptr, lda: number, b: Ptr, prevC: Ptr, ldp: number, c: Ptr, ldc: number,
    tanhC: Ptr, ldt: number, h: Ptr, ldh: number): void;
  lstmBackwardStep(N: number, H: number, gates: Ptr, ldg: number, prevC: Ptr, ldp: number, tanhC: Ptr, ldt: number,
    dh: Ptr, ldh: number, dhNext: Ptr, dcNext: Ptr, da: Ptr, ldd: number): void;
  rnnForwardStep(N: number, H: number, a: Ptr, lda: number, b: Ptr, h: Ptr, ldh: number, activation: number): void;
  rnnBackwardStep(N: number, H: number, h: Ptr, ldh: number, dh: Ptr, ldd: number, dNext: Ptr, da: Ptr, lda: number,
    activation: number): void;
  esnForwardStep(N: number, H: number, a: Ptr, lda: number, b: Ptr, prev: Ptr, ldp: number, h: Ptr, ldh: number,
    leak: number): void;
  esnBackwardStep(N: number, H: number, htilde: Ptr, ldt: number, dh: Ptr, ldd: number, dNext: Ptr, da: Ptr,
    lda: number, leak: number): void;
  gruForwardStep(N: number, H: number, ax: Ptr, ldx: number, ah: Ptr, bh: Ptr, prev: Ptr, ldp: number, gates: Ptr,
    ldg: number, hn: Ptr, ldn: number, h: Ptr, ldh: number): void;
  gruBackwardStep(N: number, H: number, gates: Ptr, ldg: number, hn: Ptr, ldn: number, prev: Ptr, ldp: number,
    dh: Ptr, ldd: number, dNext: Ptr, dax: Ptr, ldx: number, dah: Ptr, lda: number): void;
  /** In place over n elements: fn 0 exp, 1 sigmoid, 2 tanh. */
  map(p: Ptr, n: number, fn: number): void;
}

const KERNEL_NAMES = [
  'gemm', 'packedBElements', 'packB', 'gemmPacked', 'gemmSparseA', 'lstmForwardStep', 'lstmBackwardStep', 'rnnForwardStep', 'rnnBackwardStep', 'esnForwardStep',
  'esnBackwardStep', 'gruForwardStep', 'gruBackwardStep', 'map',
] as const;

/** The part of a WebAssembly.Memory the workspace uses (typed here: the ES2022 lib has no WebAssembly types). */
export interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}

/** The WebAssembly API this file uses. */
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: Record<string, unknown> };
}

/** The instantiated module: its memory and both precisions' kernels. */
export interface Kernels {
  readonly memory: WasmMemory;
  /** Bytes of scratch one gemm call needs, for element size 8 or 4. */
  gemmScratchBytes(size: number): number;
  readonly float64: KernelSet;
  readonly float32: KernelSet;
}

/** min-char-rnn's kernels (kernels/min-char.ts), float64 only. */
export interface MinCharExports {
  readonly memory: WasmMemory;
  minCharLossFun(H: number, V: number, T: number, xs: Ptr, ys: Ptr, Wxh: Ptr, Whh: Ptr, Why: Ptr, bh: Ptr, by: Ptr,
    WhhT: Ptr, WhyT: Ptr, hs: Ptr, ps: Ptr, dWxh: Ptr, dWhh: Ptr, dWhy: Ptr, dbh: Ptr, dby: Ptr, s: Ptr, dys: Ptr,
    dhs: Ptr, dhraws: Ptr, dhnext: Ptr, exact: number, expTh: Ptr, tanhTable: Ptr): number;
  minCharSampleStep(H: number, V: number, x: number, Wxh: Ptr, WhhT: Ptr, bh: Ptr, WhyT: Ptr, by: Ptr, hIn: Ptr,
    hOut: Ptr, p: Ptr, s: Ptr, exact: number, expTh: Ptr, tanhTable: Ptr): number;
  minCharAdagrad(n: number, param: Ptr, grad: Ptr, mem: Ptr, lr: number, clip: number): void;
  transposeInto(rows: number, cols: number, src: Ptr, dst: Ptr): void;
  /** How many of the n doubles at p are NaN or ±∞. */
  countNonFinite(p: Ptr, n: number): number;
}

/**
 * A new instance of the kernels with a memory of its own, for an object that keeps its tensors in WebAssembly memory
 * (MinCharRnn): that memory is grown once, up front, so views into it stay valid (the shared workspace's memory
 * grows, which would detach them).
 */
export function privateKernels(): MinCharExports {
  const exports = instantiateExports();
  return exports as unknown as MinCharExports;
}

let instance: Kernels | null = null;

/** The kernels of this thread, instantiated on first call. */
export function kernels(): Kernels {
  if (instance === null) instance = instantiate();
  return instance;
}

/** The kernel set computing in `precision`. */
export function kernelSet(precision: Precision): KernelSet {
  return precision === 'float32' ? kernels().float32 : kernels().float64;
}

let compiled: object | null = null;

function instantiateExports(): Record<string, unknown> {
  const wasm = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;
  if (compiled === null) compiled = new wasm.Module(decodeBase64(KERNELS_WASM_BASE64));
  const imports = {
    env: {
      abort(): never {
        throw new Error('rnnlab kernels: a WebAssembly kernel aborted (this is a bug in rnnlab)');
      },
    },
  };
  return new wasm.Instance(compiled, imports).exports;
}

function instantiate(): Kernels {
  const exports = instantiateExports();
  const set = (suffix: string) =>
    Object.fromEntries(KERNEL_NAMES.map((name) => [name, exports[name + suffix]])) as unknown as KernelSet;
  return {
    memory: exports.memory as WasmMemory,
    gemmScratchBytes: exports.gemmScratchBytes as (size: number) => number,
    float64: set('F64'),
    float32: set('F32'),
  };
}

function decodeBase64(text: string): Uint8Array {
  if (typeof Buffer !== 'undefined') return new Uint8Array(Buffer.from(text, 'base64'));
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
