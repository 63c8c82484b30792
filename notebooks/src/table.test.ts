import { describe, expect, it } from 'vitest';
import { formatNumber, tableBundle } from './table';

describe('tableBundle', () => {
  it('shows numbers with 4 significant digits, aligned as text and escaped in HTML', () => {
    const bundle = tableBundle([['Wxh', 1.23456e-9], ['<b>by', 0.5]], { columns: ['param', 'rel. error'], title: 'Errors' });
    expect(bundle['text/plain']).toBe('Errors\nparam  rel. error\n─────  ──────────\nWxh    1.235e-9\n<b>by  0.5');
    expect(bundle['text/html']).toContain('<td style="padding: 3px 12px 3px 0; vertical-align: top; text-align: left;">&lt;b&gt;by</td>');
  });

  it('writes multi-line cells (samples side by side) as one block per cell in text', () => {
    const bundle = tableBundle([['ab\ncd', 'ef']], { columns: ['after 5', 'after 50'], monospace: true });
    expect(bundle['text/plain']).toBe('── after 5 ──\nab\ncd\n── after 50 ──\nef');
    expect(bundle['text/html']).toContain('white-space: pre-wrap;');
    expect(bundle['text/html']).toContain('table-layout: fixed; width: 100%;');
  });

  it('rejects a row with the wrong number of cells, naming it', () => {
    expect(() => tableBundle([['a', 1], ['b']], { columns: ['x', 'y'] })).toThrow('table: row 1 has 1 cells, expected 2 (one per column)');
  });
});

describe('formatNumber', () => {
  it('keeps integers and writes tiny, huge and infinite values readably', () => {
    expect([formatNumber(5000), formatNumber(0.000123456), formatNumber(123456.7), formatNumber(-2.5), formatNumber(NaN), formatNumber(Infinity)])
      .toEqual(['5000', '1.235e-4', '1.235e+5', '-2.5', 'NaN', 'Infinity']);
  });
});
