import * as core from '@rnnlab/core';
import { RandomState, Tensor, tensor } from '@rnnlab/core';
import { describe, expect, it } from 'vitest';
import { childFunction, decode, encode } from './codec';
import type { CoreClasses } from './codec';

const classes = core as unknown as CoreClasses;
/** What the other side of the IPC channel receives: encoded, structured-cloned, decoded. */
const cross = (v: unknown, makeFunction?: (s: string) => unknown) => decode(structuredClone(encode(v, classes)), classes, makeFunction);

describe('values crossing to and from the student process', () => {
  it('keep Tensors (class, shape, data) inside arrays, objects and Maps', () => {
    const got = cross({ h: tensor([[1, 2]]), list: [tensor([3])], map: new Map([['p', tensor([0.5, 0.5])]]), n: 4, s: 'x' }) as {
      h: Tensor; list: Tensor[]; map: Map<string, Tensor>; n: number; s: string;
    };
    expect(got.h).toBeInstanceOf(Tensor);
    expect(got.h.shape).toEqual([1, 2]);
    expect(Array.from(got.list[0].data)).toEqual([3]);
    expect(got.map.get('p')).toBeInstanceOf(Tensor);
    expect([got.n, got.s]).toEqual([4, 'x']);
  });

  it('keep a RandomState’s exact position in its stream', () => {
    const rng = new RandomState(7);
    rng.randn(5);
    const copy = cross(rng) as RandomState;
    expect(copy).toBeInstanceOf(RandomState);
    expect(copy.randn()).toBe(rng.randn());
  });

  it('rebuild a childFunction from its source with the core as first argument, only where asked to', () => {
    const marked = childFunction((c: typeof core, x: Tensor) => c.sum(c.mul(x, x)));
    const f = cross(marked, (source) => {
      const built = new Function(`return (${source});`)() as (...a: unknown[]) => unknown;
      return (...a: unknown[]) => built(core, ...a);
    }) as (x: Tensor) => number;
    expect(f(tensor([1, 2]))).toBe(5);
    expect(typeof cross(marked)).toBe('object');
  });

  it('refuse a function (it cannot be graded) and a cycle', () => {
    expect(() => encode({ f: () => 1 }, classes)).toThrow('a function cannot be graded; return data (numbers, arrays, Tensors, objects)');
    const cycle: Record<string, unknown> = {};
    cycle.self = cycle;
    expect(() => encode(cycle, classes)).toThrow('a value nested more than 64 levels deep (a cycle?) cannot be graded');
  });

  it('reject a forged Tensor whose data does not fit its shape', () => {
    expect(() => decode({ $rnnlab: 'Tensor', shape: [3], data: new Float64Array(2) }, classes)).toThrow('Tensor: data has 2 elements, expected 3');
  });
});
