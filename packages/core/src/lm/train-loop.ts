/**
 * The training loop, indifferent to the model it drives (see ./session.ts): steps until the requested iteration,
 * logs, samples at chosen iterations ("outputs after 5, 50, 500 iterations") and every K, evaluates on the
 * validation split, checkpoints, and stops early — saying so — when the loss or the gradient turns NaN/±Inf, with a
 * checkpoint of the last good state when the session kept it (it never applies a non-finite gradient; an update that
 * overflows the parameters leaves the previous checkpoint as the last good one).
 */
import { ValueError } from '../errors';
import { checkInteger } from '../tensor/check';
import type { StepResult, TextSamplingOptions, TrainingSession } from './session';

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
  /** Write a checkpoint every K iterations (0 = only at the end). */
  checkpointEvery?: number;
  onStep?(result: StepResult): void;
  onSample?(sample: TrainingSample): void;
  onValidation?(iter: number, valLoss: number): void;
  onCheckpoint?(iter: number): void;
}

/** What the loop did. */
export interface TrainLoopResult {
  iterations: number;
  /** Set when a NaN/Inf stopped training; `stateSaved`: whether the last good state was just checkpointed. */
  stoppedEarly?: { iteration: number; reason: string; stateSaved: boolean };
  lastValLoss: number | null;
}

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
}

/** Trains `session` up to `options.iterations`, calling back as it goes. */
export function runTrainingLoop(session: TrainingSession, options: TrainLoopOptions): TrainLoopResult {
  checkLoopOptions('runTrainingLoop', options);
  const { iterations, sampleEvery = 0, evalEvery = 0, checkpointEvery = 0, temperature = 1 } = options;
  const sampleAt = new Set(options.sampleAt ?? []);
  const every = (k: number, n: number) => n > 0 && k % n === 0;
  const sampleIfDue = (k: number) => {
    if (!sampleAt.has(k) && !(k > 0 && every(k, sampleEvery))) return;
    const sampling: TextSamplingOptions = { length: options.sampleLength ?? 200, temperature, seed: (options.sampleSeed ?? 0) + k };
    options.onSample?.({ iter: k, text: session.sample(sampling), temperature });
  };
  let lastValLoss: number | null = null;
  const validate = (k: number) => {
    const v = session.validationLoss();
    if (v === null) return;
    lastValLoss = v;
    options.onValidation?.(k, v);
  };

  if (session.iteration === 0) sampleIfDue(0);
  while (session.iteration < iterations) {
    const result = session.step();
    if (!result.finite) {
      // The session did not apply the bad update, so its state is still the last good one: keep it.
      options.onCheckpoint?.(session.iteration);
      const reason = `the loss or its gradient became ${Number.isNaN(result.loss) ? 'NaN' : 'infinite'} at iteration ${session.iteration + 1}`;
      return { iterations: session.iteration, stoppedEarly: { iteration: session.iteration + 1, reason, stateSaved: true }, lastValLoss };
    }
    if (!result.paramsFinite) {
      // The update overflowed: the state is broken, so the last checkpoint written before it is the last good one.
      const reason = `the update of iteration ${result.iter} made a parameter NaN or infinite`;
      return { iterations: result.iter - 1, stoppedEarly: { iteration: result.iter, reason, stateSaved: false }, lastValLoss };
    }
    options.onStep?.(result);
    const k = result.iter;
    sampleIfDue(k);
    if (every(k, evalEvery) && k < iterations) validate(k);
    if (every(k, checkpointEvery) && k < iterations) options.onCheckpoint?.(k);
  }
  validate(session.iteration);
  options.onCheckpoint?.(session.iteration);
  return { iterations: session.iteration, lastValLoss };
}
