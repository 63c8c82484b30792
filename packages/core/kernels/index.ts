/**
 * The module's exports: every kernel instantiated for f64 (suffix F64) and f32 (F32). Generated shape, hand-kept:
 * one wrapper per kernel and precision, since a WebAssembly export cannot be generic.
 */
import { gemm, gemmPacked, packB, packedBElements } from './gemm';
import { expV, sigmoidV, tanhV } from './math';
import {
  esnBackwardStep, esnForwardStep, gruBackwardStep, gruForwardStep, lstmBackwardStep, lstmForwardStep,
  rnnBackwardStep, rnnForwardStep,
} from './cells';
export { gemmScratchBytes } from './gemm';

export function gemmF64(M: i32, P: i32, K: i32, a: usize, ars: i32, acs: i32, b: usize, brs: i32, bcs: i32, c: usize, ldc: i32, accumulate: bool, scratch: usize): void {
  gemm<f64>(M, P, K, a, ars, acs, b, brs, bcs, c, ldc, accumulate, scratch);
}

export function packBF64(K: i32, P: i32, b: usize, brs: i32, bcs: i32, dst: usize): void {
  packB<f64>(K, P, b, brs, bcs, dst);
}
export function packBF32(K: i32, P: i32, b: usize, brs: i32, bcs: i32, dst: usize): void {
  packB<f32>(K, P, b, brs, bcs, dst);
}
export function packedBElementsF64(K: i32, P: i32): i32 {
  return packedBElements<f64>(K, P);
}
export function packedBElementsF32(K: i32, P: i32): i32 {
  return packedBElements<f32>(K, P);
}
export function gemmPackedF64(M: i32, P: i32, K: i32, a: usize, ars: i32, acs: i32, packed: usize, c: usize, ldc: i32, accumulate: bool, scratch: usize): void {
  gemmPacked<f64>(M, P, K, a, ars, acs, packed, c, ldc, accumulate, scratch);
}
export function gemmPackedF32(M: i32, P: i32, K: i32, a: usize, ars: i32, acs: i32, packed: usize, c: usize, ldc: i32, accumulate: bool, scratch: usize): void {
  gemmPacked<f32>(M, P, K, a, ars, acs, packed, c, ldc, accumulate, scratch);
}
export function gemmF32(M: i32, P: i32, K: i32, a: usize, ars: i32, acs: i32, b: usize, brs: i32, bcs: i32, c: usize, ldc: i32, accumulate: bool, scratch: usize): void {
  gemm<f32>(M, P, K, a, ars, acs, b, brs, bcs, c, ldc, accumulate, scratch);
}

export function lstmForwardStepF64(N: i32, H: i32, a: usize, lda: i32, b: usize, prevC: usize, ldp: i32, c: usize, ldc: i32, tanhC: usize, ldt: i32, h: usize, ldh: i32): void {
  lstmForwardStep<f64>(N, H, a, lda, b, prevC, ldp, c, ldc, tanhC, ldt, h, ldh);
}

export function lstmForwardStepF32(N: i32, H: i32, a: usize, lda: i32, b: usize, prevC: usize, ldp: i32, c: usize, ldc: i32, tanhC: usize, ldt: i32, h: usize, ldh: i32): void {
  lstmForwardStep<f32>(N, H, a, lda, b, prevC, ldp, c, ldc, tanhC, ldt, h, ldh);
}

export function lstmBackwardStepF64(N: i32, H: i32, gates: usize, ldg: i32, prevC: usize, ldp: i32, tanhC: usize, ldt: i32, dh: usize, ldh: i32, dhNext: usize, dcNext: usize, da: usize, ldd: i32): void {
  lstmBackwardStep<f64>(N, H, gates, ldg, prevC, ldp, tanhC, ldt, dh, ldh, dhNext, dcNext, da, ldd);
}

export function lstmBackwardStepF32(N: i32, H: i32, gates: usize, ldg: i32, prevC: usize, ldp: i32, tanhC: usize, ldt: i32, dh: usize, ldh: i32, dhNext: usize, dcNext: usize, da: usize, ldd: i32): void {
  lstmBackwardStep<f32>(N, H, gates, ldg, prevC, ldp, tanhC, ldt, dh, ldh, dhNext, dcNext, da, ldd);
}

export function rnnForwardStepF64(N: i32, H: i32, a: usize, lda: i32, b: usize, h: usize, ldh: i32, activation: i32): void {
  rnnForwardStep<f64>(N, H, a, lda, b, h, ldh, activation);
}

export function rnnForwardStepF32(N: i32, H: i32, a: usize, lda: i32, b: usize, h: usize, ldh: i32, activation: i32): void {
  rnnForwardStep<f32>(N, H, a, lda, b, h, ldh, activation);
}

export function rnnBackwardStepF64(N: i32, H: i32, h: usize, ldh: i32, dh: usize, ldd: i32, dNext: usize, da: usize, lda: i32, activation: i32): void {
  rnnBackwardStep<f64>(N, H, h, ldh, dh, ldd, dNext, da, lda, activation);
}

