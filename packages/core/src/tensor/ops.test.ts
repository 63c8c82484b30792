import fc from 'fast-check';
import * as math from 'mathjs';
import { describe, expect, it } from 'vitest';
import { ShapeError } from '../errors';
import { add, addBias, addScaledInPlace, exp, log, mul, scale, sigmoid, sub, tanh } from './ops';
import fixtureFile from './fixtures/tensor_fixtures.json';
import { Tensor, tensor, zeros } from './tensor';

const fixtures = fixtureFile as unknown as {
  elementwise: { x: number[]; tanh: number[]; exp: number[]; sigmoid: number[] };
  log: { x: number[]; log: number[] };
};

/** A random [rows, cols] matrix as nested arrays, for the mathjs oracle. */
const matrix = (rows: number, cols: number) =>
  fc.array(fc.array(fc.double({ min: -10, max: 10, noNaN: true }), { minLength: cols, maxLength: cols }), {
    minLength: rows,
    maxLength: rows,
  });


const closeTo = (actual: Tensor, expected: number[][]) => {
  const flat = expected.flat();
  expect(actual.shape).toEqual([expected.length, expected[0].length]);
  actual.data.forEach((v, i) => expect(v).toBeCloseTo(flat[i], 9));
};

describe('addBias', () => {
  it('broadcasts the bias row over every row, as mathjs adds a row vector', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5 }).chain((P) => fc.tuple(matrix(3, P), matrix(1, P))),
        ([x, b]) => {
          const expected = x.map((row) => math.add(row, b[0]) as number[]);
          closeTo(addBias(tensor(x), tensor(b[0])), expected);
        },
      ),
    );
  });

  it('works on [N, T, H] tensors and rejects a bias of the wrong length', () => {
    const x = zeros([2, 3, 4]);
    expect(addBias(x, tensor([1, 2, 3, 4])).get(1, 2, 3)).toBe(4);
    expect(() => addBias(x, tensor([1, 2, 3]))).toThrow(
      'addBias: x has shape [2, 3, 4], expected [..., 3] (last dimension from b)',
    );
    expect(() => addBias(x, zeros([1, 4]))).toThrow('addBias: b has shape [1, 4] (rank 2), expected rank 1');
  });
});

describe('elementwise functions', () => {
  const x = tensor([[-2, -0.5], [0, 3]]);

  it("tanh, exp, sigmoid and log agree with numpy's to two ulp (fixtures/make_tensor_fixtures.py)", () => {
    const { elementwise: e, log: l } = fixtures;
    const input = tensor(e.x);
    const near = (got: Tensor, want: number[]) =>
      got.data.forEach((v, i) => expect(Math.abs(v - want[i]), `x = ${e.x[i] ?? l.x[i]}`).toBeLessThanOrEqual(4.5e-16 * Math.abs(want[i]) + 1e-320));
    near(tanh(input), e.tanh);
    near(exp(input), e.exp);
    near(sigmoid(input), e.sigmoid);
    near(log(tensor(l.x)), l.log);
  });

  it('add, sub, scale and mul agree with mathjs', () => {
    const values = x.toArray() as number[][];
    closeTo(add(x, x), math.add(values, values) as number[][]);
    closeTo(sub(x, scale(x, 2)), math.subtract(values, math.multiply(values, 2)) as number[][]);
    closeTo(mul(x, x), math.dotMultiply(values, values) as number[][]);
  });

  it('sigmoid stays finite and exact at the extremes', () => {
    expect(Array.from(sigmoid(tensor([-1000, 1000, 0])).data)).toEqual([0, 1, 0.5]);
  });

  it('log follows numpy at 0 and below', () => {
    expect(Array.from(log(tensor([1, 0, -1])).data)).toEqual([0, -Infinity, NaN]);
  });

  it('write into out when given, and reject mismatched shapes', () => {
    const out = zeros([2, 2]);
    expect(tanh(x, out)).toBe(out);
    expect(() => add(x, zeros([2, 3]))).toThrow('add: b has shape [2, 3], expected [2, 2] (shape of a)');
    expect(() => tanh(x, zeros([4]))).toThrow('tanh: out has shape [4], expected [2, 2]');
    expect(() => addScaledInPlace(x, 1, zeros([1]))).toThrow(ShapeError);
  });

  it('addScaledInPlace adds alpha times x into y', () => {
    const y = tensor([1, 2]);
    addScaledInPlace(y, -0.5, tensor([2, 4]));
    expect(Array.from(y.data)).toEqual([0, 0]);
  });
});
