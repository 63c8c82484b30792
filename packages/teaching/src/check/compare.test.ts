import { tanh, tensor, zeros } from '@rnnlab/core';
import { evalNumericalGradientArray } from '@rnnlab/core/testing';
import { describe, expect, it } from 'vitest';
import { expectEqual, expectGradient, expectNumber, expectShape, expectTensor } from './compare';
import { CheckFailure, formatFailure } from './failure';

/** The failure a comparison throws. */
function failure(f: () => void): CheckFailure {
  try {
    f();
  } catch (e) {
    if (e instanceof CheckFailure) return e;
    throw e;
  }
  throw new Error('expected a CheckFailure');
}

describe('expectTensor', () => {
  it('passes within the tolerance', () => {
    expectTensor(tensor([[1, 2]]), tensor([[1 + 1e-12, 2]]), { fn: 'f', output: 'y' });
  });

  it('names the function and output, counts the differing elements, lists the first with indices, and hints', () => {
    const f = failure(() => expectTensor(tensor([[1, 5], [3, NaN]]), tensor([[1, 2], [3, 4]]), { fn: 'softmax', output: 'p', hint: 'subtract the max' }));
    expect(f.message).toBe([
      'softmax: p is wrong: 2 of 4 elements differ (max relative error NaN), and some are NaN or infinite',
      '  p[0, 1]: expected 2, got 5',
      '  p[1, 1]: expected 4, got NaN',
      'Hint: subtract the max',
    ].join('\n'));
  });

  it('fails on the shape, or on a value that is not a Tensor, before comparing', () => {
    expect(failure(() => expectTensor(tensor([1, 2]), tensor([[1], [2]]), { fn: 'oneHot', output: 'x' })).message).toBe('oneHot: x has shape [2], expected [2, 1]');
    expect(failure(() => expectShape([1, 2], [2, 1], { fn: 'oneHot', output: 'x' })).message).toBe('oneHot: x should be a Tensor of shape [2, 1], got an array of length 2');
  });

  it('leaves out every expected value when the check is hidden, and adds the known mistake before the hint', () => {
    const f = failure(() => expectTensor(tensor([1, 5]), tensor([1, 2]), { fn: 'f', output: 'y', hint: 'h' }));
    expect(formatFailure(f.detail, true, ['you forgot the bias'])).toBe([
      'f: y is wrong: 1 of 2 elements differ (max relative error 0.42857143) (on a hidden test input)',
      'Likely mistake: you forgot the bias',
      'Hint: h',
    ].join('\n'));
  });
});

describe('expectEqual', () => {
  it('lists the first differences of arrays, objects and Maps with their paths', () => {
    expect(failure(() => expectEqual({ inputs: [1, 2], targets: [2, 9] }, { inputs: [1, 2], targets: [2, 3] }, { fn: 'chunkAt', output: 'chunk' })).message)
      .toBe('chunkAt: chunk is wrong\n  chunk → targets[1]: expected 3, got 9');
    expect(failure(() => expectEqual(new Map([['a', 1], ['z', 0]]), new Map([['a', 0], ['b', 1]]), { fn: 'f', output: 'm' })).detail.evidence).toEqual([
      'm.get("a"): expected 0, got 1',
      'm.get("b"): expected 1, got no entry',
      'm.get("z"): expected no entry, got 0',
    ]);
    expect(failure(() => expectEqual(['a'], ['a', 'b'], { fn: 'f', output: 'v' })).detail.evidence).toEqual(['v: expected length 2, got length 1']);
    expect(failure(() => expectEqual(undefined, [1], { fn: 'f', output: 'v' })).detail.evidence).toEqual(['v: expected an array of length 1, got undefined']);
  });

  it('passes on deeply equal values', () => {
    expectEqual({ a: [1, 'x'], m: new Map([[1, 'y']]) }, { a: [1, 'x'], m: new Map([[1, 'y']]) }, { fn: 'f', output: 'v' });
  });
});

describe('expectNumber', () => {
  it('gives the relative error, expected and got', () => {
    const f = failure(() => expectNumber(-1.8, 1.8, { fn: 'crossEntropy', output: 'the loss' }));
    expect(f.message).toBe('crossEntropy: the loss is wrong (relative error 1)\n  expected 1.8, got -1.8');
    expect(failure(() => expectNumber('1', 1, { fn: 'f', output: 'n' })).message).toBe('f: n should be a number, got the string "1"');
  });
});

describe('expectGradient', () => {
  const x = tensor([0.3, -1.2, 2]);
  const dout = tensor([1, 2, -0.5]);
  const numerical = evalNumericalGradientArray((t) => tanh(t), x, dout);

  it('accepts the analytic gradient of tanh, (1 − tanh²)·dout', () => {
    const analytic = tensor(Array.from(x.data, (v, i) => (1 - Math.tanh(v) ** 2) * dout.data[i]));
    expectGradient(analytic, numerical, { fn: 'tanhBackward', output: 'dx' });
  });

  it('rejects tanh′ written as 1 − tanh, naming the relative error and the elements', () => {
    const wrong = tensor(Array.from(x.data, (v, i) => (1 - Math.tanh(v)) * dout.data[i]));
    const f = failure(() => expectGradient(wrong, numerical, { fn: 'tanhBackward', output: 'dx' }));
    expect(f.message).toMatch(/^tanhBackward: dx does not match the numerical gradient: relative error 0\.\d+ \(at most 0\.000001 expected\)\n {2}dx\[0\]: numerical 0\.91\d*, got 0\.70\d*/);
    expect(failure(() => expectGradient(zeros([2]), numerical, { fn: 'g', output: 'dx' })).message).toBe('g: dx has shape [2], expected [3]');
  });
});
