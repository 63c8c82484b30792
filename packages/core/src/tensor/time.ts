/**
 * Reading and writing one time step of a batch-major sequence tensor, as the sequence layers do:
 * x[:, t, :] of an [N, T, D] tensor (N batch, T time, D features).
 */
import { ValueError } from '../errors';
import { ShapeCheck } from './check';
import { outputBuffer } from './ops';
import { Tensor } from './tensor';

function checkStep(fn: string, t: number, T: number): void {
  if (!Number.isInteger(t) || t < 0 || t >= T) {
    throw new ValueError(`${fn}: t is ${t}, expected an integer in [0, ${T - 1}] (T from x)`);
  }
}

/** Copies time step t of x [N, T, D] into a new (or the given) [N, D] tensor. */
export function getTimeStep(x: Tensor, t: number, out?: Tensor): Tensor {
  const s = new ShapeCheck('getTimeStep');
  s.check('x', x, ['N', 'T', 'D']);
  const [N, T, D] = x.shape;
  checkStep('getTimeStep', t, T);
  const result = outputBuffer('getTimeStep', out, [N, D]);
  for (let n = 0; n < N; n++) {
    result.data.set(x.data.subarray((n * T + t) * D, (n * T + t + 1) * D), n * D);
  }
  return result;
}

/** Writes `value` [N, D] into time step t of x [N, T, D], in place. Returns x. */
export function setTimeStep(x: Tensor, t: number, value: Tensor): Tensor {
  const s = new ShapeCheck('setTimeStep');
  s.check('x', x, ['N', 'T', 'D']);
  s.check('value', value, ['N', 'D']);
  const [N, T, D] = x.shape;
  checkStep('setTimeStep', t, T);
  for (let n = 0; n < N; n++) {
    x.data.set(value.data.subarray(n * D, (n + 1) * D), (n * T + t) * D);
  }
  return x;
}
