/**
 * C = (C +) op(A)·B skipping the zero entries of op(A): a one-hot input's x·Wx (one row of Wx per step) and its
 * weight gradient xᵀ·da (one row of da added per step) cost a gather or a scatter instead of a dense product. Each
 * element's terms are still added in increasing k. The readable twin is `matmulReference` (src/tensor/matmul.ts).
 */

/**
 * C (M × P, row stride ldc) = (C +) op(A)·B: A element (i, k) at a + (i·ars + k·acs)·size, B's rows contiguous
 * (element (k, j) at b + (k·brs + j)·size).
 */
export function gemmSparseA<T>(
  M: i32, P: i32, K: i32, a: usize, ars: i32, acs: i32, b: usize, brs: i32, c: usize, ldc: i32, accumulate: bool,
): void {
  const size = sizeof<T>();
  const L = 16 / size;
  for (let i = 0; i < M; i++) {
    const ci = c + <usize>(i * ldc) * size;
    if (!accumulate) memory.fill(ci, 0, <usize>P * size);
    for (let k = 0; k < K; k++) {
      const x = load<T>(a + <usize>(i * ars + k * acs) * size);
      if (x == 0) continue;
      const xv = v128.splat<T>(x);
      const bk = b + <usize>(k * brs) * size;
      let j = 0;
      for (; j + L <= P; j += L) {
        const p = <usize>j * size;
        v128.store(ci + p, v128.add<T>(v128.load(ci + p), v128.mul<T>(xv, v128.load(bk + p))));
      }
      for (; j < P; j++) {
        const p = <usize>j * size;
        store<T>(ci + p, load<T>(ci + p) + x * load<T>(bk + p));
      }
    }
  }
}
