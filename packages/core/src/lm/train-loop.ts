/**
 * The training loop, indifferent to the model it drives (see ./training-session.ts): steps until the requested
 * iteration, logs, samples at chosen iterations ("outputs after 5, 50, 500 iterations") and every K, evaluates on
 * the validation split, asks for checkpoints, and stops early — saying so — when training diverges:
 *
 * - the loss or its gradient turns NaN/±Inf (the session does not apply that update),
 * - an update leaves a parameter NaN/±Inf,
 * - the loss exceeds `explodeFactor` (default 3, char-rnn's rule) times the run's first loss.
 *
 * A diverged state is never offered for checkpointing: the last checkpoint written before it is the last good one.
 * `shouldStop` (an interrupt) ends the loop after the current iteration with a checkpoint of that iteration.
 *
 * `runTrainingLoop` runs it all synchronously; `runTrainingLoopAsync` yields to the event loop after every
 * iteration, so signal handlers and timers (Ctrl-C, a progress bar) run while a long training goes on.
 */
import { ValueError } from '../errors';
import { checkInteger } from '../tensor/check';
import type { StepResult, TextSamplingOptions, TrainingSession } from './training-session';

/** A sample taken during training. */
export interface TrainingSample {
  iter: number;
  text: string;
  temperature: number;
}

/** When to do what; every callback is optional. */
export interface TrainLoopOptions {
  /** Stop when this many iterations are complete (counting those of a resumed run). */
  iterations: number;
  /** Iterations after which to sample (0 = before training, in a fresh run). */
  sampleAt?: readonly number[];
  /** Also sample every K iterations (0 = never). */
  sampleEvery?: number;
  sampleLength?: number;
  temperature?: number;
  /** Seed of the sampling generator; the sample at iteration k uses seed + k, so samples do not depend on each other. */
  sampleSeed?: number;
  /** Evaluate on the validation split every K iterations (0 = only at the end). */
  evalEvery?: number;
  /** Ask for a checkpoint every K iterations (0 = only at the end). */
  checkpointEvery?: number;
  /** Stop when a loss exceeds this multiple of the run's first loss (default 3; Infinity turns the guard off). */
  explodeFactor?: number;
  /** Asked after every iteration: true ends the loop there, with a checkpoint (an interrupt). */
  shouldStop?(): boolean;
  onStep?(result: StepResult): void;
  onSample?(sample: TrainingSample): void;
  onValidation?(iter: number, valLoss: number): void;
  /** A checkpoint is due at `iter`; `valLoss` is the validation loss measured at that iteration, if any. */
  onCheckpoint?(iter: number, valLoss: number | null): void;
}

/** What the loop did. */
export interface TrainLoopResult {
  /** Good iterations completed. */
  iterations: number;
  /** Set when training diverged: the iteration that failed and why. Nothing was checkpointed after the failure. */
  stoppedEarly?: { iteration: number; reason: string };
  /** True when `shouldStop` ended the loop. */
  interrupted?: boolean;
  lastValLoss: number | null;
}

/** The default of `explodeFactor`: char-rnn aborts when the loss exceeds 3× its first value. */
export const EXPLODE_FACTOR = 3;

/** Checks the loop's schedule, naming the bad option. */
export function checkLoopOptions(fn: string, o: TrainLoopOptions): void {
  checkInteger(fn, 'iterations', o.iterations, 0);
  (o.sampleAt ?? []).forEach((k, i) => checkInteger(fn, `sampleAt[${i}]`, k, 0));
  for (const name of ['sampleEvery', 'evalEvery', 'checkpointEvery'] as const) {
    if (o[name] !== undefined) checkInteger(fn, name, o[name], 0);
  }
  if (o.sampleLength !== undefined) checkInteger(fn, 'sampleLength', o.sampleLength, 1);
  if (o.temperature !== undefined && !(o.temperature > 0 && Number.isFinite(o.temperature))) {
    throw new ValueError(`${fn}: temperature is ${o.temperature}, expected a positive finite number`);
  }
  if (o.explodeFactor !== undefined && !(o.explodeFactor > 1)) {
    throw new ValueError(`${fn}: explodeFactor is ${o.explodeFactor}, expected a number > 1 (or Infinity)`);
  }
}

