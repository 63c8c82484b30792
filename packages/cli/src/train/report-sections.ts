/**
 * The assignment's sections of a run's report, gathered from its directory: config.json (the command, every setting,
 * the architecture), gradcheck.json, the loss log (the static plot), the best checkpoint (a 1,000-token passage)
 * and answers.md. Everything is read, nothing written, so a report can be rebuilt at any time.
 */
import { existsSync } from 'node:fs';
import { LM_LOSS_LABEL, loadCheckpoint, minCharIterationsPerEpoch, minCharLossLabel, samplerFromCheckpoint } from '@rnnlab/core';
import { readGradCheckFile } from '../gradcheck/gradcheck-file';
import { architectureOf } from '../report/architecture-of';
import { readAnswers } from '../report/answers';
import { unrolledNetworkSvg } from '../report/diagram-svg';
import type { LogRecord } from '../report';
import type { AssignmentSections, Passage } from '../report/report-sections';
import { flagName } from './flags';
import type { ModelSettings } from './plan';
import type { RunConfig, RunDirectory } from './run-directory';

/** Tokens in the report's passage (DD2424: "a passage of length 1000 characters"). */
export const PASSAGE_LENGTH = 1000;

/** The y-axis label of a run's loss: what its session of @rnnlab/core calls it. */
export function lossLabelOf(plan: ModelSettings): string {
  return plan.model === 'min-char-rnn' ? minCharLossLabel(plan.seqLength) : LM_LOSS_LABEL;
}

/** Settings whose flag is not `--` + the setting's name in kebab case. */
const FLAG_OF: Record<string, string> = { hiddenSize: '--hidden', learningRate: '--lr', embeddingSize: '(words: the hidden size)', sampleAt: '--sample-at' };

/** The command line(s) and every resolved setting and schedule entry, as [name, value] rows. */
export function hyperparameterRows(config: RunConfig): [string, string][] {
  const show = (v: unknown) => (v === null ? 'none' : Array.isArray(v) ? (v.length === 0 ? 'none' : v.join(', ')) : String(v));
  const rows: [string, string][] = [['command', config.command]];
  for (const r of config.resumes) rows.push([`resumed from iteration ${r.fromIteration}`, r.command]);
  rows.push(['corpus', `${config.corpus.name} (${config.corpus.characters.toLocaleString('en-US')} characters, vocabulary ${config.vocabSize})`]);
  rows.push(['started', config.startedAt]);
  const { plan, schedule } = config;
  if (plan.model === 'min-char-rnn') {
    const perEpoch = minCharIterationsPerEpoch(config.corpus.characters, plan.seqLength);
    rows.push(['one epoch', `${perEpoch.toLocaleString('en-US')} iterations: ⌊(characters − 2) / seq-length⌋ chunks`]);
  }
  for (const [key, value] of [...Object.entries(plan), ...Object.entries(schedule)]) {
    if (key === 'log' && value === null) continue;
    rows.push([`${key} ${FLAG_OF[key] ?? flagName(key)}`, show(value)]);
  }
  return rows;
}

/** 1,000 tokens from the run's best checkpoint (lowest validation loss), else from its latest. */
function passageOf(run: RunDirectory): Passage | null {
  const best = existsSync(run.path('best'));
  const path = best ? run.path('best') : run.path('checkpoint');
  if (!existsSync(path)) return null;
  const checkpoint = loadCheckpoint(path);
  const { plan, schedule } = run.config;
  const why = best
    ? `the lowest validation loss, ${(checkpoint.valLoss as number).toFixed(4)}`
    : plan.model === 'min-char-rnn' || plan.valFraction === 0
      ? 'the latest checkpoint: with no validation split, the final model stands for the best'
      : 'the latest checkpoint: no validation loss was measured yet';
  const text = samplerFromCheckpoint(checkpoint).sample({ length: PASSAGE_LENGTH, temperature: schedule.temperature, seed: plan.seed });
  return {
    text, checkpoint: best ? 'checkpoint-best.json' : 'checkpoint.json', why, iteration: checkpoint.iteration, seed: plan.seed,
    temperature: schedule.temperature, length: PASSAGE_LENGTH, level: plan.level,
  };
}

/** The run's assignment sections; `log` is its loss log, `stoppedAt` where training stopped early. */
export async function assignmentSections(run: RunDirectory, log: LogRecord[], stoppedAt?: number): Promise<AssignmentSections> {
  const { config } = run;
  const architecture = architectureOf(config.plan, config.vocabSize);
  // Vega is loaded only here, when a report is written: it adds half a second to every start of the CLI otherwise.
  const { lossPlotSvg } = await import('../report/loss-plot.js');
  return {
    hyperparameters: hyperparameterRows(config),
    architecture,
    diagramSvg: unrolledNetworkSvg(architecture.unrolled),
    gradCheck: existsSync(run.path('gradcheck')) ? readGradCheckFile(run.path('gradcheck')) : null,
    lossPlotSvg: log.length === 0 ? null : await lossPlotSvg(log, lossLabelOf(config.plan), stoppedAt === undefined ? {} : { stoppedAt }),
    passage: passageOf(run),
    answers: readAnswers(run.path('answers')),
    answersPath: run.path('answers'),
  };
}
