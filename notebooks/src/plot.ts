/**
 * Plots in notebooks, drawn by plotly.js and never fetched from the internet. A plot is one display with three
 * representations, and each frontend shows the best it can:
 * - `application/vnd.plotly.v1+json` — the figure as data, rendered by JupyterLab's (and Notebook 7's) plotly
 *   extension, which ships in plotly's Python wheel; it renders in untrusted notebooks too;
 * - `text/html` — a <div> and a script that draws it with plotly.js, for the classic Notebook (trusted) and HTML
 *   exports; the first plot of a kernel session carries the whole plotly.js bundle (≈ 4.8 MB), later ones reuse it;
 * - `text/plain` — one line saying what the plot shows, for consoles and text exports.
 */
import { escapeHtml, inlineScript, jsonForScript, plotlyBundle, Tensor } from '@rnnlab/core';
import { display, type MimeBundle } from './display';

/** A plotly figure: traces, layout and config exactly as plotly.js takes them. */
export interface Figure {
  data: object[];
  layout?: Record<string, unknown>;
  config?: Record<string, unknown>;
}

/** The MIME type JupyterLab's plotly extension renders. */
export const PLOTLY_MIME = 'application/vnd.plotly.v1+json';

const DEFAULT_LAYOUT = { margin: { l: 60, r: 20, t: 50, b: 50 }, height: 360 };

let plotlyInlined = false;
let plotCount = 0;

/** The bundle for `figure`; `includePlotly` puts the plotly.js bundle in its HTML (once per kernel session). */
export function plotBundle(figure: Figure, options: { includePlotly: boolean; id: string }): MimeBundle {
  const given = Object.fromEntries(Object.entries(figure.layout ?? {}).filter(([, v]) => v !== undefined));
  const layout = { ...DEFAULT_LAYOUT, ...given };
  const config = { responsive: true, displaylogo: false, ...figure.config };
  const height = typeof layout.height === 'number' ? layout.height : DEFAULT_LAYOUT.height;
  // The UMD bundle registers with require.js when the page has it (the classic Notebook); hiding define, module and
  // exports makes it set window.Plotly in every page.
  const library = options.includePlotly
    ? `<script>(function (define, module, exports) {\n${inlineScript(plotlyBundle())}\n}).call(window);</script>\n`
    : '';
  const html = `${library}<div id="${options.id}" class="rnnlab-plot" style="height: ${height}px;"></div>
<script>(function () {
  var figure = ${jsonForScript({ data: figure.data, layout, config })};
  var draw = function () { window.Plotly.newPlot(${JSON.stringify(options.id)}, figure.data, figure.layout, figure.config); };
  if (window.Plotly) draw(); else document.getElementById(${JSON.stringify(options.id)}).textContent = 'plotly.js is not loaded: re-run the first plot of this notebook.';
})();</script>`;
  return {
    [PLOTLY_MIME]: { data: figure.data, layout, config },
    'text/html': html,
    'text/plain': describeFigure(figure),
  };
}

/** Shows `figure` in the running cell. */
export function plot(figure: Figure): void {
  const bundle = plotBundle(figure, { includePlotly: !plotlyInlined, id: `rnnlab-plot-${process.pid}-${++plotCount}` });
  display(bundle);
  plotlyInlined = true;
}

/** One line for text-only frontends: `[plot] Title: heatmap 4×7` or `[plot] Loss: 2 lines (loss, smooth)`. */
export function describeFigure(figure: Figure): string {
  const title = titleOf(figure.layout) ?? 'untitled';
  const kinds = figure.data.map((trace) => {
    const t = trace as { type?: string; name?: string; z?: unknown[][]; y?: unknown[] };
    const type = t.type ?? 'scatter';
    if (type === 'heatmap' && Array.isArray(t.z)) return `heatmap ${t.z.length}×${Array.isArray(t.z[0]) ? t.z[0].length : 0}`;
    return `${type === 'scatter' ? 'line' : type}${t.name ? ` "${t.name}"` : ''}${Array.isArray(t.y) ? ` (${t.y.length} points)` : ''}`;
  });
  return `[plot] ${title}: ${kinds.join(', ')}`;
}

