/**
 * samples.md and report.html of a run, rebuilt from its logs (log.jsonl, samples.jsonl) and config.json, so they
 * always show the whole run — every part of a resumed one — and never more than its checkpoint holds.
 */
import { writeFileAtomic } from '@rnnlab/core';
import { renderReportHtml, renderSamplesMarkdown } from '../report';
import type { LogRecord } from '../report';
import type { RunDirectory } from './run-directory';

/** What the report says besides the logs. */
export interface ReportFacts {
  lossLabel: string;
  vocabLevel: 'char' | 'word';
  iterations: number;
  /** Seconds this process trained. */
  seconds: number;
  stoppedEarly?: { iteration: number; reason: string };
}

/** Writes samples.md and report.html (atomically). */
export function writeReports(run: RunDirectory, facts: ReportFacts): void {
  const log = run.readLog();
  const samples = run.readSamples();
  const { config } = run;
  const summary = reportSummary(run, facts, log);
  writeFileAtomic(run.path('samplesMd'), renderSamplesMarkdown(samples, { title: `Samples: ${config.plan.model} on ${config.corpus.name}`, summary }));
  writeFileAtomic(
    run.path('report'),
    renderReportHtml({
      title: `rnnlab: ${config.plan.model} on ${config.corpus.name}`,
      summary,
      lossLabel: facts.lossLabel,
      log,
      samples,
      ...(facts.stoppedEarly === undefined ? {} : { stoppedEarly: facts.stoppedEarly }),
    }),
  );
}

function reportSummary(run: RunDirectory, facts: ReportFacts, log: LogRecord[]): Record<string, string | number> {
  const { config } = run;
  const last = log[log.length - 1];
  const valLosses = log.filter((r) => r.valLoss !== undefined);
  return {
    model: config.plan.model,
    corpus: `${config.corpus.name} (${config.corpus.characters.toLocaleString('en-US')} characters)`,
    vocabulary: `${config.vocabSize} ${facts.vocabLevel === 'word' ? 'words' : 'characters'}`,
    parameters: config.parameters,
    iterations: facts.iterations,
    'final smooth loss': last === undefined ? '-' : last.smoothLoss.toFixed(4),
    'validation loss': valLosses.length === 0 ? '-' : (valLosses[valLosses.length - 1].valLoss as number).toFixed(4),
    seed: config.plan.seed,
    'wall time (this part)': `${facts.seconds.toFixed(1)} s`,
    command: config.command,
    ...(config.resumes.length === 0 ? {} : { resumed: config.resumes.map((r) => `from ${r.fromIteration}: ${r.command}`).join('; ') }),
  };
}
