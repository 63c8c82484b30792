import { describe, expect, it } from 'vitest';
import { expectError, scaledDiff } from '../../test-support';
import { ShapeError, ValueError } from '../errors';
import { matmul } from '../tensor/matmul';
import { Tensor, tensor, zeros } from '../tensor/tensor';
import fixtures from './fixtures/esn_fixtures.json';
import { cholesky, choleskySolve, ridgeReadout } from './ridge';

// Golden values: fixtures/make_esn_fixtures.py (run with /usr/bin/python3, numpy 1.24): numpy.linalg.cholesky,
// numpy.linalg.solve, numpy.linalg.lstsq, and the ridge readout also from centred data (an independent formula for an
// unpenalised bias).

describe('cholesky and choleskySolve match numpy', () => {
  const c = fixtures.cholesky;
  it('cholesky equals numpy.linalg.cholesky within 1e-13 and L·Lᵀ rebuilds A', () => {
    const L = cholesky(tensor(c.A));
    expect(scaledDiff(L, c.L)).toBeLessThan(1e-13);
    expect(scaledDiff(matmul(L, L, { transB: true }), c.A)).toBeLessThan(1e-13);
    for (let i = 0; i < 5; i++) for (let j = i + 1; j < 5; j++) expect(L.get(i, j)).toBe(0);
  });

  it('choleskySolve equals numpy.linalg.solve for a matrix and a vector right-hand side within 1e-12', () => {
    const L = cholesky(tensor(c.A));
    expect(scaledDiff(choleskySolve(L, tensor(c.B)), c.X)).toBeLessThan(1e-12);
    expect(scaledDiff(choleskySolve(L, tensor(c.b)), c.x)).toBeLessThan(1e-12);
  });

  it('does not modify its arguments', () => {
    const A = tensor(c.A);
    const B = tensor(c.B);
    const L = cholesky(A);
    const Lcopy = L.clone();
    choleskySolve(L, B);
    expect(A.toArray()).toEqual(c.A);
    expect(B.toArray()).toEqual(c.B);
    expect(L.toArray()).toEqual(Lcopy.toArray());
  });
});

describe('ridgeReadout matches numpy', () => {
  const { states, targets, cases } = fixtures.ridge;
  for (const c of cases) {
    it(`lambda ${c.lambda}: w and b equal numpy.linalg.solve of the augmented normal equations within 1e-10`, () => {
      const { w, b } = ridgeReadout(tensor(states), tensor(targets), c.lambda);
      expect(scaledDiff(w, c.w)).toBeLessThan(1e-10);
      expect(scaledDiff(b, c.b)).toBeLessThan(1e-10);
    });
    it(`lambda ${c.lambda}: the bias is not penalised (equals the centred-data solution within 1e-10)`, () => {
      const { w, b } = ridgeReadout(tensor(states), tensor(targets), c.lambda);
      expect(scaledDiff(w, c.wCentred)).toBeLessThan(1e-10);
      expect(scaledDiff(b, c.bCentred)).toBeLessThan(1e-10);
    });
  }

  it('lambda 0 is least squares: equals numpy.linalg.lstsq within 1e-10', () => {
    const c = cases.find((k) => k.lambda === 0)!;
    const { w, b } = ridgeReadout(tensor(states), tensor(targets), 0);
    expect(scaledDiff(w, c.wLstsq as number[][])).toBeLessThan(1e-10);
    expect(scaledDiff(b, c.bLstsq as number[])).toBeLessThan(1e-10);
  });

  it('a larger lambda shrinks w', () => {
    const norm = (t: Tensor) => Math.hypot(...t.data);
    const [w0, w1, w2] = [0, 1, 100].map((lambda) => norm(ridgeReadout(tensor(states), tensor(targets), lambda).w));
    expect(w1).toBeLessThan(w0);
    expect(w2).toBeLessThan(w1);
  });
});