function titleOf(layout: Record<string, unknown> | undefined): string | undefined {
  const title = layout?.title;
  if (typeof title === 'string') return title;
  if (title && typeof title === 'object' && typeof (title as { text?: unknown }).text === 'string') return (title as { text: string }).text;
  return undefined;
}

/** Rows of a [rows, cols] Tensor or nested array, as plotly's `z`. */
function rowsOf(matrix: Tensor | readonly (readonly number[])[]): number[][] {
  if (!(matrix instanceof Tensor)) return matrix.map((row) => [...row]);
  if (matrix.rank !== 2) throw new Error(`heatmap: matrix has shape [${matrix.shape.join(', ')}], expected a 2-D [rows, cols] tensor`);
  const [rows, cols] = matrix.shape;
  return Array.from({ length: rows }, (_, i) => Array.from(matrix.data.subarray(i * cols, (i + 1) * cols)));
}

/** Options shared by the quick plots. */
export interface QuickPlotOptions {
  title?: string;
  xTitle?: string;
  yTitle?: string;
  height?: number;
  /** A logarithmic y axis (for errors and gradient norms that span many orders of magnitude). */
  logY?: boolean;
}

/**
 * A heatmap of a [rows, cols] matrix, row 0 at the top; `x`/`y` label the columns and rows. White for low and dark
 * blue for high; with `signed`, blue for negative, white for 0 and red for positive (for gradients and weights).
 */
export function heatmap(
  matrix: Tensor | readonly (readonly number[])[],
  options: QuickPlotOptions & { x?: readonly (string | number)[]; y?: readonly (string | number)[]; colorscale?: string | [number, string][]; signed?: boolean } = {},
): void {
  const z = rowsOf(matrix);
  const colors = options.signed
    ? { colorscale: options.colorscale ?? [[0, '#2166ac'], [0.5, '#f7f7f7'], [1, '#b2182b']], zmid: 0 }
    : { colorscale: options.colorscale ?? [[0, '#f7fbff'], [1, '#08306b']] };
  plot({
    data: [{ type: 'heatmap', z, x: options.x, y: options.y, ...colors, xgap: 1, ygap: 1 }],
    layout: {
      title: { text: options.title ?? '' },
      height: options.height ?? Math.min(600, 120 + 28 * z.length),
      xaxis: { title: { text: options.xTitle ?? '' }, type: 'category', side: 'top' },
      yaxis: { title: { text: options.yTitle ?? '' }, type: 'category', autorange: 'reversed' },
    },
  });
}

/** A bar chart of `values` against `labels`. */
export function barChart(labels: readonly (string | number)[], values: readonly number[], options: QuickPlotOptions = {}): void {
  plot({
    data: [{ type: 'bar', x: [...labels], y: [...values] }],
    layout: {
      title: { text: options.title ?? '' },
      height: options.height,
      xaxis: { title: { text: options.xTitle ?? '' }, type: 'category' },
      yaxis: { title: { text: options.yTitle ?? '' }, ...(options.logY ? { type: 'log', exponentformat: 'power' } : {}) },
    },
  });
}

/** Lines: one per series, `x` defaulting to 0, 1, 2, … */
export function lineChart(series: readonly { name: string; y: readonly number[]; x?: readonly number[] }[], options: QuickPlotOptions = {}): void {
  plot({
    data: series.map((s) => ({ type: 'scatter', mode: 'lines', name: s.name, x: s.x ? [...s.x] : s.y.map((_, i) => i), y: [...s.y] })),
    layout: {
      title: { text: options.title ?? '' },
      height: options.height,
      xaxis: { title: { text: options.xTitle ?? '' } },
      yaxis: { title: { text: options.yTitle ?? '' }, ...(options.logY ? { type: 'log', exponentformat: 'power' } : {}) },
    },
  });
}
