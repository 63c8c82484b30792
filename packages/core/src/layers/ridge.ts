/**
 * Ridge regression, the closed-form readout of an echo state network (Lukoševičius 2012, §4.1):
 *
 *     [w; b] = argmin ‖X·w + 1·b − Y‖² + λ‖w‖²   ⇔   (X̃ᵀX̃ + λ·diag(1, …, 1, 0))·[w; b] = X̃ᵀY,   X̃ = [X, 1]
 *
 * solved by a Cholesky factorisation A = L·Lᵀ and two triangular solves. The bias column is not regularised, so the
 * readout does not depend on the mean of the states or targets being near zero.
 *
 * Legend: M samples (collected states), H features (reservoir size), V outputs; n the size of a square system.
 */
import { ShapeError, ValueError, formatShape } from '../errors';
import { ShapeCheck, checkFinite, checkRank } from '../tensor/check';
import { Tensor, zeros } from '../tensor/tensor';

/** Largest |A − Aᵀ| entry `cholesky` accepts, relative to the largest |A| entry. */
const SYMMETRY_TOL = 1e-10;

/**
 * Cholesky factor of a symmetric positive definite A [n, n]: the lower-triangular L [n, n] with A = L·Lᵀ and a
 * positive diagonal. Throws ValueError when A is not symmetric (beyond 1e-10 of its largest entry) or not positive
 * definite (a pivot ≤ 0, with its index).
 */
export function cholesky(A: Tensor): Tensor {
  const fn = 'cholesky';
  new ShapeCheck(fn).check('A', A, ['n', 'n']);
  checkFinite(fn, 'A', A);
  const n = A.shape[0];
  const a = A.data;
  let largest = 0;
  for (let i = 0; i < a.length; i++) largest = Math.max(largest, Math.abs(a[i]));
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < i; j++) {
      if (Math.abs(a[i * n + j] - a[j * n + i]) > SYMMETRY_TOL * largest) {
        throw new ValueError(
          `${fn}: A is not symmetric (A[${i}, ${j}] = ${a[i * n + j]}, A[${j}, ${i}] = ${a[j * n + i]}), ` +
            'expected a symmetric positive definite matrix',
        );
      }
    }
  }
  const L = zeros([n, n]);
  const l = L.data;
  for (let j = 0; j < n; j++) {
    let pivot = a[j * n + j];
    for (let k = 0; k < j; k++) pivot -= l[j * n + k] * l[j * n + k];
    if (!(pivot > 0)) {
      throw new ValueError(`${fn}: A is not positive definite (pivot ${j} is ${pivot}, expected > 0)`);
    }
    const ljj = Math.sqrt(pivot);
    l[j * n + j] = ljj;
    for (let i = j + 1; i < n; i++) {
      let v = a[i * n + j];
      for (let k = 0; k < j; k++) v -= l[i * n + k] * l[j * n + k];
      l[i * n + j] = v / ljj;
    }
  }
  return L;
}

/**
 * Solves A·X = B given A's Cholesky factor L [n, n] (from `cholesky`): L·Y = B by forward substitution, then
 * Lᵀ·X = Y by back substitution. B is [n] or [n, m]; X has B's shape. Reads only L's lower triangle.
 */
export function choleskySolve(L: Tensor, B: Tensor): Tensor {
  const fn = 'choleskySolve';
  new ShapeCheck(fn).check('L', L, ['n', 'n']);
  const n = L.shape[0];
  checkRank(fn, 'B', B, B?.rank === 1 ? 1 : 2);
  if (B.shape[0] !== n) {
    const expected = B.rank === 1 ? `[${n}]` : `[${n}, m]`;
    throw new ShapeError(`${fn}: B has shape ${formatShape(B.shape)}, expected ${expected} (n from L)`);
  }
  const l = L.data;
  for (let i = 0; i < n; i++) {
    if (!(l[i * n + i] > 0 && Number.isFinite(l[i * n + i]))) {
      throw new ValueError(`${fn}: L[${i}, ${i}] is ${l[i * n + i]}, expected a positive diagonal (a Cholesky factor)`);
    }
  }
  const m = B.rank === 1 ? 1 : B.shape[1];
  const X = B.clone();
  const x = X.data;
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < i; k++) {
      const lik = l[i * n + k];
      for (let c = 0; c < m; c++) x[i * m + c] -= lik * x[k * m + c];
    }
    for (let c = 0; c < m; c++) x[i * m + c] /= l[i * n + i];
  }
  for (let i = n - 1; i >= 0; i--) {
    for (let k = i + 1; k < n; k++) {
      const lki = l[k * n + i];
      for (let c = 0; c < m; c++) x[i * m + c] -= lki * x[k * m + c];
    }
    for (let c = 0; c < m; c++) x[i * m + c] /= l[i * n + i];
  }
  return X;
}

/** A linear readout: y = states·w + b. */
export interface Readout {
  /** [H, V] */
  w: Tensor;
  /** [V] */
  b: Tensor;
}

/**
 * The ridge-regression readout from states [M, H] to targets [M, V] with penalty lambda ≥ 0 on w (not on b):
 * returns { w [H, V], b [V] }. With lambda = 0 it is least squares and needs [states, 1] of full column rank.
 */
export function ridgeReadout(states: Tensor, targets: Tensor, lambda: number): Readout {
  const fn = 'ridgeReadout';
  const s = new ShapeCheck(fn);
  s.check('states', states, ['M', 'H']);
  s.check('targets', targets, ['M', 'V']);
  checkFinite(fn, 'states', states);
  checkFinite(fn, 'targets', targets);
  if (typeof lambda !== 'number' || !(lambda >= 0 && Number.isFinite(lambda))) {
    throw new ValueError(`${fn}: lambda is ${String(lambda)}, expected a finite number >= 0`);
  }
  const [M, H] = states.shape;
  const V = targets.shape[1];
  if (M === 0) throw new ValueError(`${fn}: states has no rows (M = 0), expected at least one sample`);
  const n = H + 1; // the augmented system: H weights and the bias
  const A = zeros([n, n]);
  const rhs = zeros([n, V]);
  const a = A.data;
  const r = rhs.data;
  const X = states.data;
  const Y = targets.data;
  for (let row = 0; row < M; row++) {
    const x = row * H;
    const y = row * V;
    for (let i = 0; i < H; i++) {
      const xi = X[x + i];
      for (let j = 0; j <= i; j++) a[i * n + j] += xi * X[x + j];
      a[H * n + i] += xi; // bias row: Σ x
      for (let c = 0; c < V; c++) r[i * V + c] += xi * Y[y + c];
    }
    for (let c = 0; c < V; c++) r[H * V + c] += Y[y + c];
  }
  a[H * n + H] = M;
  for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) a[j * n + i] = a[i * n + j];
  for (let i = 0; i < H; i++) a[i * n + i] += lambda;
  let L: Tensor;
  try {
    L = cholesky(A);
  } catch (err) {
    if (!(err instanceof ValueError)) throw err;
    throw new ValueError(
      `${fn}: the normal equations [states, 1]ᵀ[states, 1] + lambda·I are not positive definite (lambda = ${lambda}, ` +
        `M = ${M}, H = ${H}): the states are rank-deficient, expected lambda > 0 or more varied states`,
    );
  }
  const solution = choleskySolve(L, rhs);
  return {
    w: new Tensor(solution.data.slice(0, H * V), [H, V]),
    b: new Tensor(solution.data.slice(H * V), [V]),
  };
}
