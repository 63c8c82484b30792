/**
 * The sections of report.html that answer the assignment, besides the summary, the loss and the text evolution
 * (./report.ts): the command and every hyperparameter, the architecture (Keras-style table, equations, the unrolled
 * diagram), the gradient check, a passage from the best checkpoint, and the questions with the student's answers.
 * The Word document (./docx/) shows the same content from the same input.
 */
import { escapeHtml, formatStep, originalRelError } from '@rnnlab/core';
import type { ModelArchitecture } from '@rnnlab/core';
import type { StoredGradCheck } from '../gradcheck/gradcheck-file';
import type { Answer } from './answers';
import { blocksToHtml } from './markdown';
import { showControlCharacters } from './samples-md';

/** A passage sampled from a checkpoint for the report (DD2424: 1,000 characters from the best model). */
export interface Passage {
  text: string;
  /** The checkpoint's file name in the run (checkpoint-best.json or checkpoint.json) and why it was chosen. */
  checkpoint: string;
  why: string;
  iteration: number;
  seed: number;
  temperature: number;
  /** Tokens sampled, and what a token is. */
  length: number;
  level: 'char' | 'word';
}

/** Everything report.html and report.docx show beyond the run's log and samples. */
export interface AssignmentSections {
  /** The command line(s) and every resolved setting: [name, value]. */
  hyperparameters: [string, string][];
  architecture: ModelArchitecture;
  /** The unrolled network (./diagram-svg.ts). */
  diagramSvg: string;
  /** The gradient check the run keeps (gradcheck.json), or null. */
  gradCheck: StoredGradCheck | null;
  /** The loss curves as a static SVG (./loss-plot.ts), for paper; null when nothing was logged. */
  lossPlotSvg: string | null;
  passage: Passage | null;
  /** The answers, or null when answers.md is missing. */
  answers: Answer[] | null;
  /** Where the student writes the answers (the run's answers.md). */
  answersPath: string;
}

const table = (header: string[], rows: string[][], className: string) =>
  `<table class="${className}"><thead><tr>${header.map((h) => `<th scope="col">${h}</th>`).join('')}</tr></thead>\n<tbody>\n${rows
    .map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`)
    .join('\n')}\n</tbody></table>`;

export function hyperparametersSection(s: AssignmentSections): string {
  const rows = s.hyperparameters.map(([k, v]) => `<tr><th scope="row">${escapeHtml(k)}</th><td>${/^command|^resumed/.test(k) ? `<code>${escapeHtml(v)}</code>` : escapeHtml(v)}</td></tr>`);
  return `<section class="page"><h2>Command and hyperparameters</h2>\n<table class="summary"><tbody>\n${rows.join('\n')}\n</tbody></table></section>`;
}

export function architectureSection(s: AssignmentSections): string {
  const a = s.architecture;
  const group = (n: number) => n.toLocaleString('en-US');
  const rows = a.layers.map((l) => [
    `${escapeHtml(l.name)} <span class="muted">(${escapeHtml(l.type)})</span>`,
    escapeHtml(l.outputShape),
    l.weights.map((w) => `${escapeHtml(w.name)} [${w.shape.join(', ')}]`).join('<br>'),
    `${group(l.parameters)}${l.trainable ? '' : ' <span class="muted">(fixed)</span>'}`,
  ]);
  const totals = `Total parameters: ${group(a.totalParameters)} · trainable: ${group(a.trainableParameters)} · non-trainable: ${group(a.totalParameters - a.trainableParameters)}`;
  return `<section class="page"><h2>Architecture</h2>
<p>${escapeHtml(a.title)}. ${escapeHtml(a.legend)}</p>
${table(['Layer (type)', 'Output shape', 'Weights', 'Parameters'], rows, 'layers')}
<p class="caption">${totals}</p>
<h3>Equations</h3>
<pre class="equations">\n${escapeHtml(a.equations.join('\n'))}</pre>
<h3>The network unrolled in time</h3>
<figure class="diagram">${s.diagramSvg.replace(/^<\?xml[^>]*>\s*/, '')}</figure></section>`;
}

export function gradCheckSection(s: AssignmentSections): string {
  const stored = s.gradCheck;
  if (stored === null) {
    return `<section class="page"><h2>Gradient check</h2><p class="note">This run has no gradient check. Train with <code>--gradcheck</code>
