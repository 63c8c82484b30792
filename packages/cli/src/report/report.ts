/**
 * report.html — the page a student hands in after `rnnlab train`: title, the run's summary, the loss curve and the
 * text-evolution table (the samples taken as training went on). The page is self-contained: uPlot (a 50 kB chart
 * library, MIT) is read from the installed `uplot` package when the page is generated and inlined with its CSS, so
 * the page opens offline from a file and stays small (about 60 kB plus the data; plotly.js, used before, added
 * 4.8 MB to every report). Without JavaScript everything but the plot still shows (the summary and the table are plain
 * HTML; a <noscript> note says so).
 *
 * The data the plot draws sits in `<script type="application/json" id="rnnlab-data">`:
 * `{ title, lossLabel, summary, log, totalLogRecords, samples, stoppedEarly }`, where `log` is the loss log after
 * `decimateLog` (at most MAX_PLOT_POINTS records; see there). Every `<`, `>` and `&` in it is written as a \u escape,
 * so no text in the data (a sample saying "</script>", "<!--") can end the block; JSON.parse reads it back unchanged.
 * Non-finite losses (a run that diverged) become null, which the plot draws as a gap.
 */
import { readFileSync } from 'node:fs';
import { ValueError, checkInteger, escapeHtml, inlineScript, jsonForScript } from '@rnnlab/core';
import {
  type SampleRecord, checkSamples, checkSummary, checkTitle, describeSampling, formatSummaryValue, iterationHeading,
  showControlCharacters,
} from './samples-md';

/** One line of the loss log. `loss`: this iteration's loss; `smoothLoss`: its moving average; `valLoss`: when measured. */
export interface LogRecord { iter: number; loss: number; smoothLoss: number; valLoss?: number; lr?: number; epoch?: number; seconds?: number }

/**
 * Everything report.html shows. `summary`: run facts in display order (model, corpus, vocab size, parameters, ...);
 * `lossLabel`: the y-axis title naming the loss unit, e.g. "loss (nats per character, mean)"; `log`: in increasing
 * iteration order; `samples`: any order (shown sorted by iteration); `stoppedEarly`: set when training stopped on a
 * NaN/Inf loss.
 */
export interface ReportInput {
  title: string;
  summary: Record<string, string | number>;
  lossLabel: string;
  log: LogRecord[];
  samples: SampleRecord[];
  stoppedEarly?: { iteration: number; reason: string };
}

/** The most log records drawn per trace; longer logs are thinned by `decimateLog`. */
export const MAX_PLOT_POINTS = 5000;