describe('argument errors', () => {
  it('cholesky rejects a non-square, non-finite, non-symmetric or non-positive-definite matrix', () => {
    expectError(() => cholesky(zeros([2, 3])), ShapeError, 'cholesky: A has shape [2, 3], expected [n, n] = [2, 2] (n from A)');
    expectError(() => cholesky(tensor([[1, Infinity], [0, 1]])), ValueError,
      'cholesky: A has a non-finite value Infinity at flat index 1, expected finite numbers');
    expectError(() => cholesky(tensor([[2, 1], [0.5, 2]])), ValueError,
      'cholesky: A is not symmetric (A[1, 0] = 0.5, A[0, 1] = 1), expected a symmetric positive definite matrix');
    expectError(() => cholesky(tensor([[1, 2], [2, 1]])), ValueError,
      'cholesky: A is not positive definite (pivot 1 is -3, expected > 0)');
    expectError(() => cholesky(tensor([[0, 0], [0, 1]])), ValueError,
      'cholesky: A is not positive definite (pivot 0 is 0, expected > 0)');
  });

  it('choleskySolve rejects mismatched shapes and a factor without a positive diagonal', () => {
    const L = tensor([[2, 0], [1, 3]]);
    expectError(() => choleskySolve(zeros([2, 3]), zeros([2])), ShapeError,
      'choleskySolve: L has shape [2, 3], expected [n, n] = [2, 2] (n from L)');
    expectError(() => choleskySolve(L, zeros([3])), ShapeError, 'choleskySolve: B has shape [3], expected [2] (n from L)');
    expectError(() => choleskySolve(L, zeros([3, 4])), ShapeError, 'choleskySolve: B has shape [3, 4], expected [2, m] (n from L)');
    expectError(() => choleskySolve(L, zeros([2, 2, 2])), ShapeError,
      'choleskySolve: B has shape [2, 2, 2] (rank 3), expected rank 2');
    expectError(() => choleskySolve(tensor([[2, 0], [1, 0]]), zeros([2])), ValueError,
      'choleskySolve: L[1, 1] is 0, expected a positive diagonal (a Cholesky factor)');
  });

  it('ridgeReadout rejects mismatched shapes, a bad lambda, empty or non-finite data, and rank-deficient states at lambda 0', () => {
    expectError(() => ridgeReadout(zeros([4, 2]), zeros([3, 1]), 1), ShapeError,
      'ridgeReadout: targets has shape [3, 1], expected [M, V] = [4, *] (M from states)');
    expectError(() => ridgeReadout(zeros([4]), zeros([4, 1]), 1), ShapeError,
      'ridgeReadout: states has shape [4], expected [M, H] (rank 2)');
    for (const lambda of [-0.1, NaN, Infinity]) {
      expectError(() => ridgeReadout(zeros([4, 2]), zeros([4, 1]), lambda), ValueError,
        `ridgeReadout: lambda is ${lambda}, expected a finite number >= 0`);
    }
    expectError(() => ridgeReadout(zeros([0, 2]), zeros([0, 1]), 1), ValueError,
      'ridgeReadout: states has no rows (M = 0), expected at least one sample');
    expectError(() => ridgeReadout(tensor([[1, NaN]]), zeros([1, 1]), 1), ValueError,
      'ridgeReadout: states has a non-finite value NaN at flat index 1, expected finite numbers');
    expectError(() => ridgeReadout(zeros([4, 2]), zeros([4, 1]), 0), ValueError,
      'ridgeReadout: the normal equations [states, 1]ᵀ[states, 1] + lambda·I are not positive definite (lambda = 0, ' +
        'M = 4, H = 2): the states are rank-deficient, expected lambda > 0 or more varied states');
  });

  it('ridgeReadout with lambda > 0 handles rank-deficient states (constant columns)', () => {
    const { w, b } = ridgeReadout(zeros([4, 2]), tensor([[1], [2], [3], [4]]), 0.5);
    expect(w.toArray()).toEqual([[0], [0]]);
    expect(b.toArray()).toEqual([2.5]);
  });
});