(it checks before training and keeps the table here), or print one with <code>rnnlab gradcheck RUN</code>.</p></section>`;
  }
  const { check } = stored;
  const exp = (v: number, digits: number) => (Number.isFinite(v) ? v.toExponential(digits) : String(v));
  const rows = check.report.rows.map((r) => {
    const failed = check.failures.includes(r);
    return [
      escapeHtml(r.param), `${r.index} [${r.position.join(', ')}]`, exp(r.numerical, 6), exp(r.analytic, 6), exp(r.relError, 2),
      exp(originalRelError(r.analytic, r.numerical), 2), failed ? '<strong class="fail">fails</strong>' : 'passes',
    ];
  });
  const perParam = check.report.perParam.map((p) => [escapeHtml(p.param), String(p.checks), exp(p.maxRelError, 2)]);
  const verdict = check.passed
    ? `<p class="pass"><strong>Passed</strong>: all ${check.report.rows.length} checked entries agree.</p>`
    : `<p class="alert"><strong>Failed</strong>: ${check.failures.length} of ${check.report.rows.length} checked entries disagree.</p>`;
  return `<section class="page"><h2>Gradient check</h2>
<p>${escapeHtml(stored.model)}: ${check.numChecks} random entries of each parameter on ${escapeHtml(stored.where)}; δ = ${formatStep(check.delta)},
entries chosen by RandomState(${stored.seed}). Analytic gradients are the unclipped ones (min-char-rnn.py compares its clipped
analytic gradient with an unclipped numerical one).</p>
${verdict}
<p class="caption">Rule: an entry passes when cs231n's relative error |a − n| / max(1e-8, |a| + |n|) is at most ${check.relTolerance.toExponential(0)},
or when |a − n| is at most ${check.absTolerance.toExponential(2)}, the noise floor of the centred difference (50·ε·max(1, |loss|)/δ at loss
${check.loss.toFixed(4)}). grad-check.py's own |a − n| / |a + n| is shown beside it; it is NaN where both gradients are 0.</p>
${table(['Parameter', 'Index', 'Numerical', 'Analytic', 'Relative error', 'grad-check.py', 'Verdict'], rows, 'gradcheck')}
<h3>Worst relative error per parameter</h3>
${table(['Parameter', 'Checks', 'Max relative error'], perParam, 'gradcheck-summary')}</section>`;
}

export function passageSection(s: AssignmentSections): string {
  const p = s.passage;
  if (p === null) return '';
  const unit = p.level === 'word' ? 'words' : 'characters';
  return `<section class="page"><h2>A passage from the best model</h2>
<p>${p.length.toLocaleString('en-US')} ${unit} sampled from <code>${escapeHtml(p.checkpoint)}</code> (iteration ${p.iteration}; ${escapeHtml(p.why)}),
temperature ${p.temperature}, seed ${p.seed}.</p>
<pre class="passage">\n${escapeHtml(showControlCharacters(p.text))}</pre></section>`;
}

export function answersSection(s: AssignmentSections): string {
  const path = escapeHtml(s.answersPath);
  if (s.answers === null) {
    return `<section class="page"><h2>Questions and answers</h2><p class="alert">No answers: <code>${path}</code> is missing. Run
<code>rnnlab report</code> on this run to write the template there, fill it in, and run it again.</p></section>`;
  }
  const items = s.answers.map((a) => {
    const body = a.blocks === null ? `<p class="unanswered">No answer yet: write it under “## ${a.number}. …” in <code>${path}</code>.</p>` : blocksToHtml(a.blocks);
    return `<article class="answer"><h3>${a.number}. ${escapeHtml(a.question.title)}</h3>\n<p class="prompt">${escapeHtml(a.question.prompt)}</p>\n${body}</article>`;
  });
  return `<section class="page"><h2>Questions and answers</h2>\n${items.join('\n')}</section>`;
}
