/**
 * Pieces the recurrent layers (rnn, lstm, gru, esn) share: cs231n's scaled initialisation, the matrix of previous
 * hidden states that dWh is built from, and the optional input gradient of a sequence backward.
 */
import { ValueError } from '../errors';
import { RandomState } from '../random';
import { matmul } from '../tensor/matmul';
import { Tensor, zeros } from '../tensor/tensor';

/** rng.randn(rows, cols) / √fanIn, divided (not multiplied by 1/√fanIn) so the bits match numpy's. */
export function randnScaled(rng: RandomState, rows: number, cols: number, fanIn: number): Tensor {
  const w = rng.randn(rows, cols);
  const root = Math.sqrt(fanIn);
  for (let i = 0; i < w.size; i++) w.data[i] /= root;
  return w;
}

/**
 * h_{t−1} for every step as one [N·T, H] matrix (row n·T + t), h0 in the rows of t = 0: the left factor of dWh.
 * h: [N, T, H], h0: [N, H].
 */
export function previousStates(h: Tensor, h0: Tensor): Tensor {
  const [N, T, H] = h.shape;
  const out = zeros([N * T, H]);
  for (let n = 0; n < N; n++) {
    if (T === 0) break;
    out.data.set(h0.data.subarray(n * H, (n + 1) * H), n * T * H);
    out.data.set(h.data.subarray(n * T * H, (n * T + T - 1) * H), (n * T + 1) * H);
  }
  return out;
}

/**
 * options.inputGrad of a sequence backward, checked: whether it computes dx (default true). `options` is an object
 * (checked by the caller).
 */
export function optionInputGrad(fn: string, options: object): boolean {
  const { inputGrad } = options as { inputGrad?: unknown };
  if (inputGrad === undefined) return true;
  if (typeof inputGrad !== 'boolean') {
    const got = typeof inputGrad === 'string' ? `'${inputGrad}'` : String(inputGrad);
    throw new ValueError(`${fn}: options.inputGrad is ${got}, expected true or false`);
  }
  return inputGrad;
}

/** dx = da·Wxᵀ reshaped to [N, T, D]: da [N·T, G] (G = H, 3H or 4H), Wx [D, G], xShape [N, T, D]. */
export function inputGradient(da: Tensor, Wx: Tensor, xShape: readonly number[]): Tensor {
  return matmul(da, Wx, { transB: true }).reshape([...xShape]);
}