/** Trains `session` up to `options.iterations`, calling back as it goes. */
export function runTrainingLoop(session: TrainingSession, options: TrainLoopOptions): TrainLoopResult {
  checkLoopOptions('runTrainingLoop', options);
  const iterations = loopIterations(session, options);
  for (;;) {
    const next = iterations.next();
    if (next.done) return next.value;
  }
}

/** As `runTrainingLoop`, yielding to the event loop after every iteration. */
export async function runTrainingLoopAsync(session: TrainingSession, options: TrainLoopOptions): Promise<TrainLoopResult> {
  checkLoopOptions('runTrainingLoopAsync', options);
  const iterations = loopIterations(session, options);
  for (;;) {
    const next = iterations.next();
    if (next.done) return next.value;
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}

/** The loop itself, pausing (yield) after each iteration's callbacks. */
function* loopIterations(session: TrainingSession, options: TrainLoopOptions): Generator<void, TrainLoopResult, void> {
  const { iterations, sampleEvery = 0, evalEvery = 0, checkpointEvery = 0, temperature = 1, explodeFactor = EXPLODE_FACTOR } = options;
  const sampleAt = new Set(options.sampleAt ?? []);
  const every = (k: number, n: number) => n > 0 && k % n === 0;
  const sampleIfDue = (k: number) => {
    if (!sampleAt.has(k) && !(k > 0 && every(k, sampleEvery))) return;
    const sampling: TextSamplingOptions = { length: options.sampleLength ?? 200, temperature, seed: (options.sampleSeed ?? 0) + k };
    options.onSample?.({ iter: k, text: session.sample(sampling), temperature });
  };
  let lastValLoss: number | null = null;
  const validate = (k: number): number | null => {
    const v = session.validationLoss();
    if (v === null) return null;
    lastValLoss = v;
    options.onValidation?.(k, v);
    return v;
  };

  if (session.iteration === 0) sampleIfDue(0);
  while (session.iteration < iterations) {
    const before = session.iteration;
    const first = session.firstLoss;
    const result = session.step();
    const stop = divergence(result, before, first, explodeFactor);
    if (stop !== null) return { iterations: before, stoppedEarly: { iteration: before + 1, reason: stop }, lastValLoss };
    options.onStep?.(result);
    const k = result.iter;
    sampleIfDue(k);
    const valLoss = every(k, evalEvery) && k < iterations ? validate(k) : null;
    if (k < iterations && options.shouldStop?.() === true) {
      options.onCheckpoint?.(k, valLoss);
      return { iterations: k, interrupted: true, lastValLoss };
    }
    if (every(k, checkpointEvery) && k < iterations) options.onCheckpoint?.(k, valLoss);
    yield;
  }
  const finalValLoss = validate(session.iteration);
  options.onCheckpoint?.(session.iteration, finalValLoss);
  return { iterations: session.iteration, lastValLoss };
}

/** Why the iteration after `before` diverged, or null when it did not. */
function divergence(result: StepResult, before: number, firstLoss: number | null, factor: number): string | null {
  const k = before + 1;
  if (!result.finite) return `the loss or its gradient became ${Number.isNaN(result.loss) ? 'NaN' : 'infinite'} at iteration ${k}`;
  if (!result.paramsFinite) return `the update of iteration ${k} made a parameter NaN or infinite`;
  if (firstLoss !== null && result.loss > factor * firstLoss) {
    return `the loss exploded at iteration ${k}: ${fmt(result.loss)}, more than ${factor}× the first iteration's ${fmt(firstLoss)}`;
  }
  return null;
}

function fmt(x: number): string {
  return Math.abs(x) >= 1e6 ? x.toExponential(3) : x.toFixed(4);
}
