/**
 * Softmax cross-entropy over a sequence of vocabulary scores, as cs231n's temporal_softmax_loss: summed over the
 * time steps, averaged over the batch, with a 0/1 mask that drops steps (padding) from the loss and the gradient.
 *
 *   p[n, t, :] = softmax(x[n, t, :])                       (shifted by the row maximum, so large scores are safe)
 *   loss = −(1/N) Σ_{n,t} mask[n, t] · log p[n, t, y[n, t]]
 *   dx[n, t, :] = mask[n, t] · (p[n, t, :] − onehot(y[n, t])) / N
 *
 * log p is computed as x − max − log Σ exp(x − max), so it stays finite even where p underflows to 0.
 *
 * Legend: N batch, T time, V vocabulary size.
 */
import { ShapeError, ValueError, formatShape } from '../errors';
import { checkIds, formatIndex } from '../layers/one-hot';
import { ShapeCheck, checkFinite } from '../tensor/check';
import { Tensor, zeros } from '../tensor/tensor';

/**
 * x: [N, T, V] finite scores (N ≥ 1, V ≥ 1); y: [N, T] target ids in [0, V) (checked at every step, masked or not);
 * mask: [N, T] of 0s and 1s, all ones when omitted. Returns the loss (a number) and dx [N, T, V], its gradient.
 */
export function temporalSoftmaxLoss(x: Tensor, y: Tensor, mask?: Tensor): { loss: number; dx: Tensor } {
  const fn = 'temporalSoftmaxLoss';
  const s = new ShapeCheck(fn);
  s.check('x', x, ['N', 'T', 'V']);
  s.check('y', y, ['N', 'T']);
  if (mask !== undefined) s.check('mask', mask, ['N', 'T']);
  const [N, T, V] = x.shape;
  if (N === 0 || V === 0) {
    throw new ShapeError(`${fn}: x has shape ${formatShape(x.shape)}, expected N ≥ 1 and V ≥ 1 (the loss is averaged over N)`);
  }
  checkFinite(fn, 'x', x);
  checkIds(fn, 'y', y, V, 'from x');
  if (mask !== undefined) checkMask(fn, mask);

  const dx = zeros([N, T, V]);
  const X = x.data;
  const D = dx.data;
  let total = 0;
  for (let i = 0; i < N * T; i++) {
    const m = mask === undefined ? 1 : mask.data[i];
    if (m === 0) continue; // a masked step adds nothing to the loss and gets a zero gradient
    const row = i * V;
    let max = -Infinity;
    for (let v = 0; v < V; v++) if (X[row + v] > max) max = X[row + v];
    let z = 0;
    for (let v = 0; v < V; v++) {
      const e = Math.exp(X[row + v] - max);
      D[row + v] = e;
      z += e;
    }
    const target = y.data[i];
    total -= X[row + target] - max - Math.log(z); // −log p[y]
    for (let v = 0; v < V; v++) D[row + v] /= z * N; // p / N
    D[row + target] -= 1 / N;
  }
  return { loss: total / N, dx };
}

function checkMask(fn: string, mask: Tensor): void {
  const d = mask.data;
  for (let i = 0; i < d.length; i++) {
    if (d[i] !== 0 && d[i] !== 1) {
      throw new ValueError(`${fn}: mask${formatIndex(mask.shape, i)} is ${d[i]}, expected 0 or 1`);
    }
  }
}
