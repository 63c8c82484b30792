/**
 * The loss curves as a static SVG image, for paper (report.html's print version) and the Word document (as PNG via
 * ./png.ts): the loss at each iteration (thin), the smooth loss (bold) and the validation loss (points), drawn by
 * Vega-Lite and rendered to SVG by Vega's headless renderer — no browser, no canvas. Vega 5 and Vega-Lite 5 are used
 * because they still ship CommonJS builds and support Node 20 (Vega-Lite 6 needs Node 22).
 *
 * The log is thinned to at most STATIC_PLOT_POINTS records (decimateLog keeps the first, the last and every
 * validation point), plenty for a printed page, and keeps the SVG near 50 kB.
 */
import * as vega from 'vega';
import { compile } from 'vega-lite';
import type { TopLevelSpec } from 'vega-lite';
import { decimateLog } from './report';
import type { LogRecord } from './report';

/** The most log records drawn in the static plot. */
export const STATIC_PLOT_POINTS = 1000;

const SERIES = ['loss per iteration', 'smooth loss', 'validation loss'] as const;
const COLORS = ['rgba(31, 119, 180, 0.45)', '#0b3d91', '#e8710a'];

/** The SVG of the loss curves; `stoppedAt` marks where training stopped early (a dashed red rule). */
export async function lossPlotSvg(log: LogRecord[], lossLabel: string, options: { width?: number; height?: number; stoppedAt?: number } = {}): Promise<string> {
  const rows: { iter: number; series: string; value: number }[] = [];
  for (const r of decimateLog(log, STATIC_PLOT_POINTS)) {
    const values = [r.loss, r.smoothLoss, r.valLoss];
    values.forEach((value, i) => {
      if (value !== undefined && Number.isFinite(value)) rows.push({ iter: r.iter, series: SERIES[i], value });
    });
  }
  const shown = SERIES.filter((s) => rows.some((r) => r.series === s));
  const encoding = {
    x: { field: 'iter', type: 'quantitative', title: 'iteration', axis: { format: ',d', tickCount: 10, tickMinStep: 1 } },
    y: { field: 'value', type: 'quantitative', title: lossLabel, scale: { zero: false } },
    color: { field: 'series', type: 'nominal', title: null, scale: { domain: shown, range: shown.map((s) => COLORS[SERIES.indexOf(s)]) }, legend: { orient: 'bottom' } },
  } as const;
  const spec: TopLevelSpec = {
    width: options.width ?? 720,
    height: options.height ?? 320,
    background: 'white',
    config: { font: 'DejaVu Sans', axis: { labelFontSize: 11, titleFontSize: 12 }, legend: { labelFontSize: 12, labelLimit: 400 } },
    layer: [
      { data: { values: rows.filter((r) => r.series === SERIES[0]) }, mark: { type: 'line', strokeWidth: 1 }, encoding },
      { data: { values: rows.filter((r) => r.series === SERIES[1]) }, mark: { type: 'line', strokeWidth: 2.5 }, encoding },
      { data: { values: rows.filter((r) => r.series === SERIES[2]) }, mark: { type: 'point', filled: true, size: 40 }, encoding },
      ...(options.stoppedAt === undefined
        ? []
        : [{ data: { values: [{ iter: options.stoppedAt }] }, mark: { type: 'rule' as const, color: '#cf222e', strokeDash: [6, 4], strokeWidth: 2 }, encoding: { x: { field: 'iter', type: 'quantitative' as const } } }]),
    ],
  };
  const view = new vega.View(vega.parse(compile(spec).spec), { renderer: 'none' });
  const svg = await view.toSVG();
  view.finalize();
  return svg;
}
