/**
 * samples.md and report.html of a run, rebuilt from its files (log.jsonl, samples.jsonl, config.json, gradcheck.json,
 * the checkpoints, answers.md), so they always show the whole run — every part of a resumed one — and never more than
 * its checkpoint holds. `rnnlab train` writes them when it stops; `rnnlab report` rebuilds them (and the Word
 * document) after the student fills in answers.md.
 */
import { writeFileAtomic } from '@rnnlab/core';
import { renderReportHtml, renderSamplesMarkdown } from '../report';
import type { LogRecord, ReportInput } from '../report';
import { assignmentSections, lossLabelOf } from './report-sections';
import type { RunDirectory } from './run-directory';

/** What the report says besides the run's files. */
export interface ReportFacts {
  iterations: number;
  /** Seconds this process trained (null when rebuilding: the log's last `seconds` is the training time). */
  seconds: number | null;
  stoppedEarly?: { iteration: number; reason: string };
}

/** Everything the report shows, from the run's files. */
export async function reportInput(run: RunDirectory, facts: ReportFacts): Promise<ReportInput> {
  const log = run.readLog();
  const { config } = run;
  return {
    title: `rnnlab: ${config.plan.model} on ${config.corpus.name}`,
    summary: reportSummary(run, facts, log),
    lossLabel: lossLabelOf(config.plan),
    log,
    samples: run.readSamples(),
    ...(facts.stoppedEarly === undefined ? {} : { stoppedEarly: facts.stoppedEarly }),
    sections: await assignmentSections(run, log, facts.stoppedEarly?.iteration),
  };
}

/** Writes samples.md and report.html (atomically); returns what report.html shows. */
export async function writeReports(run: RunDirectory, facts: ReportFacts): Promise<ReportInput> {
  const input = await reportInput(run, facts);
  writeFileAtomic(run.path('samplesMd'), renderSamplesMarkdown(input.samples, { title: `Samples: ${run.config.plan.model} on ${run.config.corpus.name}`, summary: input.summary }));
  writeFileAtomic(run.path('report'), renderReportHtml(input));
  return input;
}

function reportSummary(run: RunDirectory, facts: ReportFacts, log: LogRecord[]): Record<string, string | number> {
  const { config } = run;
  const last = log[log.length - 1];
  const valLosses = log.filter((r) => r.valLoss !== undefined);
  const time: Record<string, string> =
    facts.seconds !== null
      ? { 'wall time (this part)': `${facts.seconds.toFixed(1)} s` }
      : last?.seconds === undefined ? {} : { 'training time': `${last.seconds.toFixed(1)} s` };
  return {
    model: config.plan.model,
    corpus: `${config.corpus.name} (${config.corpus.characters.toLocaleString('en-US')} characters)`,
    vocabulary: `${config.vocabSize} ${config.plan.level === 'word' ? 'words' : 'characters'}`,
    parameters: config.parameters,
    iterations: facts.iterations,
    'final smooth loss': last === undefined ? '-' : last.smoothLoss.toFixed(4),
    'validation loss': valLosses.length === 0 ? '-' : (valLosses[valLosses.length - 1].valLoss as number).toFixed(4),
    seed: config.plan.seed,
    ...time,
    command: config.command,
    ...(config.resumes.length === 0 ? {} : { resumed: config.resumes.map((r) => `from ${r.fromIteration}: ${r.command}`).join('; ') }),
  };
}
