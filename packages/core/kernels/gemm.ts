/**
 * GEMM: C[M, P] = (C +) op(A)[M, K] · op(B)[K, P], for f64 (f64x2 lanes) and f32 (f32x4 lanes), after Goto & van de
 * Geijn, "Anatomy of high-performance matrix multiplication" (2008), as BLIS lays it out:
 *
 *   for jc in P by NC:            a block of columns of B and C
 *     for pc in K by KC:          a block of the inner dimension; B[pc.., jc..] packed into NR-wide panels (fits L2)
 *       for ic in M by MC:        A[ic.., pc..] packed into MR-high panels (fits L2)
 *         for jr, ir:             the micro-kernel: an MR × NR tile of C kept in registers (8 v128) while k runs
 *
 * Operands are read through (row stride, column stride) in elements, so a transposed operand, a strided time step
 * of an [N, T, H] tensor and a plain matrix all go through the same packing and nothing is transposed in memory.
 * Each element of C gets its K terms summed in increasing k within a KC block, the blocks added to C in turn.
 * The plain triple loop this must agree with is `matmulReference` in src/tensor/matmul.ts.
 *
 * Pointers are byte addresses in this module's memory; the caller (src/kernels/) owns the memory layout.
 */

/** Rows of the register tile. */
const MR: i32 = 4;
/** Inner-dimension block: one MR × KC panel of A and one KC × NR panel of B stay in L1. */
const KC: i32 = 256;
/** Row block of A packed at a time (MC × KC elements). */
const MC: i32 = 96;
/** Column block of B packed at a time (KC × NC elements). */
const NC: i32 = 512;

/** Bytes of scratch `gemm` needs: a packed block of A, an edge tile, then one packed column block of B. */
export function gemmScratchBytes(size: i32): i32 {
  return (MC * KC + 64 + KC * (NC + 8)) * size;
}

/** Lanes in a v128 of T. */
@inline function lanes<T>(): i32 {
  return 16 / sizeof<T>();
}

/** Columns of the register tile: two vectors. */
@inline function nr<T>(): i32 {
  return 2 * lanes<T>();
}

/** Elements of op(B) [K, P] packed by `packB`: every NR-wide panel zero-padded. */
export function packedBElements<T>(K: i32, P: i32): i32 {
  const NR = nr<T>();
  return K * ((P + NR - 1) / NR) * NR;
}

/**
 * Packs op(B) [K, P] (element (k, j) at b + (k·brs + j·bcs)·size) for `gemmPacked`: for each NC-wide column block,
 * for each KC-deep block, its NR-wide panels. Block (jc, pc) then starts at element jc·K + pc·(its padded width).
 * A recurrence packs its Wh once and multiplies by it at every step.
 */
export function packB<T>(K: i32, P: i32, b: usize, brs: i32, bcs: i32, dst: usize): void {
  const size = sizeof<T>();
  const NR = nr<T>();
  for (let jc = 0; jc < P; jc += NC) {
    const nc = min(NC, P - jc);
    const ncp = (nc + NR - 1) / NR * NR;
    for (let pc = 0; pc < K; pc += KC) {
      const kc = min(KC, K - pc);
      packPanels<T>(b + <usize>(pc * brs + jc * bcs) * size, bcs, brs, nc, kc, NR, dst + <usize>(jc * K + pc * ncp) * size);
    }
  }
}

/**
 * C (M × P, row stride ldc) = beta·C + op(A)·op(B), beta 0 or 1 (accumulate). A element (i, k) is at
 * a + (i·ars + k·acs)·size, B element (k, j) at b + (k·brs + j·bcs)·size. scratch: gemmScratchBytes(size) bytes.
 */
export function gemm<T>(
  M: i32, P: i32, K: i32,
  a: usize, ars: i32, acs: i32,
  b: usize, brs: i32, bcs: i32,
  c: usize, ldc: i32, accumulate: bool, scratch: usize,
): void {
  if (K == 0 || P == 0) {
    gemmPacked<T>(M, P, 0, a, ars, acs, scratch, c, ldc, accumulate, scratch);
    return;
  }
  // pack one KC × NC block of B at a time into the scratch, then multiply by it
  const size = sizeof<T>();
  const packed = scratch + <usize>(MC * KC + MR * nr<T>()) * size;
  for (let jc = 0; jc < P; jc += NC) {
    const nc = min(NC, P - jc);
    for (let pc = 0; pc < K; pc += KC) {
      const kc = min(KC, K - pc);
      packB<T>(kc, nc, b + <usize>(pc * brs + jc * bcs) * size, brs, bcs, packed);
      const aBlock = a + <usize>(pc * acs) * size;
      gemmPacked<T>(M, nc, kc, aBlock, ars, acs, packed, c + <usize>jc * size, ldc, accumulate || pc > 0, scratch);
    }
  }
}

/**
 * As `gemm`, with op(B) [K, P] already packed by `packB` at `packed`. scratch: room for an MC × KC block of A and an
 * MR × NR tile (the first part of gemmScratchBytes).
 */
