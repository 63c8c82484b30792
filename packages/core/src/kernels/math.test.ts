import { describe, expect, it } from 'vitest';
import fixtureFile from '../tensor/fixtures/tensor_fixtures.json';
import { PRECISIONS, kernelSet } from './wasm';
import { workspace } from './workspace';

// The WebAssembly vector exp, sigmoid and tanh (kernels/math.ts) that the fused gate kernels use, against numpy's
// values (tensor/fixtures/make_tensor_fixtures.py): a few ulp in float64, float32 rounding in float32.
const { elementwise: e } = fixtureFile as unknown as {
  elementwise: { x: number[]; tanh: number[]; exp: number[]; sigmoid: number[] };
};
const TOLERANCE = { float64: 1e-15, float32: 3e-7 };

describe.each(PRECISIONS)('vector exp, sigmoid and tanh in %s', (precision) => {
  const map = (fn: number, x: number[]) => {
    const ws = workspace();
    const mark = ws.mark();
    try {
      const p = ws.put(Float64Array.from(x), precision);
      kernelSet(precision).map(p, x.length, fn);
      return Array.from(ws.view(p, x.length, precision));
    } finally {
      ws.release(mark);
    }
  };
  // float32 cannot hold exp(±700) or exp(−740): compare where the value is a normal float32
  const representable = (v: number) => precision === 'float64' || (Math.abs(v) > 1.2e-38 && Math.abs(v) < 3.4e38) || v === 0;

  it.each([[0, 'exp'], [1, 'sigmoid'], [2, 'tanh']] as const)('fn %i (%s) agrees with numpy', (fn, name) => {
    const got = map(fn, e.x);
    e[name].forEach((want, i) => {
      if (!representable(want)) return;
      const input = precision === 'float32' ? Math.fround(e.x[i]) : e.x[i];
      const exact = name === 'exp' ? Math.exp(input) : name === 'tanh' ? Math.tanh(input) : 1 / (1 + Math.exp(-input));
      expect(Math.abs(got[i] - exact), `${name}(${e.x[i]})`).toBeLessThanOrEqual(TOLERANCE[precision] * Math.abs(exact) + 1e-300);
      if (precision === 'float64') expect(Math.abs(got[i] - want)).toBeLessThanOrEqual(TOLERANCE.float64 * Math.abs(want) + 1e-300);
    });
  });

  it('keeps ±0, NaN and the limits: tanh(±∞) = ±1, exp(−∞) = 0, exp(∞) = ∞, sigmoid(±∞) = 1, 0', () => {
    expect(map(2, [0, -0, NaN, Infinity, -Infinity]).map((v) => Object.is(v, -0) ? '-0' : v)).toEqual([0, '-0', NaN, 1, -1]);
    expect(map(0, [-Infinity, Infinity, NaN])).toEqual([0, Infinity, NaN]);
    expect(map(1, [Infinity, -Infinity])).toEqual([1, 0]);
  });
});
