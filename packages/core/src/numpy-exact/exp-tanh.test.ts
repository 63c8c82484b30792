import { describe, expect, it } from 'vitest';
import { ValueError } from '../errors';
import fixtureFile from './fixtures/exp_tanh_fixtures.json';
import { npExp, npTanh } from './exp-tanh';

// Golden values: numpy 1.24.2's own np.exp / np.tanh (Debian python3-numpy, x86-64 with AVX512_SKX) on inputs that
// reach every branch of SVML's exp and every interval of simd_tanh_f64, made with
//   cd packages/core/src/numpy-exact/fixtures && /usr/bin/python3 make_exp_tanh_fixtures.py
// which also checks that numpy gives the same bits for slices, strided views and scalars (elementwise kernels).
const fixtures = fixtureFile as unknown as {
  exp: Record<string, [number, number][]>;
  tanh: Record<string, [number, number][]>;
};

/** The pairs where fn(x) is not exactly numpy's value (Object.is: -0 and +0 differ), as readable strings. */
function mismatches(fn: (x: number) => number, pairs: [number, number][]): string[] {
  return pairs.filter(([x, y]) => !Object.is(fn(x), y)).map(([x, y]) => `f(${x}) = ${fn(x)}, numpy ${y}`);
}

const nextUp = (x: number) => {
  const b = new Float64Array([x]);
  new BigInt64Array(b.buffer)[0] += x >= 0 ? 1n : -1n;
  return b[0];
};

describe('npExp', () => {
  for (const [label, pairs] of Object.entries(fixtures.exp)) {
    it(`equals numpy's np.exp bit for bit: ${label} (${pairs.length} values)`, () => {
      expect(mismatches(npExp, pairs)).toEqual([]);
    });
  }

  it('handles NaN, infinities, zeros and overflow as numpy does', () => {
    expect(npExp(NaN)).toBeNaN();
    expect(npExp(Infinity)).toBe(Infinity);
    expect(Object.is(npExp(-Infinity), 0)).toBe(true);
    expect(npExp(0)).toBe(1);
    expect(npExp(-0)).toBe(1);
    expect(npExp(709.782712893384)).toBe(1.7976931348622732e308);
    expect(npExp(nextUp(709.782712893384))).toBe(Infinity);
    expect(npExp(1e308)).toBe(Infinity);
    expect(Object.is(npExp(-1e308), 0)).toBe(true);
  });

  it('is needed: Math.exp differs from numpy on some of the same inputs', () => {
    const all = Object.values(fixtures.exp).flat();
    expect(mismatches(Math.exp, all).length).toBeGreaterThan(0);
  });

  it('throws ValueError for a non-number', () => {
    expect(() => npExp('1' as never)).toThrow(ValueError);
    expect(() => npExp('1' as never)).toThrow('npExp: x must be a number, got string');
  });
});

describe('npTanh', () => {
  for (const [label, pairs] of Object.entries(fixtures.tanh)) {
    it(`equals numpy's np.tanh bit for bit: ${label} (${pairs.length} values)`, () => {
      expect(mismatches(npTanh, pairs)).toEqual([]);
    });
  }

  it('handles NaN, infinities and signed zeros as numpy does', () => {
    expect(npTanh(NaN)).toBeNaN();
    expect(npTanh(Infinity)).toBe(1);
    expect(npTanh(-Infinity)).toBe(-1);
    expect(Object.is(npTanh(0), 0)).toBe(true);
    expect(Object.is(npTanh(-0), -0)).toBe(true);
  });

  it('is needed: Math.tanh differs from numpy on some of the same inputs', () => {
    const all = Object.values(fixtures.tanh).flat();
    expect(mismatches(Math.tanh, all).length).toBeGreaterThan(0);
  });

  it('throws ValueError for a non-number', () => {
    expect(() => npTanh(undefined as never)).toThrow(ValueError);
    expect(() => npTanh(undefined as never)).toThrow('npTanh: x must be a number, got undefined');
  });
});
