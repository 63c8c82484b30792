/**
 * Gradient clipping, against the exploding gradients of recurrent nets.
 *
 *   elementwise (min-char-rnn.py: np.clip(dparam, -5, 5, out=dparam)):  g ← min(max(g, −limit), limit)
 *   by global norm (Pascanu et al. 2013):  ‖g‖ = sqrt(Σ_k Σ_i g_k[i]²) over all gradients k together;
 *                                           if ‖g‖ > maxNorm, every g_k ← g_k · maxNorm / ‖g‖
 *
 * Both work in place on a `ParamMap` of gradients of any shapes. Clip AFTER a gradient check, never inside the loss
 * that a check differentiates (see ../gradcheck/sparse.ts).
 */
import { ValueError } from '../errors';
import type { ParamMap } from '../modules/module';
import { checkParamMap } from './optimizer';

function checkLimit(fn: string, arg: string, value: unknown): asserts value is number {
  if (typeof value !== 'number' || !Number.isFinite(value) || !(value > 0)) {
    throw new ValueError(`${fn}: ${arg} is ${String(value)}, expected a finite number > 0`);
  }
}

/**
 * Clips every gradient element to [−limit, limit] in place, as np.clip (NaN stays NaN). Returns how many elements
 * were changed. grads: any shapes; limit finite > 0 (min-char-rnn's 5 by default).
 */
export function clipGradsElementwise(grads: ParamMap, limit = 5): number {
  checkParamMap('clipGradsElementwise', 'grads', grads);
  checkLimit('clipGradsElementwise', 'limit', limit);
  let clipped = 0;
  for (const g of Object.values(grads)) {
    const d = g.data;
    for (let i = 0; i < d.length; i++) {
      if (d[i] > limit) {
        d[i] = limit;
        clipped++;
      } else if (d[i] < -limit) {
        d[i] = -limit;
        clipped++;
      }
    }
  }
  return clipped;
}

/** The L2 norm of all gradients taken together, sqrt(Σ_k Σ_i g_k[i]²). grads: any shapes; {} gives 0. */
export function globalGradNorm(grads: ParamMap): number {
  checkParamMap('globalGradNorm', 'grads', grads);
  return sumOfSquaresNorm(grads);
}

function sumOfSquaresNorm(grads: ParamMap): number {
  let total = 0;
  for (const g of Object.values(grads)) {
    const d = g.data;
    let s = 0;
    for (let i = 0; i < d.length; i++) s += d[i] * d[i];
    total += s;
  }
  return Math.sqrt(total);
}

/** What `clipGradsByGlobalNorm` did: the global norm before clipping, and whether the gradients were scaled. */
export interface GlobalNormClip {
  norm: number;
  scaled: boolean;
}

/**
 * Scales all gradients in place by maxNorm / ‖g‖ when their global L2 norm ‖g‖ exceeds maxNorm (finite > 0), so the
 * direction is kept and the norm becomes maxNorm. A non-finite norm (NaN or overflowing gradients) is a ValueError:
 * there is no direction left to keep.
 */
export function clipGradsByGlobalNorm(grads: ParamMap, maxNorm: number): GlobalNormClip {
  const fn = 'clipGradsByGlobalNorm';
  checkParamMap(fn, 'grads', grads);
  checkLimit(fn, 'maxNorm', maxNorm);
  const norm = sumOfSquaresNorm(grads);
  if (!Number.isFinite(norm)) {
    const bad = Object.entries(grads).find(([, g]) => g.data.some((v) => !Number.isFinite(v)));
    const why = bad === undefined ? 'the sum of squares overflows' : `grads.${bad[0]} has non-finite values`;
    throw new ValueError(`${fn}: the global gradient norm is ${norm} (${why}), expected a finite norm`);
  }
  if (!(norm > maxNorm)) return { norm, scaled: false };
  const factor = maxNorm / norm;
  for (const g of Object.values(grads)) {
    const d = g.data;
    for (let i = 0; i < d.length; i++) d[i] *= factor;
  }
  return { norm, scaled: true };
}