/** Renders the self-contained report page (≈ 60 kB with the inlined uPlot, plus the data). */
export function renderReportHtml(input: ReportInput): string {
  const fn = 'renderReportHtml';
  if (input === null || typeof input !== 'object') throw new ValueError(`${fn}: input is ${String(input)}, expected a ReportInput object`);
  checkTitle(fn, 'input.title', input.title);
  checkTitle(fn, 'input.lossLabel', input.lossLabel);
  const summary = checkSummary(fn, 'input.summary', input.summary);
  checkLog(fn, 'input.log', input.log);
  const samples = checkSamples(fn, 'input.samples', input.samples);
  const stop = input.stoppedEarly;
  if (stop !== undefined) {
    if (stop === null || typeof stop !== 'object') throw new ValueError(`${fn}: input.stoppedEarly is ${String(stop)}, expected { iteration, reason }`);
    checkInteger(fn, 'input.stoppedEarly.iteration', stop.iteration, 0);
    checkTitle(fn, 'input.stoppedEarly.reason', stop.reason);
  }

  const plotted = decimateLog(input.log);
  const data = {
    title: input.title, lossLabel: input.lossLabel, summary: input.summary, log: plotted,
    totalLogRecords: input.log.length, samples, stoppedEarly: stop ?? null,
  };
  const hasPlot = input.log.length > 0;
  const title = escapeHtml(input.title);
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="rnnlab">
<title>${title}</title>
<style>${CSS}</style>
${hasPlot ? `<style>${readUplot('uPlot.min.css')}</style>\n` : ''}
</head>
<body>
<main>
<h1>${title}</h1>
<p class="subtitle">rnnlab training report</p>
${stop === undefined ? '' : `<p class="alert"><strong>Training stopped early</strong> at iteration ${stop.iteration}: ${escapeHtml(stop.reason)}</p>\n`}<h2>Summary</h2>
<table class="summary"><tbody>
${summary.map(([key, value]) => `<tr><th scope="row">${escapeHtml(key)}</th><td>${summaryCell(key, value)}</td></tr>`).join('\n')}
</tbody></table>
<h2>Loss</h2>
${hasPlot ? `<noscript><p class="note">The loss plot needs JavaScript. The summary and the samples are plain HTML, and the loss log
is in this file as JSON (the script element with id "rnnlab-data").</p></noscript>
<div id="loss-plot" role="img" aria-label="Loss curve: ${escapeHtml(input.lossLabel)} against iteration"></div>
<p><button type="button" id="y-scale" hidden>log y axis</button></p>
<p class="caption">${plotCaption(input.log, plotted)}</p>` : '<p class="note">No loss was logged for this run.</p>'}
<h2>Text evolution</h2>
${samplesTable(samples)}
<footer>Generated by rnnlab${hasPlot ? ` · plot drawn with uPlot ${escapeHtml(uplotVersion())} (MIT license), inlined in this file` : ''}.</footer>
</main>
<script type="application/json" id="rnnlab-data">${jsonForScript(data)}</script>
${hasPlot ? `<script>${inlineScript(readUplot('uPlot.iife.min.js'))}</script>\n<script>${PLOT_SCRIPT}</script>\n` : ''}</body>
</html>
`;
}

/**
 * Thins a long loss log for plotting: keeps the first and the last record, every record with a `valLoss`, and every
 * k-th of the others, k chosen so the total is at most `maxPoints` (unless the validation records alone exceed it:
 * they are all kept). Records stay in order and are the same objects. Plain striding keeps the per-iteration loss's
 * noise representative; the smooth loss is smooth enough that nothing visible is lost.
 * `log`: in increasing iteration order; `maxPoints`: an integer >= 2.
 */
export function decimateLog(log: LogRecord[], maxPoints = MAX_PLOT_POINTS): LogRecord[] {
  checkLog('decimateLog', 'log', log);
  checkInteger('decimateLog', 'maxPoints', maxPoints, 2);
  const n = log.length;
  if (n <= maxPoints) return log.slice();
  const isVal = (r: LogRecord) => r.valLoss !== undefined;
  const fixed = 2 + log.reduce((count, r, i) => count + (isVal(r) && i !== 0 && i !== n - 1 ? 1 : 0), 0);
  const budget = maxPoints - fixed;
  const stride = budget > 0 ? Math.ceil(n / budget) : Infinity;
  return log.filter((r, i) => i === 0 || i === n - 1 || isVal(r) || i % stride === 0);
}

/** Checks a loss log: records with integer `iter` >= 0, strictly increasing, and numeric losses. */
function checkLog(fn: string, arg: string, log: unknown): asserts log is LogRecord[] {
  if (!Array.isArray(log)) throw new ValueError(`${fn}: ${arg} is ${log === null ? 'null' : typeof log}, expected an array of log records`);
  log.forEach((r: LogRecord, i) => {
    const at = `${arg}[${i}]`;
    if (r === null || typeof r !== 'object') throw new ValueError(`${fn}: ${at} is ${String(r)}, expected a log record`);
    checkInteger(fn, `${at}.iter`, r.iter, 0);
    if (i > 0 && r.iter <= log[i - 1].iter) {
      throw new ValueError(`${fn}: ${at}.iter is ${r.iter}, expected more than ${arg}[${i - 1}].iter = ${log[i - 1].iter} (the log must be in increasing iteration order)`);
    }
    for (const key of ['loss', 'smoothLoss', 'valLoss', 'lr', 'epoch', 'seconds'] as const) {
      const v = r[key];
      if ((key === 'loss' || key === 'smoothLoss' || v !== undefined) && typeof v !== 'number') {
        throw new ValueError(`${fn}: ${at}.${key} is ${v === null ? 'null' : typeof v}, expected a number`);
      }
    }
  });
}

function plotCaption(log: LogRecord[], plotted: LogRecord[]): string {
  const hasVal = log.some((r) => r.valLoss !== undefined);
  const traces = `Thin line: the loss at each iteration; bold line: the smooth loss${hasVal ? '; markers: the validation loss' : ''}.`;
  if (plotted.length === log.length) return `${traces} ${log.length} logged iterations, all plotted.`;
  const count = (n: number) => n.toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${traces} ${count(log.length)} logged iterations; ${count(plotted.length)} plotted (evenly spaced, plus the first, the last${hasVal ? ' and every validation point' : ''}).`;
}

function samplesTable(samples: SampleRecord[]): string {
  if (samples.length === 0) return '<p class="note">No samples were recorded.</p>';
  const rows = samples.map((s) => {
    const { sampling, prime } = describeSampling(s);
    const primeHtml = prime === undefined ? '' : `<br>primed with <code>${escapeHtml(prime)}</code>`;
    // The parser drops one newline right after <pre>, so one is always written: a sample's own leading newline survives.
    return `<tr><td class="iter" data-iter="${s.iter}">${escapeHtml(iterationHeading(s.iter))}</td><td class="settings">${escapeHtml(sampling)}${primeHtml}</td><td><pre>\n${escapeHtml(showControlCharacters(s.text))}</pre></td></tr>`;
  });
  return `<table class="samples">
<thead><tr><th scope="col">Iteration</th><th scope="col">Settings</th><th scope="col">Sample</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody></table>`;
}

function summaryCell(key: string, value: string | number): string {
  const text = escapeHtml(formatSummaryValue(value));
  return /command|argv|cmd/i.test(key) && typeof value === 'string' ? `<code>${text}</code>` : text;
}

