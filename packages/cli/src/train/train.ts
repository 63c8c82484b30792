/**
 * What `rnnlab train` does, top-down:
 *
 *     flags ─ plan ─ run directory (locked) ─ session, new or restored ─ loop ─ checkpoints ─ report
 *
 * A new run checks every flag and builds its session before anything is written, then creates its directory whole
 * (with the iteration-0 checkpoint). A resumed run locks its directory, loads and verifies the checkpoint, cuts the
 * logs back to it, and continues. Training yields to the event loop after every iteration, so Ctrl-C / SIGTERM stop
 * it cleanly (./interrupt.ts); divergence stops it with exit 3; a file-system error stops it with one line naming the
 * file, the cause and the checkpoint that is intact.
 */
import { rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import {
  LMSession, loadCheckpoint, loadCorpus, restoreSession, runTrainingLoopAsync, serializeCheckpoint, sessionCheckpoint, writeFileAtomic,
} from '@rnnlab/core';
import type { CheckpointableSession, Corpus, TrainLoopResult, TrainingSample } from '@rnnlab/core';
import { FlagError, RunError, describeFsError, isFsError } from '../errors';
import { EXIT_GRADCHECK_FAILED, gradCheckBeforeTraining } from '../gradcheck/check-session';
import type { SessionGradCheck } from '../gradcheck/check-session';
import { writeGradCheckFile } from '../gradcheck/gradcheck-file';
import { answersTemplate } from '../report/answers';
import type { LogRecord } from '../report';
import { CheckpointKeeper } from './checkpoints';
import { checkFlagCombinations } from './flags';
import type { TrainFlags } from './flags';
import { InterruptWatch, SIGNAL_EXIT_CODES, describeStop } from './interrupt';
import { buildSession, resolveSchedule, settingsFromFlags, vocabFor } from './plan';
import type { Schedule } from './plan';
import { createProgress } from './progress';
import { writeReports } from './report-files';
import { RUN_FILES, RunDirectory, appendLine, runCorpus } from './run-directory';
import { extraLogPath, outputDirectory, resumeTarget } from './run-paths';
import type { RunConfig } from './run-directory';

/** Exit code when training stopped because it diverged (NaN/Inf, or a loss above 3× the first). */
export const EXIT_DIVERGED = 3;

/** Where the run prints: progress and samples to `out`, what went wrong to `err`. */
export interface TrainOutput {
  out: NodeJS.WriteStream;
  err: NodeJS.WritableStream;
}

/** A run ready to train: its directory (locked), its session and schedule, and how it started. */
interface OpenRun {
  run: RunDirectory;
  session: CheckpointableSession;
  schedule: Schedule;
  corpus: Corpus;
  resumedFrom: number | null;
  /** seconds in log.jsonl when this part starts (the earlier parts' time). */
  secondsBefore: number;
}

/** Runs `rnnlab train` with these flags; resolves to the exit code (0, 3 diverged, 130/143 interrupted). */
export async function train(flags: TrainFlags, output: TrainOutput = { out: process.stdout, err: process.stderr }): Promise<number> {
  checkFlagCombinations(flags);
  const started = new Date();
  const open = flags.resume === undefined ? startRun(flags, started, output) : resumeRun(flags, started, output);
  if (open === null) return EXIT_GRADCHECK_FAILED;
  const { session } = open;
  try {
    if (session instanceof LMSession) await session.ready();
    return await trainRun(open, started, output);
  } finally {
    if (session instanceof LMSession) await session.close();
    open.run.release();
  }
}

/** With --gradcheck, the check (null when it failed: then nothing is trained or written); else undefined. */
function gradCheckBefore(flags: TrainFlags, session: CheckpointableSession, ids: ArrayLike<number>, model: string, seed: number, output: TrainOutput): SessionGradCheck | null | undefined {
  return flags.gradcheck === true ? gradCheckBeforeTraining(session, ids, { model, seed, resuming: flags.resume !== undefined }, output) : undefined;
}

/** A new run: plan and session first (nothing written yet), then the run directory, created whole. */
function startRun(flags: TrainFlags, started: Date, output: TrainOutput): OpenRun | null {
  const dir = outputDirectory(flags, started);
  const extraLog = extraLogPath(flags, dir);
  const corpus = loadCorpus(flags.data);
  const settings = settingsFromFlags(flags);
  const vocab = vocabFor(settings, corpus.text);
  const session = buildSession(settings, vocab, corpus.text, { threads: flags.threads });
  const schedule = resolveSchedule(flags, null, session, extraLog);
  const check = gradCheckBefore(flags, session, vocab.encode(corpus.text), settings.model, settings.seed, output);
  if (check === null) {
    void closeSession(session);
    return null;
  }
  const config: RunConfig = {
    format: 'rnnlab-run', version: 1,
    command: ['rnnlab', ...process.argv.slice(2)].join(' '),
    startedAt: started.toISOString(),
    data: flags.data ?? 'moby-dick',
    corpus: { name: corpus.name, source: corpus.source, characters: corpus.text.length },
    plan: settings, schedule, vocabSize: vocab.size, parameters: session.parameterCount, resumes: [],
  };
  const insideRun = extraLog !== null && dirname(extraLog) === dir ? basename(extraLog) : null;
  if (extraLog !== null && insideRun === null) writeFileSync(extraLog, '', { flag: 'wx' });
  try {
    const files: Record<string, string> = { [RUN_FILES.answers]: answersTemplate(flags.out ?? dir) };
    const run = RunDirectory.create(dir, config, serializeCheckpoint(sessionCheckpoint(session)), insideRun, files);
    if (check !== undefined) {
      try {
        writeGradCheckFile(run.path('gradcheck'), settings.model, settings.seed, check);
      } catch (error) {
        run.release();
        throw error;
      }
    }
    return { run, session, schedule, corpus, resumedFrom: null, secondsBefore: 0 };
  } catch (error) {
    if (extraLog !== null && insideRun === null) rmSync(extraLog, { force: true });
    throw error;
  }
}

/** A resumed run: lock the directory, verify the checkpoint, restore the session, cut the logs back to it. */
function resumeRun(flags: TrainFlags, started: Date, output: TrainOutput): OpenRun | null {
  const { dir, checkpointPath } = resumeTarget(flags.resume as string);
  const run = RunDirectory.open(dir, `--resume ${flags.resume as string}`);
  try {
    const checkpoint = loadCheckpoint(checkpointPath);
    const { config } = run;
    if (flags.threads !== undefined && config.plan.model === 'min-char-rnn') {
      throw new FlagError(`--threads does not apply to ${flags.resume as string}: its model is min-char-rnn (one stream; the batched models share their batch among threads).`);
    }
    const corpus = loadCorpus(flags.data ?? runCorpus(config));
    const session = restoreSession(checkpoint, corpus.text, { learningRate: flags.lr }, { threads: flags.threads });
    const schedule = resolveSchedule(flags, config.schedule, session, config.schedule.log);
    const check = gradCheckBefore(flags, session, session.vocab.encode(corpus.text), config.plan.model, config.plan.seed, output);
    if (check === null) {
      void closeSession(session);
      run.release();
      return null;
    }
    if (check !== undefined) writeGradCheckFile(run.path('gradcheck'), config.plan.model, config.plan.seed, check);
    const { log } = run.cutBack(session.iteration);
    // Resuming from checkpoint-best.json makes it the latest: checkpoint.json must not claim a later iteration.
    if (resolve(checkpointPath) !== run.path('checkpoint')) writeFileAtomic(run.path('checkpoint'), serializeCheckpoint(sessionCheckpoint(session, checkpoint.valLoss)));
    if (schedule.log !== null) writeFileAtomic(schedule.log, log.filter((r) => r.iter % schedule.logEvery === 0).map((r) => `${JSON.stringify(r)}\n`).join(''));
    const resume = { command: ['rnnlab', ...process.argv.slice(2)].join(' '), startedAt: started.toISOString(), fromIteration: session.iteration };
    run.writeConfig({ ...config, schedule, resumes: [...config.resumes, resume] });
    return { run, session, schedule, corpus, resumedFrom: session.iteration, secondsBefore: log[log.length - 1]?.seconds ?? 0 };
  } catch (error) {
    run.release();
    throw error;
  }
}

/** The loop with its callbacks, then the report and the closing message. */
async function trainRun(open: OpenRun, started: Date, { out, err }: TrainOutput): Promise<number> {
  const { run, session, schedule, corpus } = open;
  const evalEvery = schedule.evalEvery ?? session.iterationsPerEpoch;
  const keeper = new CheckpointKeeper(run, session, session.iteration);
  if (open.resumedFrom === schedule.iterations) return finishRun(open, out);
  // Watching for Ctrl-C before saying "Training": a signal that arrives once the user (or a script) sees that line
  // must find the handler in place, not Node's default, which ends the process at once.
  let shown: ReturnType<typeof createProgress> | null = null;
  const interrupts = new InterruptWatch((signal) => {
    const text = `Interrupted (${signal}): finishing this iteration, then saving a checkpoint and the report. Press Ctrl-C again to stop at once (the last checkpoint is kept).`;
    if (shown === null) out.write(`${text}\n`);
    else shown.message(text);
  });
  const verb = open.resumedFrom === null ? 'Training' : `Resuming from iteration ${open.resumedFrom}:`;
  out.write(
    `${verb} ${run.config.plan.model} on ${corpus.name} (${corpus.text.length.toLocaleString('en-US')} characters, ` +
      `vocabulary ${session.vocab.size} ${session.vocab.level === 'word' ? 'words' : 'characters'}, ` +
      `${session.parameterCount.toLocaleString('en-US')} parameters) for ${schedule.iterations} iterations ` +
      `(${session.iterationsPerEpoch} per epoch) → ${run.dir}\n`,
  );
  const progress = createProgress(out, { total: schedule.iterations, startAt: session.iteration, plainEvery: Math.max(1, Math.round(schedule.iterations / 20)) });
  shown = progress;
  let pending: LogRecord | null = null;
  const flush = () => {
    if (pending === null) return;
    run.appendLog(pending);
    if (schedule.log !== null && pending.iter % schedule.logEvery === 0) appendLine(schedule.log, pending);
    pending = null;
  };

  let result: TrainLoopResult;
  try {
    result = await runTrainingLoopAsync(session, {
      iterations: schedule.iterations,
      sampleAt: schedule.sampleAt,
      sampleEvery: schedule.sampleEvery,
      sampleLength: schedule.sampleLength,
      temperature: schedule.temperature,
      sampleSeed: run.config.plan.seed,
      evalEvery,
      checkpointEvery: schedule.checkpointEvery ?? evalEvery,
      shouldStop: () => interrupts.received !== null,
      onStep: (r) => {
        flush();
        pending = { iter: r.iter, loss: r.loss, smoothLoss: r.smoothLoss, lr: r.lr, epoch: r.epoch, seconds: open.secondsBefore + (Date.now() - started.getTime()) / 1000 };
        progress.update(r);
      },
      onValidation: (iter, valLoss) => {
        if (pending !== null && pending.iter === iter) pending.valLoss = valLoss;
        progress.message(`iter ${iter}: validation loss ${valLoss.toFixed(4)}`);
      },
      onSample: (s: TrainingSample) => {
        run.appendSample(s);
        progress.message(`---- sample after ${s.iter} iterations ----\n${s.text}\n----`);
      },
      onCheckpoint: (_iter, valLoss) => {
        flush();
        keeper.save(valLoss);
      },
    });
    flush();
  } catch (error) {
    progress.stop();
    throw stoppedBy(error, session.iteration, keeper);
  } finally {
    interrupts.dispose();
  }
  progress.stop();

  try {
    await writeReports(run, {
      iterations: result.iterations, seconds: (Date.now() - started.getTime()) / 1000,
      ...(result.stoppedEarly === undefined ? {} : { stoppedEarly: result.stoppedEarly }),
    });
  } catch (error) {
    throw stoppedBy(error, result.iterations, keeper);
  }
  const done = doneMessage(run, result.iterations);
  if (result.stoppedEarly !== undefined) {
    err.write(`rnnlab train: stopped early: ${result.stoppedEarly.reason}; ${keeper.describe()}. Try a lower --lr or a --clip (rnnlab train --resume ${run.dir} --lr X).\n`);
    out.write(done);
    return EXIT_DIVERGED;
  }
  out.write(done);
  if (result.interrupted === true && interrupts.received !== null) {
    err.write(`rnnlab train: interrupted by ${describeStop(interrupts.received)} after iteration ${result.iterations}: checkpoint saved to ${run.path('checkpoint')}. Continue with: rnnlab train --resume ${run.dir}\n`);
    return SIGNAL_EXIT_CODES[interrupts.received];
  }
  return 0;
}

/** A file-system error during training, as one line that also says which checkpoint is intact. */
function stoppedBy(error: unknown, iteration: number, keeper: CheckpointKeeper): unknown {
  if (!isFsError(error)) return error;
  return new RunError(`${describeFsError(error)}; training stopped after iteration ${iteration}, and ${keeper.describe()}, intact.`);
}

/**
 * A resumed run whose checkpoint is at its target has nothing to train, but its report may be missing or stale (a
 * kill between the last checkpoint and the report): rewrite the report and say so.
 */
async function finishRun({ run, session, schedule }: OpenRun, out: NodeJS.WritableStream): Promise<number> {
  out.write(`Nothing to train: ${run.dir} is at its target, iteration ${schedule.iterations}; rewriting its report.\n`);
  // No time of its own: the report gives the training time the log holds, as `rnnlab report` does.
  await writeReports(run, { iterations: session.iteration, seconds: null });
  out.write(doneMessage(run, session.iteration));
  return 0;
}

/** The closing lines: iterations done, where the report and the samples are, and what the assignment asks next. */
function doneMessage(run: RunDirectory, iterations: number): string {
  return (
    `Done: ${iterations} iteration${iterations === 1 ? '' : 's'}. Report: ${run.path('report')}\nSamples: ${run.path('samplesMd')}\n` +
    `Answer the assignment's questions in ${run.path('answers')}, then: rnnlab report ${run.dir} --docx report.docx\n`
  );
}

/** Ends a session's worker threads (if any) when the run ends before training. */
async function closeSession(session: CheckpointableSession): Promise<void> {
  if (session instanceof LMSession) await session.close();
}
