/**
 * What `rnnlab train` does once its flags are checked: load the corpus, build (or resume) a training session, train
 * with progress, samples and checkpoints, and leave a run directory behind:
 *
 *     <run>/config.json      the resolved settings and the command line
 *     <run>/checkpoint.json  the latest good checkpoint (for `rnnlab sample` and `--resume`)
 *     <run>/log.jsonl        one line per iteration: iter, loss, smoothLoss (+ valLoss, lr, epoch, seconds)
 *     <run>/samples.jsonl    every sample taken (the source of samples.md)
 *     <run>/samples.md       the samples by iteration — the assignment's "outputs after 5, 50, 500 iterations"
 *     <run>/report.html      loss curve and text evolution in one self-contained page
 */
import { appendFileSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { loadCheckpoint, saveCheckpoint, writeFileAtomic } from '../checkpoint/checkpoint';
import { loadCorpus } from '../data/corpus';
import { createSession, restoreSession } from '../lm/sessions';
import type { SessionPlan } from '../lm/sessions';
import type { TrainingSession } from '../lm/session';
import { runTrainingLoop } from '../lm/train-loop';
import type { TrainingSample } from '../lm/train-loop';
import { renderReportHtml, renderSamplesMarkdown } from '../report';
import type { LogRecord } from '../report';
import { createProgress } from './progress';
import { FlagError, checkFlagCombinations } from './train-command';
import type { TrainFlags } from './train-command';

/** Exit code when training stopped because the loss became NaN/Inf. */
export const EXIT_DIVERGED = 3;

interface RunConfig {
  command: string;
  startedAt: string;
  data: string;
  corpus: { name: string; source: string; characters: number };
  plan: SessionPlan;
  vocabSize: number;
  parameters: number;
}

function timestamp(d: Date): string {
  return d.toISOString().replace(/[:.]/g, '-').replace('T', '_').slice(0, 19);
}

/** Runs a training as the flags say; throws FlagError / ValueError for bad input (the CLI prints them, exit 1). */
export async function runTrain(flags: TrainFlags): Promise<void> {
  checkFlagCombinations(flags);
  checkOutputPaths(flags);
  const started = new Date();
  const out = process.stdout;
  const resumed = flags.resume === undefined ? null : readRun(flags.resume);
  const runDir = resolve(flags.resume ?? flags.out ?? join('runs', timestamp(started)));
  const dataSpec = flags.data ?? resumed?.config.data;
  const corpus = loadCorpus(dataSpec);

  let session: TrainingSession;
  let config: RunConfig;
  if (resumed === null) {
    const plan = planFromFlags(flags);
    session = createSession(plan, corpus.text);
    config = {
      command: ['rnnlab', ...process.argv.slice(2)].join(' '),
      startedAt: started.toISOString(),
      data: dataSpec ?? 'moby-dick',
      corpus: { name: corpus.name, source: corpus.source, characters: corpus.text.length },
      plan,
      vocabSize: session.vocab.size,
      parameters: session.parameterCount,
    };
  } else {
    session = restoreSession(resumed.checkpoint, corpus.text, { learningRate: flags.lr });
    config = resumed.config;
  }
  const total = totalIterations(flags, session);
  if (resumed !== null && total <= session.iteration) {
    throw new FlagError(`--resume ${flags.resume}: the checkpoint is at iteration ${session.iteration}; give --iterations above it (got ${total}).`);
  }
  if (resumed === null) {
    if (existsSync(join(runDir, 'checkpoint.json'))) {
      throw new FlagError(`--out ${runDir} already holds a run; choose another directory or continue it with --resume ${runDir}.`);
    }
    mkdirSync(runDir, { recursive: true });
    writeFileSync(join(runDir, 'config.json'), `${JSON.stringify(config, null, 2)}\n`);
    for (const file of ['log.jsonl', 'samples.jsonl']) writeFileSync(join(runDir, file), '');
  }

  out.write(
    `${resumed ? 'Resuming' : 'Training'} ${config.plan.model} on ${corpus.name} (${corpus.text.length.toLocaleString('en-US')} characters, ` +
      `vocabulary ${session.vocab.size} ${session.vocab.level === 'word' ? 'words' : 'characters'}, ` +
      `${session.parameterCount.toLocaleString('en-US')} parameters) for ${total} iterations ` +
      `(${session.iterationsPerEpoch} per epoch) → ${runDir}\n`,
  );
  const progress = createProgress(out, { total, startAt: session.iteration, plainEvery: Math.max(1, Math.round(total / 20)) });
  const logEvery = flags.logEvery ?? 1;
  let pending: LogRecord | null = null;
  const flush = () => {
    if (pending === null) return;
    const line = `${JSON.stringify(pending)}\n`;
    appendFileSync(join(runDir, 'log.jsonl'), line);
    if (flags.log !== undefined && pending.iter % logEvery === 0) appendFileSync(flags.log, line);
    pending = null;
  };
  if (flags.log !== undefined && resumed === null) writeFileSync(flags.log, '');
  let lastSaved: number | null = resumed === null ? null : session.iteration;
  const saveCheckpointNow = (iter: number) => {
    saveCheckpoint(join(runDir, 'checkpoint.json'), session.kind, iter, session.checkpointBody());
    lastSaved = iter;
  };

  const result = runTrainingLoop(session, {
    iterations: total,
    sampleAt: flags.sampleAt,
    sampleEvery: flags.sampleEvery,
    sampleLength: flags.sampleLength,
    temperature: flags.temperature,
    sampleSeed: resumed?.config.plan.seed ?? config.plan.seed,
    evalEvery: flags.evalEvery ?? session.iterationsPerEpoch,
    checkpointEvery: flags.checkpointEvery ?? flags.evalEvery ?? session.iterationsPerEpoch,
    onStep: (r) => {
      flush();
      pending = { iter: r.iter, loss: r.loss, smoothLoss: r.smoothLoss, lr: r.lr, epoch: r.epoch, seconds: (Date.now() - started.getTime()) / 1000 };
      progress.update(r);
    },
    onValidation: (iter, valLoss) => {
      if (pending !== null && pending.iter === iter) pending.valLoss = valLoss;
      progress.message(`iter ${iter}: validation loss ${valLoss.toFixed(4)}`);
    },
    onSample: (s: TrainingSample) => {
      appendFileSync(join(runDir, 'samples.jsonl'), `${JSON.stringify(s)}\n`);
      progress.message(`---- sample after ${s.iter} iterations ----\n${s.text}\n----`);
    },
    onCheckpoint: (iter) => {
      flush();
      saveCheckpointNow(iter);
    },
  });
  flush();
  progress.stop();

  const log = readJsonLines<LogRecord>(join(runDir, 'log.jsonl'));
  const samples = readJsonLines<TrainingSample>(join(runDir, 'samples.jsonl'));
  const summary = reportSummary(config, session, result.iterations, log, started);
  writeFileAtomic(join(runDir, 'samples.md'), renderSamplesMarkdown(samples, { title: `Samples: ${config.plan.model} on ${config.corpus.name}`, summary }));
  writeFileAtomic(
    join(runDir, 'report.html'),
    renderReportHtml({
      title: `rnnlab: ${config.plan.model} on ${config.corpus.name}`,
      summary,
      lossLabel: session.lossLabel,
      log,
      samples,
      ...(result.stoppedEarly ? { stoppedEarly: { iteration: result.stoppedEarly.iteration, reason: result.stoppedEarly.reason } } : {}),
    }),
  );
  if (result.stoppedEarly !== undefined) {
    const checkpointFile = join(runDir, 'checkpoint.json');
    const last = result.stoppedEarly.stateSaved
      ? `the last good state (iteration ${result.iterations}) is in ${checkpointFile}`
      : lastSaved === null
        ? 'no checkpoint was written before it'
        : `the last good checkpoint (iteration ${lastSaved}) is ${checkpointFile}`;
    process.stderr.write(`rnnlab train: stopped early: ${result.stoppedEarly.reason}; ${last}. Try a lower --lr or a --clip.\n`);
    process.exitCode = EXIT_DIVERGED;
  }
  out.write(`Done: ${result.iterations} iteration${result.iterations === 1 ? '' : 's'}. Report: ${join(runDir, 'report.html')}\nSamples: ${join(runDir, 'samples.md')}\n`);
}

/** Fails before anything is written when --out is a file or --log's folder does not exist. */
function checkOutputPaths(flags: TrainFlags): void {
  if (flags.out !== undefined && existsSync(flags.out) && !statSync(flags.out).isDirectory()) {
    throw new FlagError(`--out ${flags.out} is a file; expected a directory for the run (new, or empty).`);
  }
  if (flags.log !== undefined) {
    const folder = dirname(resolve(flags.log));
    if (!existsSync(folder) || !statSync(folder).isDirectory()) {
      throw new FlagError(`--log ${flags.log}: the folder ${folder} does not exist; expected a path in an existing folder.`);
    }
  }
}

function planFromFlags(flags: TrainFlags): SessionPlan {
  return {
    model: flags.model ?? 'lstm',
    level: flags.level ?? 'char',
    layers: flags.layers,
    hiddenSize: flags.hidden,
    seqLength: flags.seqLength,
    batchSize: flags.batchSize,
    optimizer: flags.optimizer,
    learningRate: flags.lr,
    clip: flags.clip,
    dropout: flags.dropout,
    lrDecay: flags.lrDecay,
    lrDecayAfter: flags.lrDecayAfter,
    forgetBias: flags.forgetBias,
    valFraction: flags.valFraction,
    seed: flags.seed ?? 42,
  };
}

function totalIterations(flags: TrainFlags, session: TrainingSession): number {
  if (flags.iterations !== undefined) return flags.iterations;
  if (flags.epochs !== undefined) return Math.max(1, Math.round(flags.epochs * session.iterationsPerEpoch));
  return 1000;
}

function readRun(dir: string): { config: RunConfig; checkpoint: ReturnType<typeof loadCheckpoint> } {
  const configPath = join(dir, 'config.json');
  if (!existsSync(configPath)) throw new FlagError(`--resume ${dir}: no config.json there; expected a run directory written by rnnlab train.`);
  const checkpoint = loadCheckpoint(join(dir, 'checkpoint.json'));
  return { config: JSON.parse(readFileSync(configPath, 'utf8')) as RunConfig, checkpoint };
}

function readJsonLines<T>(path: string): T[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as T);
}

function reportSummary(
  config: RunConfig,
  session: TrainingSession,
  iterations: number,
  log: LogRecord[],
  started: Date,
): Record<string, string | number> {
  const last = log[log.length - 1];
  const valLosses = log.filter((r) => r.valLoss !== undefined);
  return {
    model: config.plan.model,
    corpus: `${config.corpus.name} (${config.corpus.characters.toLocaleString('en-US')} characters)`,
    vocabulary: `${session.vocab.size} ${session.vocab.level === 'word' ? 'words' : 'characters'}`,
    parameters: session.parameterCount,
    iterations,
    'final smooth loss': last === undefined ? '-' : last.smoothLoss.toFixed(4),
    'validation loss': valLosses.length === 0 ? '-' : (valLosses[valLosses.length - 1].valLoss as number).toFixed(4),
    seed: config.plan.seed,
    'wall time (this run)': `${((Date.now() - started.getTime()) / 1000).toFixed(1)} s`,
    command: config.command,
  };
}