/** A file of the installed uPlot's dist/ folder. */
export function readUplot(file: 'uPlot.iife.min.js' | 'uPlot.min.css'): string {
  return readFileSync(require.resolve(`uplot/dist/${file}`), 'utf8');
}

function uplotVersion(): string {
  return (JSON.parse(readFileSync(require.resolve('uplot/package.json'), 'utf8')) as { version: string }).version;
}

// Runs in the browser: reads the JSON block and draws the three series with uPlot; a button switches the y axis
// between linear and log; a dashed red line marks where training stopped early. Nothing here depends on the data's text.
const PLOT_SCRIPT = `(function () {
  var el = document.getElementById('loss-plot');
  if (!el || typeof uPlot === 'undefined') return;
  var data = JSON.parse(document.getElementById('rnnlab-data').textContent);
  var col = function (key) { return data.log.map(function (r) { return r[key] === undefined ? null : r[key]; }); };
  var columns = [col('iter'), col('loss'), col('smoothLoss'), col('valLoss')];
  var hasVal = columns[3].some(function (v) { return v !== null; });
  var stop = data.stoppedEarly;
  var fmt = function (u, v) { return v === null || v === undefined ? '-' : v.toFixed(4); };
  var log = false, plot = null;
  var draw = function () {
    if (plot) plot.destroy();
    var series = [
      { label: 'iteration' },
      { label: 'loss per iteration', stroke: 'rgba(31, 119, 180, 0.45)', width: 1, value: fmt },
      { label: 'smooth loss', stroke: '#0b3d91', width: 3, value: fmt }
    ];
    series.push(hasVal ? { label: 'validation loss', stroke: '#e8710a', width: 0, points: { show: true, size: 8, fill: '#e8710a' }, value: fmt }
                       : { label: 'validation loss', show: false });
    plot = new uPlot({
      width: el.clientWidth || 900, height: 460, series: series,
      scales: { x: { time: false, range: function (u, min, max) { return [min, stop ? Math.max(max, stop.iteration) : max]; } }, y: log ? { distr: 3 } : {} },
      axes: [{ label: 'iteration' }, { label: data.lossLabel, size: 70 }],
      hooks: { draw: [function (u) {
        if (!stop) return;
        var x = u.valToPos(stop.iteration, 'x', true), ctx = u.ctx;
        ctx.save(); ctx.strokeStyle = '#cf222e'; ctx.lineWidth = 2; ctx.setLineDash([6, 4]);
        ctx.beginPath(); ctx.moveTo(x, u.bbox.top); ctx.lineTo(x, u.bbox.top + u.bbox.height); ctx.stroke(); ctx.restore();
      }] }
    }, columns, el);
  };
  var button = document.getElementById('y-scale');
  button.hidden = false;
  button.onclick = function () { log = !log; button.textContent = log ? 'linear y axis' : 'log y axis'; draw(); };
  window.addEventListener('resize', function () { if (plot) plot.setSize({ width: el.clientWidth, height: 460 }); });
  draw();
})();`;

const CSS = `
:root { --fg: #1f2328; --muted: #59636e; --border: #d1d9e0; --soft: #f6f8fa; }
body { margin: 0; color: var(--fg); background: #fff; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; }
main { max-width: 1100px; margin: 0 auto; padding: 32px 24px 48px; }
h1 { font-size: 1.9rem; margin: 0; }
h2 { font-size: 1.3rem; margin: 36px 0 12px; padding-bottom: 4px; border-bottom: 1px solid var(--border); }
.subtitle, .caption, .note, footer { color: var(--muted); }
.subtitle { margin: 2px 0 0; }
.caption { font-size: 0.9rem; margin: 6px 0 0; }
.alert { margin: 20px 0 0; padding: 10px 14px; border-left: 4px solid #cf222e; background: #ffebe9; border-radius: 4px; }
table { border-collapse: collapse; width: 100%; }
th, td { padding: 7px 10px; border-bottom: 1px solid var(--border); text-align: left; vertical-align: top; }
.summary th { width: 30%; color: var(--muted); font-weight: 600; }
.summary td { overflow-wrap: anywhere; font-variant-numeric: tabular-nums; }
code, pre { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace; font-size: 0.85rem; }
.summary code { background: var(--soft); padding: 1px 4px; border-radius: 4px; }
#loss-plot { width: 100%; }
.samples thead th { background: var(--soft); }
.samples td.iter { width: 11rem; white-space: nowrap; font-weight: 600; }
.samples td.settings { width: 12rem; color: var(--muted); font-size: 0.9rem; }
.samples pre { margin: 0; padding: 10px 12px; background: var(--soft); border-radius: 6px; white-space: pre-wrap; overflow-wrap: anywhere; line-height: 1.45; }
footer { margin-top: 40px; font-size: 0.85rem; }
@media print { main { max-width: none; padding: 0; } tr, #loss-plot { break-inside: avoid; } }
`;
