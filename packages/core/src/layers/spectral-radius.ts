/**
 * The spectral radius ρ(W) = max |λ| of a reservoir matrix, by power iteration — how `initEsnParams` scales an echo
 * state network's W to a chosen ρ (Jaeger; Lukoševičius, "A Practical Guide to Applying Echo State Networks").
 */
import { ValueError } from '../errors';
import { RandomState, checkRandomState } from '../random';
import { ShapeCheck, checkFinite, checkInteger, checkNumber, checkOptionsObject } from '../tensor/check';
import { Tensor } from '../tensor/tensor';

/** Options of `spectralRadius`. */
export interface SpectralRadiusOptions {
  /** At most this many products v·W, an integer ≥ 1. Default 20000. */
  iterations?: number;
  /** Stop when two successive estimates differ by at most tol · estimate, ≥ 0. Default 1e-6. */
  tol?: number;
  /** Draws the start vector (H uniform(−1, 1) draws). Default new RandomState(0). */
  rng?: RandomState;
}

/**
 * ρ(W) = max |λ| of a square W [H, H], by normalised power iteration, v ← v·W / ‖v·W‖, estimating ρ as the growth
 * rate g = ‖v·W‖ averaged in the log domain over the second half of the iterations with a Hann window:
 * ρ̂ = exp(Σ wⱼ log gⱼ / Σ wⱼ), wⱼ = sin²(π(j + ½)/n). Unlike the Rayleigh quotient this converges when the dominant
 * eigenvalue is a complex pair or ±ρ (‖v·W^k‖ then oscillates around ρ^k, and the tapered window cancels the
 * oscillation), the usual case for a random non-symmetric reservoir. Estimates are taken after 256, 512, 1024, …
 * iterations and at the last; it stops when two in a row agree within tol. Returns 0 for a nilpotent W.
 *
 * Accuracy with the defaults against numpy.linalg.eigvals, on 625 random sparse matrices drawn as `initEsnParams`
 * does (H 5–800, density 0.01–1): median relative error 2e-11, 99th percentile 5e-7, worst 2e-5 (the Python twin of
 * this method, with other start vectors, had a worst case of 2e-4). The error of any power method grows when several
 * eigenvalues share nearly the largest modulus, and a defective dominant eigenvalue converges only as 1/iterations.
 */
export function spectralRadius(W: Tensor, options: SpectralRadiusOptions = {}): number {
  const fn = 'spectralRadius';
  new ShapeCheck(fn).check('W', W, ['H', 'H']);
  checkFinite(fn, 'W', W);
  checkOptionsObject(fn, options, '{ iterations: 20000, tol: 1e-6 }');
  const { iterations = 20000, tol = 1e-6 } = options;
  checkInteger(fn, 'options.iterations', iterations, 1);
  checkNumber(fn, 'options.tol', tol, tol >= 0, 'a finite number >= 0');
  const rng = options.rng ?? new RandomState(0);
  checkRandomState(fn, rng);
  const H = W.shape[0];
  if (H === 0) throw new ValueError(`${fn}: W has shape [0, 0], expected at least [1, 1]`);
  const rowStart = new Int32Array(H + 1); // W's nonzeros by row: a product costs O(nonzeros)
  const cols: number[] = [];
  const vals: number[] = [];
  for (let i = 0; i < H; i++) {
    for (let j = 0; j < H; j++) {
      if (W.data[i * H + j] === 0) continue;
      cols.push(j);
      vals.push(W.data[i * H + j]);
    }
    rowStart[i + 1] = cols.length;
  }
  let v: Float64Array = rng.uniform(-1, 1, [H]).data;
  let next: Float64Array = new Float64Array(H);
  normalise(v);
  const logs = new Float64Array(iterations);
  let checkpoint = 256;
  let estimate = NaN;
  for (let k = 0; k < iterations; k++) {
    next.fill(0);
    for (let i = 0; i < H; i++) {
      const vi = v[i];
      if (vi === 0) continue;
      for (let p = rowStart[i]; p < rowStart[i + 1]; p++) next[cols[p]] += vi * vals[p];
    }
    const norm = normalise(next);
    if (norm === 0) return 0; // W^k v = 0 exactly: W is nilpotent
    logs[k] = Math.log(norm);
    [v, next] = [next, v];
    if (k + 1 === checkpoint || k + 1 === iterations) {
      const previous = estimate;
      estimate = hannMean(logs, (k + 1) >> 1, k + 1);
      if (Math.abs(estimate - previous) <= tol * estimate) break;
      checkpoint *= 2;
    }
  }
  return estimate;
}

/** Divides v by its Euclidean norm (unless 0) and returns the norm. */
function normalise(v: Float64Array): number {
  let s = 0;
  for (let j = 0; j < v.length; j++) s += v[j] * v[j];
  const norm = Math.sqrt(s);
  if (norm > 0) for (let j = 0; j < v.length; j++) v[j] /= norm;
  return norm;
}

/** exp of the Hann-weighted mean of logs[from, to). */
function hannMean(logs: Float64Array, from: number, to: number): number {
  const n = to - from;
  let total = 0;
  let weights = 0;
  for (let j = 0; j < n; j++) {
    const w = Math.sin((Math.PI * (j + 0.5)) / n) ** 2;
    total += w * logs[from + j];
    weights += w;
  }
  return Math.exp(total / weights);
}

