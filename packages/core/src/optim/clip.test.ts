import { describe, expect, it } from 'vitest';
import { flatParams } from '../../test-support';
import { ShapeError, ValueError } from '../errors';
import type { ParamMap } from '../modules/module';
import { tensor, zeros } from '../tensor/tensor';
import { clipGradsByGlobalNorm, clipGradsElementwise, globalGradNorm } from './clip';
import fixtureFile from './fixtures/optim_fixtures.json';

// Golden values from fixtures/make_optim_fixtures.py (numpy 1.24):
//   np.clip(g, -limit, limit, out=g);  norm = np.sqrt(sum(np.sum(g * g) for g in grads));  g *= max_norm / norm
interface ClipFixture {
  grads: Record<string, { shape: number[]; data: number[] }>;
  elementwise5: Record<string, number[]>;
  elementwise3: Record<string, number[]>;
  norm: number;
  maxNorm: number;
  scaled: Record<string, number[]>;
}
const clip = (fixtureFile as unknown as { clip: ClipFixture }).clip;

function grads(): ParamMap {
  return Object.fromEntries(Object.entries(clip.grads).map(([k, { shape, data }]) => [k, tensor(data, shape)]));
}

describe('clipGradsElementwise', () => {
  it('clips in place to ±5 by default, like np.clip(dparam, -5, 5, out=dparam), and counts the changes', () => {
    const g = grads();
    expect(clipGradsElementwise(g)).toBe(7);
    expect(flatParams(g)).toEqual(clip.elementwise5);
  });

  it('clips to any positive limit and leaves NaN as NaN, as np.clip does', () => {
    const g = grads();
    clipGradsElementwise(g, 3);
    expect(flatParams(g)).toEqual(clip.elementwise3);
    const n = { x: tensor([NaN, -Infinity, Infinity]) };
    clipGradsElementwise(n, 1);
    expect(Array.from(n.x.data)).toEqual([NaN, -1, 1]);
  });

  it.each([0, -5, NaN, Infinity])('rejects limit %s with a ValueError', (limit) => {
    expect(() => clipGradsElementwise(grads(), limit)).toThrow(
      new ValueError(`clipGradsElementwise: limit is ${limit}, expected a finite number > 0`),
    );
  });

  it('rejects grads that are not an object of Tensors', () => {
    expect(() => clipGradsElementwise([] as never)).toThrow(
      new ValueError('clipGradsElementwise: grads must be an object of named Tensors ({ W, b, ... }), got an array'),
    );
    expect(() => clipGradsElementwise({ W: 1 } as never)).toThrow(new ShapeError('clipGradsElementwise: grads.W must be a Tensor, got number'));
  });
});

describe('globalGradNorm and clipGradsByGlobalNorm', () => {
  it(`the global norm equals numpy's to 1e-15 relative (${clip.norm})`, () => {
    expect(Math.abs(globalGradNorm(grads()) - clip.norm) / clip.norm).toBeLessThan(1e-15);
    expect(globalGradNorm({})).toBe(0);
    expect(globalGradNorm({ a: tensor([3]), b: tensor([[4]]) })).toBe(5);
  });

  it('scales every gradient by maxNorm / norm when the norm exceeds maxNorm, matching numpy', () => {
    const g = grads();
    const result = clipGradsByGlobalNorm(g, clip.maxNorm);
    expect(result.scaled).toBe(true);
    expect(Math.abs(result.norm - clip.norm) / clip.norm).toBeLessThan(1e-15);
    for (const [k, values] of Object.entries(clip.scaled)) {
      values.forEach((v, i) => expect(Math.abs(g[k].data[i] - v)).toBeLessThanOrEqual(1e-15 * Math.abs(v)));
    }
    expect(Math.abs(globalGradNorm(g) - clip.maxNorm)).toBeLessThan(1e-14);
  });

  it('leaves gradients alone when the norm is at most maxNorm', () => {
    const g = { a: tensor([3, 4]) };
    expect(clipGradsByGlobalNorm(g, 5)).toEqual({ norm: 5, scaled: false });
    expect(clipGradsByGlobalNorm(g, 10)).toEqual({ norm: 5, scaled: false });
    expect(Array.from(g.a.data)).toEqual([3, 4]);
  });

  it('rejects a bad maxNorm, and non-finite gradients that leave nothing to scale', () => {
    expect(() => clipGradsByGlobalNorm(grads(), 0)).toThrow(new ValueError('clipGradsByGlobalNorm: maxNorm is 0, expected a finite number > 0'));
    expect(() => clipGradsByGlobalNorm(grads(), undefined as never)).toThrow(
      new ValueError('clipGradsByGlobalNorm: maxNorm is undefined, expected a finite number > 0'),
    );
    expect(() => clipGradsByGlobalNorm({ W: zeros([2]), b: tensor([1, NaN]) }, 1)).toThrow(
      new ValueError('clipGradsByGlobalNorm: the global gradient norm is NaN (grads.b has non-finite values), expected a finite norm'),
    );
    expect(() => clipGradsByGlobalNorm({ W: tensor([1e200, 1e200]) }, 1)).toThrow(
      new ValueError('clipGradsByGlobalNorm: the global gradient norm is Infinity (the sum of squares overflows), expected a finite norm'),
    );
    expect(() => globalGradNorm(null as never)).toThrow(
      new ValueError('globalGradNorm: grads must be an object of named Tensors ({ W, b, ... }), got null'),
    );
  });
});
