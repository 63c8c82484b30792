import { plotlyBundle } from '@rnnlab/core';
import { describe, expect, it, vi } from 'vitest';
import type { MimeBundle } from './display';
import { describeFigure, heatmap, lineChart, PLOTLY_MIME, plotBundle } from './plot';
import { tensor } from '@rnnlab/core';

const shown = vi.hoisted(() => [] as MimeBundle[]);
vi.mock('./display', () => ({ display: (bundle: MimeBundle) => void shown.push(bundle) }));
const lastFigure = () => shown[shown.length - 1][PLOTLY_MIME] as { data: Record<string, unknown>[]; layout: Record<string, { type?: string }> };

const figure = { data: [{ type: 'bar', x: ['a', 'b'], y: [1, 2], name: 'counts' }], layout: { title: { text: 'Counts </script><b>' } } };

describe('plotBundle', () => {
  it('carries the figure as plotly JSON, an HTML fallback that draws it, and a line of text', () => {
    const bundle = plotBundle(figure, { includePlotly: false, id: 'p1' });
    expect(Object.keys(bundle).sort()).toEqual([PLOTLY_MIME, 'text/html', 'text/plain'].sort());
    const json = bundle[PLOTLY_MIME] as { data: unknown[]; layout: Record<string, unknown> };
    expect(json.data).toEqual(figure.data);
    expect(json.layout.title).toEqual(figure.layout.title);
    expect(bundle['text/html']).toContain('Plotly.newPlot("p1"');
    expect(bundle['text/plain']).toBe('[plot] Counts </script><b>: bar "counts" (2 points)');
  });

  it('inlines plotly.js only when asked (the first plot of a session), wrapped so it sets window.Plotly', () => {
    const first = plotBundle(figure, { includePlotly: true, id: 'p1' })['text/html'] as string;
    const later = plotBundle(figure, { includePlotly: false, id: 'p2' })['text/html'] as string;
    expect(first.length).toBeGreaterThan(plotlyBundle().length);
    expect(first).toContain('(function (define, module, exports) {');
    expect(later.length).toBeLessThan(5_000);
  });

  it('keeps text from the data inside its <script> (no "</script>" breaks out)', () => {
    const html = plotBundle(figure, { includePlotly: false, id: 'p1' })['text/html'] as string;
    expect(html.match(/<\/script>/g)?.length).toBe(1);
  });
});

describe('describeFigure', () => {
  it('names a heatmap by its size and an untitled plot as such', () => {
    expect(describeFigure({ data: [{ type: 'heatmap', z: [[0, 1, 0], [1, 0, 0]] }] })).toBe('[plot] untitled: heatmap 2×3');
  });
});

describe('heatmap', () => {
  it('rejects a tensor that is not 2-D, naming its shape', () => {
    expect(() => heatmap(tensor([1, 2, 3]))).toThrow('heatmap: matrix has shape [3], expected a 2-D [rows, cols] tensor');
  });

  it('centres a signed heatmap\'s colours on 0 (white), blue below and red above', () => {
    heatmap([[-1, 0], [0, 3]], { signed: true });
    expect(lastFigure().data[0]).toMatchObject({ zmid: 0, colorscale: [[0, '#2166ac'], [0.5, '#f7f7f7'], [1, '#b2182b']] });
    heatmap([[-1, 0], [0, 3]]);
    expect(lastFigure().data[0].zmid).toBeUndefined();
  });
});

describe('lineChart', () => {
  it('draws the y axis logarithmic when asked', () => {
    lineChart([{ name: 'error', y: [1e-3, 1e-9] }], { logY: true });
    expect(lastFigure().layout.yaxis).toMatchObject({ type: 'log', exponentformat: 'power' });
    lineChart([{ name: 'loss', y: [4, 3] }]);
    expect(lastFigure().layout.yaxis.type).toBeUndefined();
  });
});
