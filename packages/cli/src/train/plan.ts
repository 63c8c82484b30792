/**
 * From flags to a plan: every setting of a run resolved (the model's defaults filled in, as config.json records
 * them), the session it describes, and the schedule (how long, when to sample, evaluate, checkpoint, log). Every
 * value is checked here, before anything is written, including those that would only fail later: a corpus too short
 * for one batch, a learning-rate decay that would reach zero, a model that would not fit in memory.
 */
import { CharVocab, LMSession, MinCharRnn, MinCharSession, WordVocab } from '@rnnlab/core';
import type { CellType, CheckpointableSession, LMRuntime, OptimizerName, Precision, Vocab } from '@rnnlab/core';
import type { SamplePoint } from '../commands/parse';
import { FlagError } from '../errors';
import { checkModelFits } from './model-size';
import type { TrainFlags } from './flags';

/** min-char-rnn's settings, all resolved. */
export interface MinCharSettings {
  model: 'min-char-rnn';
  level: 'char';
  hiddenSize: number;
  seqLength: number;
  learningRate: number;
  clip: number;
  seed: number;
}

/** A batched model's settings, all resolved. */
export interface LMSettings {
  model: CellType;
  level: 'char' | 'word';
  layers: number;
  hiddenSize: number;
  /** null: one-hot characters; words get an embedding of hiddenSize. */
  embeddingSize: number | null;
  seqLength: number;
  batchSize: number;
  optimizer: OptimizerName;
  learningRate: number;
  clip: number;
  dropout: number;
  lrDecay: number;
  lrDecayAfter: number;
  forgetBias: number;
  valFraction: number;
  seed: number;
  /** The kernels' arithmetic (parameters stay float64). */
  precision: Precision;
}

/** What to train (config.json's `plan`). */
export type ModelSettings = MinCharSettings | LMSettings;

/** When to do what (config.json's `schedule`; a resume takes it over unless flags change it). */
export interface Schedule {
  /** Train until this many iterations are done. */
  iterations: number;
  sampleAt: number[];
  sampleEvery: number;
  sampleLength: number;
  temperature: number;
  /** Validation every K iterations; null: once per epoch. */
  evalEvery: number | null;
  /** Checkpoint every K iterations; null: at every evaluation. */
  checkpointEvery: number | null;
  /** The extra copy of the loss log (absolute path), or null. */
  log: string | null;
  logEvery: number;
}

/** The settings of a new run: the flags, the rest from the model's defaults. */
export function settingsFromFlags(flags: TrainFlags): ModelSettings {
  const seed = flags.seed ?? 42;
  if ((flags.model ?? 'lstm') === 'min-char-rnn') {
    return {
      model: 'min-char-rnn', level: 'char', hiddenSize: flags.hidden ?? 100, seqLength: flags.seqLength ?? 25,
      learningRate: flags.lr ?? 0.1, clip: flags.clip ?? 5, seed,
    };
  }
  const level = flags.level ?? 'char';
  const hiddenSize = flags.hidden ?? 128;
  return {
    model: (flags.model ?? 'lstm') as CellType, level, layers: flags.layers ?? 2, hiddenSize, embeddingSize: level === 'word' ? hiddenSize : null,
    seqLength: flags.seqLength ?? 50, batchSize: flags.batchSize ?? 50, optimizer: flags.optimizer ?? 'adam',
    learningRate: flags.lr ?? 2e-3, clip: flags.clip ?? 5, dropout: flags.dropout ?? 0, lrDecay: flags.lrDecay ?? 0.97,
    lrDecayAfter: flags.lrDecayAfter ?? 10, forgetBias: flags.forgetBias ?? 1, valFraction: flags.valFraction ?? 0.05, seed,
    precision: flags.precision ?? 'float64',
  };
}

/** The vocabulary of a new run's corpus. */
export function vocabFor(settings: ModelSettings, text: string): Vocab {
  return settings.level === 'word' ? WordVocab.fromText(text) : CharVocab.fromText(text);
}

/**
 * A new session as `settings` say, on `text` encoded with `vocab`. Refuses, naming the flags, a corpus too short for
 * the settings and a model too big for this machine's memory — before building anything.
 */
export function buildSession(settings: ModelSettings, vocab: Vocab, text: string, runtime: LMRuntime = {}): CheckpointableSession {
  const ids = vocab.encode(text);
  const tokens = `${ids.length.toLocaleString('en-US')} ${vocab.level === 'word' ? 'words' : 'characters'}`;
  if (settings.model === 'min-char-rnn') {
    if (ids.length < settings.seqLength + 2) {
      throw new FlagError(`--seq-length ${settings.seqLength}: the corpus has ${tokens}; min-char-rnn needs at least seq-length + 2 = ${settings.seqLength + 2}.`);
    }
    checkModelFits(settings, vocab.size);
    // --clip 0 means no clipping, for min-char-rnn as for the other models.
    const model = new MinCharRnn({ data: ids, vocabSize: vocab.size, ...settings, clip: settings.clip === 0 ? Infinity : settings.clip });
    return new MinCharSession(vocab, model, ids.length);
  }
  const { batchSize: B, seqLength: T, valFraction } = settings;
  const batches = Math.floor(ids.length / (B * T));
  if (batches < 1) {
    throw new FlagError(`--batch-size ${B} × --seq-length ${T} = ${B * T} tokens per batch, but the corpus has ${tokens}; choose smaller values or a longer text.`);
  }
  if (batches - (valFraction > 0 ? Math.ceil(valFraction * batches) : 0) < 1) {
    throw new FlagError(`--val-fraction ${valFraction} of the corpus's ${batches} batch(es) leaves none for training; choose a smaller fraction or a longer text.`);
  }
  checkModelFits(settings, vocab.size);
  const { model, layers, hiddenSize, embeddingSize, dropout, forgetBias, optimizer, learningRate, clip, lrDecay, lrDecayAfter, seed, precision } = settings;
  return new LMSession(
    vocab, ids,
    { vocabSize: vocab.size, cell: model, layers, hiddenSize, embeddingSize, dropout, forgetBias, precision },
    { batchSize: B, seqLength: T, optimizer, learningRate, clip, lrDecay, lrDecayAfter, valFraction, seed },
    runtime,
  );
}

