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
import { CSS, PLOT_SCRIPT } from './report-assets';
import { answersSection, architectureSection, gradCheckSection, hyperparametersSection, passageSection } from './report-sections';
import type { AssignmentSections } from './report-sections';
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
  /** The assignment's sections (hyperparameters, architecture, gradient check, passage, answers, the static plot). */
  sections?: AssignmentSections;
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
  const sections = input.sections;
  const staticPlot = sections?.lossPlotSvg == null ? '' : `\n<figure class="static-plot" aria-label="Loss curves (static, for print)">${sections.lossPlotSvg}</figure>`;
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
${sections === undefined ? '' : [hyperparametersSection(sections), architectureSection(sections), gradCheckSection(sections)].join('\n')}
<section class="page"><h2>Loss</h2>
${hasPlot ? `<noscript><p class="note">The loss plot needs JavaScript. The summary and the samples are plain HTML, and the loss log
is in this file as JSON (the script element with id "rnnlab-data").</p></noscript>
<div id="loss-plot" role="img" aria-label="Loss curve: ${escapeHtml(input.lossLabel)} against iteration"></div>
<p><button type="button" id="y-scale" hidden>log y axis</button></p>
<p class="caption">${plotCaption(input.log, plotted)}</p>${staticPlot}` : '<p class="note">No loss was logged for this run.</p>'}</section>
<section class="page"><h2>Text evolution</h2>
${samplesGrid(samples)}</section>
${sections === undefined ? '' : [passageSection(sections), answersSection(sections)].join('\n')}
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

/** The samples side by side: one card per sample, in iteration order, as many to a row as fit (four on paper). */
function samplesGrid(samples: SampleRecord[]): string {
  if (samples.length === 0) return '<p class="note">No samples were recorded.</p>';
  const cards = samples.map((s) => {
    const { sampling, prime } = describeSampling(s);
    const primeHtml = prime === undefined ? '' : `<br>primed with <code>${escapeHtml(prime)}</code>`;
    // The parser drops one newline right after <pre>, so one is always written: a sample's own leading newline survives.
    return `<figure class="sample" data-iter="${s.iter}"><figcaption><strong class="iter">${escapeHtml(iterationHeading(s.iter))}</strong><br><span class="settings">${escapeHtml(sampling)}${primeHtml}</span></figcaption><pre>\n${escapeHtml(showControlCharacters(s.text))}</pre></figure>`;
  });
  return `<div class="samples">\n${cards.join('\n')}\n</div>`;
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
