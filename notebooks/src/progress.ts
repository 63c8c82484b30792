/**
 * Live training progress in a notebook: one output that updates in place (a display id) with a bar, the latest
 * numbers and a sparkline of the loss, redrawn at most every `everyMs` milliseconds.
 *
 * A training loop runs synchronously and would hold every message until it ends, so `update` is async: when it
 * redraws, it also yields to the event loop once, which lets the kernel send the update. Call it as
 * `await progress.update(i, { loss })`; between redraws it costs a comparison.
 */
import { escapeHtml } from '@rnnlab/core';
import { updatableDisplay, type MimeBundle, type UpdatableDisplay } from './display';

/** What `trainingProgress` takes. `total`: the number of steps; `everyMs`: the least time between redraws. */
export interface ProgressOptions {
  total: number;
  title?: string;
  everyMs?: number;
  /** Which value the sparkline draws (default "loss"). */
  plotKey?: string;
}

/** A live progress display. */
export interface TrainingProgress {
  /** Records step `step` (1-based) with its values; redraws when `everyMs` has passed since the last redraw. */
  update(step: number, values: Record<string, number>): Promise<void>;
  /** Redraws with the last values (call once when the loop ends). */
  done(): void;
  /** How many times the display was drawn so far. */
  readonly redraws: number;
}

/** Starts a live progress display in the running cell. */
export function trainingProgress(options: ProgressOptions, output: UpdatableDisplay = updatableDisplay()): TrainingProgress {
  const everyMs = options.everyMs ?? 250;
  const plotKey = options.plotKey ?? 'loss';
  const started = Date.now();
  const history: { step: number; value: number }[] = [];
  let last = { step: 0, values: {} as Record<string, number> };
  let lastDraw = -Infinity;
  let redraws = 0;
  const draw = () => {
    output.show(progressBundle(options, last.step, last.values, history, (Date.now() - started) / 1000));
    lastDraw = Date.now();
    redraws++;
  };
  draw();
  return {
    async update(step, values) {
      last = { step, values };
      if (Number.isFinite(values[plotKey])) history.push({ step, value: values[plotKey] });
      if (Date.now() - lastDraw < everyMs && step < options.total) return;
      draw();
      await new Promise((resolve) => setImmediate(resolve));
    },
    done: draw,
    get redraws() {
      return redraws;
    },
  };
}

/** The display for one state of the progress: a bar with numbers (HTML) and the same numbers as text. */
export function progressBundle(
  options: ProgressOptions, step: number, values: Record<string, number>, history: readonly { step: number; value: number }[], seconds: number,
): MimeBundle {
  const numbers = Object.entries(values).map(([k, v]) => `${k} ${formatValue(v)}`).join(' · ');
  const text = `${options.title ? `${options.title}: ` : ''}step ${step} / ${options.total}${numbers ? ` · ${numbers}` : ''} · ${seconds.toFixed(1)} s`;
  const percent = options.total > 0 ? Math.min(100, (100 * step) / options.total) : 0;
  const html = `<div class="rnnlab-progress" data-step="${step}" data-total="${options.total}" style="font: 13px/1.4 system-ui, sans-serif; display: flex; gap: 12px; align-items: center;">
<progress value="${step}" max="${options.total}" style="width: 220px;">${percent.toFixed(0)}%</progress>
<span>${escapeHtml(text)}</span>
${sparkline(history)}
</div>`;
  return { 'text/html': html, 'text/plain': text };
}

function formatValue(v: number): string {
  return Number.isInteger(v) ? String(v) : Math.abs(v) >= 1e4 || Math.abs(v) < 1e-3 ? v.toExponential(3) : v.toFixed(4);
}

/** An inline SVG polyline of the history (at most 200 points, evenly thinned), 160×32 px. */
function sparkline(history: readonly { step: number; value: number }[]): string {
  if (history.length < 2) return '';
  const stride = Math.ceil(history.length / 200);
  const points = history.filter((_, i) => i % stride === 0 || i === history.length - 1);
  const xs = points.map((p) => p.step);
  const ys = points.map((p) => p.value);
  const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const sx = (x: number) => (x1 > x0 ? ((x - x0) / (x1 - x0)) * 156 + 2 : 2);
  const sy = (y: number) => (y1 > y0 ? 30 - ((y - y0) / (y1 - y0)) * 28 : 16);
  const path = points.map((p) => `${sx(p.step).toFixed(1)},${sy(p.value).toFixed(1)}`).join(' ');
  return `<svg width="160" height="32" viewBox="0 0 160 32" aria-label="loss so far"><polyline fill="none" stroke="#1f77b4" stroke-width="1.5" points="${path}"/></svg>`;
}