export function gemmPacked<T>(
  M: i32, P: i32, K: i32,
  a: usize, ars: i32, acs: i32,
  packed: usize,
  c: usize, ldc: i32, accumulate: bool, scratch: usize,
): void {
  const size = sizeof<T>();
  if (!accumulate) {
    for (let i = 0; i < M; i++) memory.fill(c + <usize>(i * ldc) * size, 0, <usize>P * size);
  }
  if (K == 0) return;
  const packA = scratch;
  const tile = packA + <usize>(MC * KC) * size; // MR × NR results of an edge tile
  const NR = nr<T>();
  for (let jc = 0; jc < P; jc += NC) {
    const nc = min(NC, P - jc);
    const ncp = (nc + NR - 1) / NR * NR;
    for (let pc = 0; pc < K; pc += KC) {
      const kc = min(KC, K - pc);
      const packB = packed + <usize>(jc * K + pc * ncp) * size;
      for (let ic = 0; ic < M; ic += MC) {
        const mc = min(MC, M - ic);
        packPanels<T>(a + <usize>(ic * ars + pc * acs) * size, ars, acs, mc, kc, MR, packA);
        for (let jr = 0; jr < nc; jr += NR) {
          const pb = packB + <usize>(jr * kc) * size;
          const nCols = min(NR, nc - jr);
          for (let ir = 0; ir < mc; ir += MR) {
            const pa = packA + <usize>(ir * kc) * size;
            const mRows = min(MR, mc - ir);
            const cij = c + <usize>((ic + ir) * ldc + jc + jr) * size;
            if (mRows == MR && nCols == NR) {
              microKernel<T>(kc, pa, pb, cij, ldc);
            } else {
              memory.fill(tile, 0, <usize>(MR * NR) * size);
              microKernel<T>(kc, pa, pb, tile, NR);
              for (let i = 0; i < mRows; i++) {
                for (let j = 0; j < nCols; j++) {
                  const dst = cij + <usize>(i * ldc + j) * size;
                  store<T>(dst, load<T>(dst) + load<T>(tile + <usize>(i * NR + j) * size));
                }
              }
            }
          }
        }
      }
    }
  }
}

/**
 * Packs `count` rows (row stride `rs`) × `depth` columns (column stride `cs`) into panels of `width` rows, each
 * panel stored depth-major (the `width` values of one column side by side), zero-padding the last panel.
 */
@inline function packPanels<T>(src: usize, rs: i32, cs: i32, count: i32, depth: i32, width: i32, dst: usize): void {
  const size = sizeof<T>();
  for (let p = 0; p < count; p += width) {
    const rows = min(width, count - p);
    for (let k = 0; k < depth; k++) {
      const from = src + <usize>(p * rs + k * cs) * size;
      let i = 0;
      if (rs == 1) {
        for (; i < rows; i++) store<T>(dst + <usize>i * size, load<T>(from + <usize>i * size));
      } else {
        for (; i < rows; i++) store<T>(dst + <usize>i * size, load<T>(from + <usize>(i * rs) * size));
      }
      for (; i < width; i++) store<T>(dst + <usize>i * size, <T>0);
      dst += <usize>width * size;
    }
  }
}

/** C[0:MR, 0:NR] (row stride ldc) += Apanel · Bpanel over kc: 4 rows × 2 vectors of accumulators. */
@inline function microKernel<T>(kc: i32, pa: usize, pb: usize, c: usize, ldc: i32): void {
  const size = sizeof<T>();
  let c00 = v128.splat<T>(0), c01 = v128.splat<T>(0);
  let c10 = v128.splat<T>(0), c11 = v128.splat<T>(0);
  let c20 = v128.splat<T>(0), c21 = v128.splat<T>(0);
  let c30 = v128.splat<T>(0), c31 = v128.splat<T>(0);
  for (let k = 0; k < kc; k++) {
    const b0 = v128.load(pb);
    const b1 = v128.load(pb, 16);
    let a = v128.load_splat<T>(pa);
    c00 = v128.add<T>(c00, v128.mul<T>(a, b0));
    c01 = v128.add<T>(c01, v128.mul<T>(a, b1));
    a = v128.load_splat<T>(pa, sizeof<T>());
    c10 = v128.add<T>(c10, v128.mul<T>(a, b0));
    c11 = v128.add<T>(c11, v128.mul<T>(a, b1));
    a = v128.load_splat<T>(pa, 2 * sizeof<T>());
    c20 = v128.add<T>(c20, v128.mul<T>(a, b0));
    c21 = v128.add<T>(c21, v128.mul<T>(a, b1));
    a = v128.load_splat<T>(pa, 3 * sizeof<T>());
    c30 = v128.add<T>(c30, v128.mul<T>(a, b0));
    c31 = v128.add<T>(c31, v128.mul<T>(a, b1));
    pa += <usize>MR * size;
    pb += 32;
  }
  const row = <usize>ldc * size;
  v128.store(c, v128.add<T>(v128.load(c), c00));
  v128.store(c, v128.add<T>(v128.load(c, 16), c01), 16);
  c += row;
  v128.store(c, v128.add<T>(v128.load(c), c10));
  v128.store(c, v128.add<T>(v128.load(c, 16), c11), 16);
  c += row;
  v128.store(c, v128.add<T>(v128.load(c), c20));
  v128.store(c, v128.add<T>(v128.load(c, 16), c21), 16);
  c += row;
  v128.store(c, v128.add<T>(v128.load(c), c30));
  v128.store(c, v128.add<T>(v128.load(c, 16), c31), 16);
}
