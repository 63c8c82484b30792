import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import fixtures from './fixtures/format_fixtures.json';
import { formatTensor } from './format';
import { Tensor, tensor, zeros } from './tensor';

// format_fixtures.json: numpy's np.array2string(a, precision=4, separator=", ", max_line_width=100) of each case
// (made by fixtures/make_format_fixtures.py; NaN is null, infinities are "inf"/"-inf").
const decode = (v: number | string | null): number => (v === null ? NaN : v === 'inf' ? Infinity : v === '-inf' ? -Infinity : Number(v));

describe('formatTensor', () => {
  for (const { name, shape, values, numpy } of fixtures.cases) {
    it(`prints ${name} as numpy does, under a header with the shape`, () => {
      const t = new Tensor(Float64Array.from(values as (number | string | null)[], decode), shape);
      expect(formatTensor(t)).toBe(`Tensor [${shape.join(', ')}]\n${numpy}`);
    });
  }

  it('prints a scalar and an empty tensor on the header line', () => {
    expect(formatTensor(tensor(2.5))).toBe('Tensor [] 2.5');
    expect(formatTensor(zeros([0, 3]))).toBe('Tensor [0, 3] []');
  });

  it('keeps a 100,000-element tensor to a few short lines', () => {
    const big = formatTensor(zeros([1000, 100]));
    expect(big.split('\n').length).toBe(8);
    expect(big.length).toBeLessThan(300);
  });

  it('takes the precision as an option', () => {
    expect(formatTensor(tensor([Math.PI, -1]), { precision: 2 })).toBe('Tensor [2]\n[ 3.14, -1.  ]');
  });
});

describe('Tensor in console.log and notebooks', () => {
  it('shows the table through util.inspect, which console.log and the tslab kernel use', () => {
    const t = tensor([[1, 2], [3, 4.5]]);
    expect(inspect(t)).toBe(formatTensor(t));
  });
});
