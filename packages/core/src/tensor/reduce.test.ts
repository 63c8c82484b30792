import fc from 'fast-check';
import * as math from 'mathjs';
import { describe, expect, it } from 'vitest';
import { ValueError } from '../errors';
import { argmax, softmax, sum } from './reduce';
import { tensor, zeros } from './tensor';

const shape3 = fc.tuple(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 4 }));

describe('sum', () => {
  it('over each axis agrees with mathjs on random [A, B, C] tensors', () => {
    fc.assert(
      fc.property(
        shape3.chain((s) =>
          fc.tuple(fc.constant(s), fc.array(fc.double({ min: -5, max: 5, noNaN: true }), { minLength: s[0] * s[1] * s[2], maxLength: s[0] * s[1] * s[2] })),
        ),
        fc.integer({ min: 0, max: 2 }),
        ([shape, values], axis) => {
          const t = tensor(values, shape);
          const expected = math.sum(t.toArray() as number[][][], axis) as unknown as math.Matrix | number[][];
          const flat = (Array.isArray(expected) ? expected : expected.valueOf()) as number[][];
          sum(t, axis).data.forEach((v, i) => expect(v).toBeCloseTo(flat.flat()[i], 9));
          expect(sum(t)).toBeCloseTo(values.reduce((a, b) => a + b, 0), 9);
        },
      ),
      { numRuns: 100 },
    );
  });

  it('accepts negative axes and rejects out-of-range ones', () => {
    const t = tensor([[1, 2], [3, 4]]);
    expect(Array.from(sum(t, -1).data)).toEqual([3, 7]);
    expect(() => sum(t, 2)).toThrow('sum: axis 2 is out of range for shape [2, 2], expected an integer in [-2, 1]');
  });
});

describe('argmax', () => {
  it('returns the first maximum, and treats NaN as the maximum, as numpy does', () => {
    expect(argmax(tensor([1, 3, 3, 2]))).toBe(1);
    expect(argmax(tensor([1, NaN, 5]))).toBe(1);
    expect(Array.from(argmax(tensor([[1, 9, 2], [7, 0, 7]]), 1).data)).toEqual([1, 0]);
    expect(Array.from(argmax(tensor([[1, 9, 2], [7, 0, 7]]), 0).data)).toEqual([1, 0, 1]);
  });

  it('rejects an empty tensor', () => {
    expect(() => argmax(zeros([0]))).toThrow(ValueError);
  });
});

describe('softmax', () => {
  it('over the last axis agrees with mathjs and is stable for huge scores', () => {
    const x = tensor([[1, 2, 3], [1000, 1000, 1001]]);
    const p = softmax(x);
    const row = (r: number[]) => {
      const e = r.map((v) => math.exp(v - Math.max(...r)));
      const total = math.sum(e);
      return e.map((v) => v / total);
    };
    const expected = [row([1, 2, 3]), row([0, 0, 1])].flat();
    p.data.forEach((v, i) => expect(v).toBeCloseTo(expected[i], 12));
  });

  it('rejects a scalar', () => {
    expect(() => softmax(tensor(3))).toThrow('softmax: x is a scalar, expected at least one axis');
  });
});
