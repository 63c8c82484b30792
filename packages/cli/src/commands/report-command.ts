/**
 * `rnnlab report RUN [--docx FILE.docx]`: rebuilds a run's report.html (and samples.md) from its files — after the
 * student has filled in answers.md, say — and with --docx writes the same report as a Word document. Writes the
 * answers.md template first when the run has none (never over an existing one).
 *
 * The run is locked while its report is rebuilt (a training that is writing it is refused, naming its pid); every file
 * is written atomically, so an error or a signal leaves each one as it was or complete; Ctrl-C / SIGTERM release the
 * lock and exit 130 / 143.
 */
import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import { Command } from 'commander';
import { writeFileAtomic } from '@rnnlab/core';
import { FlagError } from '../errors';
import { writeAnswersTemplate } from '../report/answers';
import { minCharRnnCorrespondence, readModelSources } from '../report/source-appendix';
import { SIGNAL_EXIT_CODES } from '../train/interrupt';
import type { StopSignal } from '../train/interrupt';
import { writeReports } from '../train/report-files';
import { RunDirectory } from '../train/run-directory';
import { checkOutputFile } from './output-file';

/** Refuses a --docx path that is not a new .docx in an existing folder, or a Word document rnnlab may replace. */
function checkDocxPath(path: string): void {
  checkOutputFile('--docx', path, '.docx');
  if (!existsSync(path)) return;
  if (statSync(path).isDirectory()) throw new FlagError(`--docx ${path} is a folder; expected a file name ending in .docx.`);
  const magic = Buffer.alloc(4);
  const fd = openSync(path, 'r');
  try {
    readSync(fd, magic, 0, 4, 0);
  } finally {
    closeSync(fd);
  }
  if (!magic.equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]))) {
    throw new FlagError(`--docx ${path} exists and is not a Word document; rnnlab replaces only a .docx (a zip file). Choose another name.`);
  }
}

/** Rebuilds the report of the run in `dir`; with `docx`, writes the Word document there too. */
export async function rebuildReport(dir: string, docx: string | undefined, out: NodeJS.WritableStream): Promise<void> {
  if (docx !== undefined) checkDocxPath(docx);
  const run = RunDirectory.open(dir, dir);
  const stop = (signal: StopSignal) => {
    run.release();
    process.stderr.write(`rnnlab report: interrupted by ${signal}; every file is as it was or complete.\n`);
    process.exit(SIGNAL_EXIT_CODES[signal]);
  };
  process.once('SIGINT', stop).once('SIGTERM', stop);
  try {
    if (writeAnswersTemplate(run.path('answers'), dir)) out.write(`Wrote the answers template ${run.path('answers')}: answer the questions there, then run this again.\n`);
    const log = run.readLog();
    const input = await writeReports(run, { iterations: log[log.length - 1]?.iter ?? 0, seconds: null });
    const answers = input.sections?.answers ?? [];
    const open = answers.filter((a) => a.blocks === null).map((a) => a.number);
    out.write(`Answers: ${answers.length - open.length} of ${answers.length} questions answered in ${run.path('answers')}${open.length === 0 ? '' : ` (unanswered: ${open.join(', ')})`}.\n`);
    out.write(`Report: ${run.path('report')}\n`);
    if (docx === undefined || input.sections === undefined) return;
    const sources = readModelSources(run.config.plan);
    const correspondence = run.config.plan.model === 'min-char-rnn' ? minCharRnnCorrespondence(sources) : [];
    const { renderReportDocx } = await import('../report/docx/report-docx.js'); // docx and resvg only when a document is asked for
    const bytes = await renderReportDocx({ ...input, sections: input.sections, sources, correspondence });
    writeFileAtomic(docx, bytes);
    out.write(`Word document: ${docx} (${Math.round(bytes.length / 1024)} kB)\n`);
  } finally {
    process.removeListener('SIGINT', stop).removeListener('SIGTERM', stop);
    run.release();
  }
}

export function reportCommand(): Command {
  return new Command('report')
    .description('Rebuild a run\'s report.html (with the answers from its answers.md), and write it as a Word document.')
    .argument('<run>', 'a run directory written by rnnlab train')
    .option('--docx <file.docx>', 'also write the report as a Word document (replacing an older one)')
    .action(async (dir: string, flags: { docx?: string }) => {
      await rebuildReport(dir, flags.docx, process.stdout);
    });
}
