/**
 * Fixture inputs: golden-value fixtures (made by numpy scripts) describe their inputs as linspace specs instead of
 * listing every number, as the cs231n notebooks build them: `np.linspace(lo, hi, num=size).reshape(shape)`.
 */
import { Tensor, linspace, shapeSize } from '../tensor/tensor';

/** linspace(lo, hi, size).reshape(shape): the fixtures' deterministic inputs, as the cs231n notebooks make them. */
export function linspaced(lo: number, hi: number, shape: number[]): Tensor {
  return linspace(lo, hi, shapeSize(shape)).reshape(shape);
}

/** A fixture input written as its linspace: `{ linspace: [lo, hi], shape }`. */
export interface LinspaceSpec {
  linspace: number[];
  shape: number[];
}

/** The tensor a `LinspaceSpec` describes. */
export const build = (s: LinspaceSpec): Tensor => linspaced(s.linspace[0], s.linspace[1], s.shape);

/** Every spec of a fixture's `inputs`, built, under the same names (undefined only types an input other cases have). */
export function buildAll(specs: Record<string, LinspaceSpec | undefined>): Record<string, Tensor> {
  return Object.fromEntries(Object.entries(specs).flatMap(([k, s]) => (s === undefined ? [] : [[k, build(s)]])));
}
