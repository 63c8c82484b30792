import { rnnStepBackward, rnnStepForward, tanh, tensor } from '@rnnlab/core';
import type { Tensor } from '@rnnlab/core';
import { describe, expect, it } from 'vitest';
import { CheckFailure } from './failure';
import { expectGradients, expectOutputs, expectUsableCache, numericalGradients, tensorsOf } from './layers';

/** The message of the CheckFailure `f` throws. */
function failure(f: () => void): string {
  try {
    f();
  } catch (e) {
    if (e instanceof CheckFailure) return e.message;
    throw e;
  }
  throw new Error('expected a CheckFailure');
}

const { x, prevH, Wx, Wh, b, dnext } = tensorsOf({
  x: [[0.5, -1], [0.2, 0.3]], prevH: [[0.1, -0.2, 0.3], [0, 0.4, -0.5]], Wx: [[0.3, -0.1, 0.2], [0.7, 0.1, -0.4]],
  Wh: [[0.2, 0.1, 0], [-0.3, 0.5, 0.1], [0.4, -0.2, 0.6]], b: [0.1, 0, -0.1], dnext: [[1, -0.5, 0.2], [0.3, 0.8, -1]],
});
const { cache } = rnnStepForward(x, prevH, Wx, Wh, b);
const grads = rnnStepBackward(dnext, cache);

describe('tensorsOf', () => {
  it('turns every list of a fixture object into a tensor of its shape', () => {
    expect(x.shape).toEqual([2, 2]);
    expect(Array.from(b.data)).toEqual([0.1, 0, -0.1]);
  });
});

describe('expectOutputs', () => {
  it('passes when every named output agrees, and names the first that does not, with its qualifier and hint', () => {
    expectOutputs(grads, { dx: grads.dx, dWh: grads.dWh.toArray() }, { fn: 'rnnStepBackward' });
    const wrong = { ...grads, dWh: tanh(grads.dWh) };
    const message = failure(() => expectOutputs(wrong, { dx: grads.dx, dWh: grads.dWh, db: tensor([9, 9, 9]) }, {
      fn: 'rnnStepBackward', qualifier: ' (tanh)', hints: { dWh: 'prevHᵀ·da' },
    }));
    expect(message.split('\n')[0]).toMatch(/^rnnStepBackward: dWh \(tanh\) is wrong: \d of 9 elements differ/);
    expect(message).toContain('Hint: prevHᵀ·da');
  });

  it('fails on a result that is not an object, naming the outputs expected', () => {
    expect(failure(() => expectOutputs(undefined, { dx: grads.dx, db: grads.db }, { fn: 'f' }))).toBe('f: the result should be an object { dx, db }');
  });
});

describe('numericalGradients and expectGradients', () => {
  const numerical = numericalGradients({ x, prevH, Wx, Wh, b }, () => rnnStepForward(x, prevH, Wx, Wh, b).nextH, dnext);

  it('key the numerical gradients d + name, and leave the inputs as they were', () => {
    expect(Object.keys(numerical)).toEqual(['dx', 'dprevH', 'dWx', 'dWh', 'db']);
    expect(Array.from(x.data)).toEqual([0.5, -1, 0.2, 0.3]);
    expectGradients(grads, numerical, { fn: 'rnnStepBackward' });
  });

  it('fail on the first gradient that does not match, and on a missing one', () => {
    const message = failure(() => expectGradients({ ...grads, dWx: tanh(grads.dWx) }, numerical, { fn: 'rnnStepBackward', hints: { dWx: 'xᵀ·da' } }));
    expect(message.split('\n')[0]).toMatch(/^rnnStepBackward: dWx does not match the numerical gradient: relative error/);
    expect(failure(() => expectGradients({ dx: grads.dx }, numerical, { fn: 'g' }))).toMatch(/^g: dprevH should be a Tensor of shape \[2, 3\], got undefined/);
  });
});

describe('expectUsableCache', () => {
  it('passes for a cache the core can use, and names the forward pass when the core cannot', () => {
    expectUsableCache('rnnStepForward', () => rnnStepBackward(dnext, cache), grads);
    const { prevH: _, ...withoutPrevH } = cache;
    const message = failure(() => expectUsableCache('rnnStepForward', () => rnnStepBackward(dnext, withoutPrevH as typeof cache), grads));
    expect(message).toMatch(/^rnnStepForward: cache does not work with the core's backward pass: rnnStepBackward: cache is not a cache returned by rnnStepForward \(no tensor prevH\)/);
  });

  it('fails when the cache works but holds other values', () => {
    const moved = { ...cache, x: tanh(cache.x as Tensor) };
    expect(failure(() => expectUsableCache('rnnStepForward', () => rnnStepBackward(dnext, moved), grads)).split('\n')[0])
      .toMatch(/^rnnStepForward: cache \(the core's backward pass on it gives a wrong dWx\) is wrong/);
  });
});
