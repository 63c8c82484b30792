import fc from 'fast-check';
import * as math from 'mathjs';
import { describe, expect, it } from 'vitest';
import { ShapeError } from '../errors';
import { matmul, matmulReference } from './matmul';
import { Tensor, tensor, zeros } from './tensor';

/** A random [rows, cols] matrix as nested arrays, for the mathjs oracle. */
const matrix = (rows: number, cols: number) =>
  fc.array(fc.array(fc.double({ min: -10, max: 10, noNaN: true }), { minLength: cols, maxLength: cols }), {
    minLength: rows,
    maxLength: rows,
  });

const dims = fc.record({ M: fc.integer({ min: 1, max: 6 }), K: fc.integer({ min: 1, max: 6 }), P: fc.integer({ min: 1, max: 6 }) });

const closeTo = (actual: Tensor, expected: number[][]) => {
  const flat = expected.flat();
  expect(actual.shape).toEqual([expected.length, expected[0].length]);
  actual.data.forEach((v, i) => expect(v).toBeCloseTo(flat[i], 9));
};

describe('matmul agrees with mathjs on random shapes', () => {
  it('for all four transpose combinations', () => {
    fc.assert(
      fc.property(
        dims.chain(({ M, K, P }) => fc.tuple(matrix(M, K), matrix(K, P))),
        fc.boolean(),
        fc.boolean(),
        ([a, b], transA, transB) => {
          const A = transA ? (math.transpose(a) as number[][]) : a;
          const B = transB ? (math.transpose(b) as number[][]) : b;
          closeTo(matmul(tensor(A), tensor(B), { transA, transB }), math.multiply(a, b) as number[][]);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('accumulates into out when asked, and overwrites it otherwise', () => {
    const a = tensor([[1, 2], [3, 4]]);
    const out = tensor([[10, 10], [10, 10]]);
    matmul(a, a, { out, accumulate: true });
    expect(out.toArray()).toEqual([[17, 20], [25, 32]]);
    matmul(a, a, { out });
    expect(out.toArray()).toEqual([[7, 10], [15, 22]]);
  });

  it('names the inner-dimension mismatch', () => {
    expect(() => matmul(zeros([2, 4]), zeros([5, 3]))).toThrow(
      'matmul: b has shape [5, 3], expected [4, *] (inner dimension from a)',
    );
    expect(() => matmul(zeros([4, 2]), zeros([5, 3]), { transA: true })).toThrow('expected [4, *] (inner dimension from aᵀ)');
    expect(() => matmul(zeros([2, 4]), zeros([3, 5]), { transB: true })).toThrow('expected [*, 4]');
  });

  it('rejects wrong ranks, a wrong out shape and accumulate without out', () => {
    expect(() => matmul(zeros([2]), zeros([2, 2]))).toThrow('matmul: a has shape [2] (rank 1), expected rank 2');
    expect(() => matmul(zeros([2, 2]), zeros([2, 2]), { out: zeros([2, 3]) })).toThrow(
      'matmul: out has shape [2, 3], expected [2, 2] (shape of the result)',
    );
    expect(() => matmul(zeros([2, 2]), zeros([2, 2]), { accumulate: true })).toThrow(ShapeError);
  });
});

/** A seeded [rows, cols] matrix with entries in [−1, 1), mostly zero (one-hot rows) when `oneHot` is set. */
const seeded = (rows: number, cols: number, seed: number, oneHot = false): number[][] => {
  let s = seed;
  const next = () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648) * 2 - 1;
  return Array.from({ length: rows }, (_, r) =>
    Array.from({ length: cols }, (_, c) => (oneHot ? (c === (r * 7 + seed) % cols ? 1 : 0) : next())),
  );
};

/** Checks matmul(a, b, options) against mathjs to 1e-12 of the sum of |terms| of each element. */
const expectProductOf = (a: number[][], b: number[][], transA: boolean, transB: boolean, start?: number[][]) => {
  const A = transA ? (math.transpose(a) as number[][]) : a;
  const B = transB ? (math.transpose(b) as number[][]) : b;
  const exact = math.multiply(a, b) as number[][];
  const bound = math.multiply(math.abs(a), math.abs(b)) as number[][];
  const out = start === undefined ? undefined : tensor(start);
  const result = matmul(tensor(A), tensor(B), { transA, transB, out, accumulate: start !== undefined });
  const P = b[0].length;
  result.data.forEach((v, idx) => {
    const [i, j] = [Math.floor(idx / P), idx % P];
    const expected = exact[i][j] + (start === undefined ? 0 : start[i][j]);
    expect(Math.abs(v - expected)).toBeLessThanOrEqual(1e-12 * (bound[i][j] + 1));
  });
};

describe("matmul's WebAssembly GEMM and zero-skipping kernel", () => {
  const flags = [[false, false], [false, true], [true, false], [true, true]] as const;
  // 4 × 4 (f64) tiles with edge tiles left over; K above the 256-term block; M above the 96-row block, P above 512.
  const shapes = [
    [1, 1, 1], [1, 9, 1], [9, 1, 1], [1, 1, 9], [3, 7, 5], [4, 4, 4], [5, 3, 6], [6, 2, 7], [7, 5, 9], [8, 8, 8],
    [13, 11, 10], [2, 300, 3], [5, 600, 6], [9, 257, 4], [97, 3, 5], [3, 2, 517],
  ];

  it.each(flags)('agree with mathjs on shapes that are not multiples of the tile (transA %s, transB %s)', (transA, transB) => {
    for (const [M, K, P] of shapes) expectProductOf(seeded(M, K, M + K), seeded(K, P, K + P), transA, transB);
  });

  it.each(flags)('skip zeros of a one-hot a and still agree with mathjs (transA %s, transB %s)', (transA, transB) => {
    for (const [M, K, P] of [[7, 5, 6], [12, 9, 9], [300, 4, 5], [5, 300, 3]]) {
      expectProductOf(seeded(M, K, 3, true), seeded(K, P, 4), transA, transB);
      expectProductOf(seeded(M, K, 5, true), seeded(K, P, 6), transA, transB, seeded(M, P, 7));
    }
  });

  it('accumulate adds each chunk of a long inner dimension onto out', () => {
    for (const [transA, transB] of flags) expectProductOf(seeded(6, 700, 1), seeded(700, 7, 2), transA, transB, seeded(6, 7, 3));
  });

  it('computes every row the same way wherever it falls in the tiling', () => {
    const a = tensor(seeded(11, 300, 8));
    const b = tensor(seeded(300, 6, 9));
    const whole = matmul(a, b);
    for (let i = 0; i < 11; i++) {
      const row = matmul(new Tensor(a.data.slice(i * 300, (i + 1) * 300), [1, 300]), b);
      expect(Array.from(row.data)).toEqual(Array.from(whole.data.slice(i * 6, (i + 1) * 6)));
    }
  });

  it('handles empty dimensions: K = 0 gives zeros (or leaves out as it was), M = 0 or P = 0 an empty result', () => {
    expect(matmul(zeros([2, 0]), zeros([0, 3])).toArray()).toEqual([[0, 0, 0], [0, 0, 0]]);
    const out = tensor([[1, 2], [3, 4]]);
    matmul(zeros([0, 2]), zeros([0, 2]), { transA: true, out, accumulate: true });
    expect(out.toArray()).toEqual([[1, 2], [3, 4]]);
    expect(matmul(zeros([0, 4]), zeros([4, 5])).shape).toEqual([0, 5]);
    expect(matmul(zeros([3, 4]), zeros([0, 4]), { transB: true }).shape).toEqual([3, 0]);
  });
});

describe('matmul against its readable twin, matmulReference (the triple loop)', () => {
  const flags = [[false, false], [false, true], [true, false], [true, true]] as const;
  /** Largest |difference| relative to Σ_k |a_ik·b_kj| (the scale of each element's rounding errors). */
  const relativeDifference = (M: number, K: number, P: number, transA: boolean, transB: boolean, precision: 'float64' | 'float32') => {
    const a = tensor(seeded(transA ? K : M, transA ? M : K, M * 31 + K));
    const b = tensor(seeded(transB ? P : K, transB ? K : P, K * 17 + P));
    const fast = matmul(a, b, { transA, transB, precision });
    const slow = matmulReference(a, b, { transA, transB });
    const abs = (t: Tensor) => new Tensor(t.data.map(Math.abs), t.shape);
    const bound = matmulReference(abs(a), abs(b), { transA, transB });
    let worst = 0;
    fast.data.forEach((v, i) => (worst = Math.max(worst, Math.abs(v - slow.data[i]) / bound.data[i])));
    return worst;
  };
  it.each(flags)('float64 agrees to 1e-12 of the terms on LSTM-sized shapes (transA %s, transB %s)', (transA, transB) => {
    for (const [M, K, P] of [[50, 128, 512], [130, 300, 70], [7, 1030, 9]]) {
      expect(relativeDifference(M, K, P, transA, transB, 'float64')).toBeLessThan(1e-12);
    }
  });
  it.each(flags)('float32 agrees to float32 rounding (3e-6 of the terms) (transA %s, transB %s)', (transA, transB) => {
    for (const [M, K, P] of [[50, 128, 512], [13, 300, 21]]) {
      expect(relativeDifference(M, K, P, transA, transB, 'float32')).toBeLessThan(3e-6);
    }
  });
  it('matmulReference rejects what matmul rejects, naming itself', () => {
    expect(() => matmulReference(zeros([2, 4]), zeros([5, 3]))).toThrow(
      'matmulReference: b has shape [5, 3], expected [4, *] (inner dimension from a)',
    );
    expect(() => matmul(zeros([2, 2]), zeros([2, 2]), { precision: 'float16' as never })).toThrow(
      "matmul: options.precision is float16, expected 'float64' or 'float32'",
    );
  });
});
