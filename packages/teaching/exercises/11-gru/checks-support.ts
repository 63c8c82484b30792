/**
 * What the public and hidden checks of exercise 11 share: a fixture case's arguments and expected values as tensors,
 * and the gates r, z, n cut out of a forward pass's cache (core's GruStepCache keeps them side by side).
 */
import { tensor } from '@rnnlab/core';
import type { Tensor } from '@rnnlab/core';
import { expectShape } from '@rnnlab/teaching/check';

/** A fixture case (fixtures/make_fixtures.py): the inputs of one step and torch's values for it. */
export type Case = { inputs: Record<string, number[] | number[][]>; expected: Record<string, number[] | number[][]> };

/** The arguments of gruStepForward, in order. */
export const ARGUMENTS = ['x', 'prevH', 'Wx', 'Wh', 'bx', 'bh'] as const;

/** A case's arguments of gruStepForward, as tensors. */
export const args = (c: Case) => ARGUMENTS.map((k) => tensor(c.inputs[k])) as [Tensor, Tensor, Tensor, Tensor, Tensor, Tensor];

/** A case's expected value `k` (torch's), as a tensor. */
export const want = (c: Case, k: string) => tensor(c.expected[k]);

const GATES = ['r', 'z', 'n'] as const;

/**
 * Gate `gate` of the cache a gruStepForward returned, [N, H] = `shape`: columns kH … (k + 1)H − 1 of cache.gates
 * [N, 3H], k its place in the order r | z | n. Fails, naming cache.gates, unless the cache holds a tensor of that shape.
 */
export function gateOf(cache: unknown, gate: (typeof GATES)[number], shape: readonly number[]): Tensor {
  const [N, H] = shape;
  const gates = cache !== null && typeof cache === 'object' ? (cache as Record<string, unknown>).gates : undefined;
  expectShape(gates, [N, 3 * H], { fn: 'gruStepForward', output: 'cache.gates', hint: 'the activated gates r, z, n side by side: [N, 3H]' });
  const k = GATES.indexOf(gate);
  return tensor(Array.from({ length: N }, (_, i) => Array.from(gates.data.subarray(i * 3 * H + k * H, i * 3 * H + (k + 1) * H))));
}