export function rnnBackwardStepF32(N: i32, H: i32, h: usize, ldh: i32, dh: usize, ldd: i32, dNext: usize, da: usize, lda: i32, activation: i32): void {
  rnnBackwardStep<f32>(N, H, h, ldh, dh, ldd, dNext, da, lda, activation);
}

export function esnForwardStepF64(N: i32, H: i32, a: usize, lda: i32, b: usize, prev: usize, ldp: i32, h: usize, ldh: i32, leak: f64): void {
  esnForwardStep<f64>(N, H, a, lda, b, prev, ldp, h, ldh, leak);
}

export function esnForwardStepF32(N: i32, H: i32, a: usize, lda: i32, b: usize, prev: usize, ldp: i32, h: usize, ldh: i32, leak: f64): void {
  esnForwardStep<f32>(N, H, a, lda, b, prev, ldp, h, ldh, leak);
}

export function esnBackwardStepF64(N: i32, H: i32, htilde: usize, ldt: i32, dh: usize, ldd: i32, dNext: usize, da: usize, lda: i32, leak: f64): void {
  esnBackwardStep<f64>(N, H, htilde, ldt, dh, ldd, dNext, da, lda, leak);
}

export function esnBackwardStepF32(N: i32, H: i32, htilde: usize, ldt: i32, dh: usize, ldd: i32, dNext: usize, da: usize, lda: i32, leak: f64): void {
  esnBackwardStep<f32>(N, H, htilde, ldt, dh, ldd, dNext, da, lda, leak);
}

export function gruForwardStepF64(N: i32, H: i32, ax: usize, ldx: i32, ah: usize, bh: usize, prev: usize, ldp: i32, gates: usize, ldg: i32, hn: usize, ldn: i32, h: usize, ldh: i32): void {
  gruForwardStep<f64>(N, H, ax, ldx, ah, bh, prev, ldp, gates, ldg, hn, ldn, h, ldh);
}

export function gruForwardStepF32(N: i32, H: i32, ax: usize, ldx: i32, ah: usize, bh: usize, prev: usize, ldp: i32, gates: usize, ldg: i32, hn: usize, ldn: i32, h: usize, ldh: i32): void {
  gruForwardStep<f32>(N, H, ax, ldx, ah, bh, prev, ldp, gates, ldg, hn, ldn, h, ldh);
}

export function gruBackwardStepF64(N: i32, H: i32, gates: usize, ldg: i32, hn: usize, ldn: i32, prev: usize, ldp: i32, dh: usize, ldd: i32, dNext: usize, dax: usize, ldx: i32, dah: usize, lda: i32): void {
  gruBackwardStep<f64>(N, H, gates, ldg, hn, ldn, prev, ldp, dh, ldd, dNext, dax, ldx, dah, lda);
}

export function gruBackwardStepF32(N: i32, H: i32, gates: usize, ldg: i32, hn: usize, ldn: i32, prev: usize, ldp: i32, dh: usize, ldd: i32, dNext: usize, dax: usize, ldx: i32, dah: usize, lda: i32): void {
  gruBackwardStep<f32>(N, H, gates, ldg, hn, ldn, prev, ldp, dh, ldd, dNext, dax, ldx, dah, lda);
}

/** In place over n elements at p: 0 exp, 1 sigmoid, 2 tanh (the vector functions the cells use, for tests). */
function mapInPlace<T>(p: usize, n: i32, fn: i32): void {
  const L = 16 / sizeof<T>();
  let i = 0;
  for (; i + L <= n; i += L) {
    const q = p + <usize>i * sizeof<T>();
    const x = v128.load(q);
    v128.store(q, fn == 0 ? expV<T>(x) : fn == 1 ? sigmoidV<T>(x) : tanhV<T>(x));
  }
  for (; i < n; i++) {
    const q = p + <usize>i * sizeof<T>();
    const x = v128.load_splat<T>(q);
    store<T>(q, v128.extract_lane<T>(fn == 0 ? expV<T>(x) : fn == 1 ? sigmoidV<T>(x) : tanhV<T>(x), 0));
  }
}
export function mapF64(p: usize, n: i32, fn: i32): void {
  mapInPlace<f64>(p, n, fn);
}
export function mapF32(p: usize, n: i32, fn: i32): void {
  mapInPlace<f32>(p, n, fn);
}
export { minCharLossFun, minCharSampleStep, minCharAdagrad, transposeInto, countNonFinite } from './min-char';
import { gemmSparseA } from './sparse';
export function gemmSparseAF64(M: i32, P: i32, K: i32, a: usize, ars: i32, acs: i32, b: usize, brs: i32, c: usize, ldc: i32, accumulate: bool): void {
  gemmSparseA<f64>(M, P, K, a, ars, acs, b, brs, c, ldc, accumulate);
}
export function gemmSparseAF32(M: i32, P: i32, K: i32, a: usize, ars: i32, acs: i32, b: usize, brs: i32, c: usize, ldc: i32, accumulate: bool): void {
  gemmSparseA<f32>(M, P, K, a, ars, acs, b, brs, c, ldc, accumulate);
}