/**
 * The schedule: flags first, then (when resuming) the run's previous schedule, then the defaults. Checks that the
 * target lies beyond the session's iteration and that the learning-rate decay keeps the rate positive until then.
 */
export function resolveSchedule(flags: TrainFlags, previous: Schedule | null, session: CheckpointableSession, logPath: string | null): Schedule {
  const perEpoch = session.iterationsPerEpoch;
  let iterations = flags.iterations ?? previous?.iterations ?? 1000;
  if (flags.epochs !== undefined) {
    iterations = Math.max(1, Math.round(flags.epochs * perEpoch));
    if (!Number.isSafeInteger(iterations)) throw new FlagError(`--epochs ${flags.epochs}: that is ${iterations} iterations; expected at most ${Number.MAX_SAFE_INTEGER}.`);
  }
  const schedule: Schedule = {
    iterations,
    sampleAt: flags.sampleAt === undefined ? (previous?.sampleAt ?? []) : sampleIterations(flags.sampleAt, perEpoch, iterations),
    sampleEvery: flags.sampleEvery ?? previous?.sampleEvery ?? 0,
    sampleLength: flags.sampleLength ?? previous?.sampleLength ?? 200,
    temperature: flags.temperature ?? previous?.temperature ?? 1,
    evalEvery: flags.evalEvery ?? previous?.evalEvery ?? null,
    checkpointEvery: flags.checkpointEvery ?? previous?.checkpointEvery ?? null,
    log: logPath,
    logEvery: flags.logEvery ?? previous?.logEvery ?? 1,
  };
  // A target equal to the checkpoint's iteration trains nothing and finishes the run (its report): what a kill between
  // the last checkpoint and the report leaves to do. A target below it cannot be reached.
  if (flags.resume !== undefined && schedule.iterations < session.iteration) {
    throw new FlagError(`--resume ${flags.resume}: the checkpoint is at iteration ${session.iteration}; give --iterations at or above it (got ${schedule.iterations}).`);
  }
  checkDecay(session, schedule.iterations);
  return schedule;
}

/**
 * `--sample-at`'s points as iterations, sorted and without repeats: an epoch is `perEpoch` iterations (for min-char-rnn
 * ⌊(characters − 2) / seqLength⌋, 44,615 on tiny Shakespeare), so `5e` is round(5·perEpoch). A point after the run's
 * last iteration `iterations` would silently never be sampled, so it is refused, naming it.
 */
export function sampleIterations(points: SamplePoint[], perEpoch: number, iterations: number): number[] {
  const resolved = points.map((p) => ('epochs' in p ? Math.round(p.epochs * perEpoch) : p.iterations));
  const name = (i: number) => {
    const p = points[i];
    return 'epochs' in p ? `${p.epochs}e (${p.epochs} × ${perEpoch.toLocaleString('en-US')} iterations per epoch)` : String(p.iterations);
  };
  const tooLarge = resolved.findIndex((n) => !Number.isSafeInteger(n));
  if (tooLarge >= 0) throw new FlagError(`--sample-at ${name(tooLarge)} is ${resolved[tooLarge]} iterations; expected at most ${Number.MAX_SAFE_INTEGER}.`);
  const late = resolved.findIndex((n) => n > iterations);
  if (late >= 0) {
    throw new FlagError(
      `--sample-at ${name(late)} is iteration ${resolved[late].toLocaleString('en-US')}, after the run's last (${iterations.toLocaleString('en-US')}); ` +
        'train longer (--iterations, --epochs) or sample earlier.',
    );
  }
  return [...new Set(resolved)].sort((a, b) => a - b);
}

/** Refuses a learning-rate decay that would take the rate to zero (or below the smallest double) before the end. */
function checkDecay(session: CheckpointableSession, iterations: number): void {
  if (!(session instanceof LMSession)) return;
  const { lrDecay, lrDecayAfter } = session.training;
  const learningRate = session.learningRate;
  if (lrDecay === 1) return;
  // The rate is multiplied by lrDecay at the end of every epoch e >= lrDecayAfter still to come.
  const perEpoch = session.iterationsPerEpoch;
  const firstEpoch = Math.max(lrDecayAfter, Math.floor(session.iteration / perEpoch) + 1);
  const decays = Math.max(0, Math.floor(iterations / perEpoch) - firstEpoch + 1);
  const final = learningRate * lrDecay ** decays;
  if (!(final >= 1e-300)) {
    throw new FlagError(
      `--lr-decay ${lrDecay}: after ${decays} decays (one per epoch from epoch ${lrDecayAfter}) the learning rate ${learningRate} would fall to ${final}; ` +
        'expected a decay (or --lr-decay-after, or a number of iterations) that keeps it above 1e-300.',
    );
  }
}
