/**
 * The gradient check of a training session, on the data its next step would train on — min-char-rnn.py calls
 * gradCheck(inputs, targets, hprev) with its loop's chunk the same way:
 *
 *   min-char-rnn   the next chunk of seqLength characters, from the carried hidden state hprev;
 *   rnn|lstm|gru|esn   the first GRADCHECK_STREAMS streams of the next training batch, from the carried state (zeros
 *                  at an epoch start). Two streams keep the check fast (every entry costs two passes over the
 *                  batch) while the sums over the batch in the backward pass are still exercised.
 *
 * Entries are chosen by RandomState(seed); with dropout, every evaluation draws the masks of RandomState(seed). A
 * batched model is checked on a float64, single-threaded copy of its weights: the check is of the backward pass, and
 * float32's rounding (--precision float32) would drown a centred difference at δ = 1e-5.
 */
import { BatchLoader, LMSession, RandomState, RecurrentLM, Tensor, formatModelGradCheck, formatStep, minCharRnnGradCheck, recurrentLMGradCheck } from '@rnnlab/core';
import type { CheckpointableSession, ModelGradCheck, RecurrentState } from '@rnnlab/core';

/** Streams of a batch a batched model is checked on. */
export const GRADCHECK_STREAMS = 2;

/** How to check: entries per parameter, the step δ and the seed that chooses the entries. */
export interface GradCheckSettings {
  numChecks: number;
  delta: number;
  seed: number;
}

/** A check and what it was taken on, in words ("the next chunk of 25 characters, from iteration 0"). */
export interface SessionGradCheck {
  check: ModelGradCheck;
  where: string;
}

/** Checks `session`'s gradients; `ids` is the encoded corpus the session trains on. */
export function checkSessionGradients(session: CheckpointableSession, ids: ArrayLike<number>, settings: GradCheckSettings): SessionGradCheck {
  const { numChecks, delta, seed } = settings;
  const rng = new RandomState(seed);
  const at = `at iteration ${session.iteration}`;
  if (!(session instanceof LMSession)) {
    const check = minCharRnnGradCheck(session.model, { rng, numChecks, delta });
    return { check, where: `the next training chunk (${session.model.seqLength} characters from the carried hidden state), ${at}` };
  }
  const { batchSize: B, seqLength: T, valFraction } = session.training;
  const loader = new BatchLoader(ids, { batchSize: B, seqLength: T, valFraction });
  const index = session.iteration % loader.trainBatchCount;
  const { x, y } = loader.batch(index);
  const N = Math.min(GRADCHECK_STREAMS, B);
  const rows = (t: Tensor) => new Tensor(t.data.slice(0, (t.size / t.shape[0]) * N), [N, ...t.shape.slice(1)]);
  const carried = index === 0 ? null : session.snapshot().carriedState;
  const state: RecurrentState[] | undefined = carried?.map((s) => (s.c === undefined ? { h: rows(s.h) } : { h: rows(s.h), c: rows(s.c) }));
  const check = recurrentLMGradCheck(float64Copy(session.model), { x: rows(x), y: rows(y), state, rng, numChecks, delta, dropoutSeed: seed });
  const streams = N === 1 ? 'the first stream' : `the first ${N} streams`;
  const precision = session.model.config.precision === 'float32' ? ' (in float64; training runs in float32)' : '';
  return { check, where: `${streams} of the next training batch (${T} steps from the carried state), ${at}${precision}` };
}

/** A RecurrentLM with `model`'s weights, float64 arithmetic and no worker threads. */
function float64Copy(model: RecurrentLM): RecurrentLM {
  const copy = new RecurrentLM({ ...model.config, precision: 'float64' }, new RandomState(0));
  for (const [name, tensor] of Object.entries(model.params)) copy.params[name].data.set(tensor.data);
  return copy;
}

/** Exit code of `rnnlab gradcheck` (and `train --gradcheck`) when the check fails. */
export const EXIT_GRADCHECK_FAILED = 4;

/** The check as the terminal shows it: what was checked, the table, the rule and the verdict. */
export function gradCheckText(model: string, result: SessionGradCheck, settings: GradCheckSettings): string {
  const { check } = result;
  const params = check.report.perParam.length;
  const fixed = check.fixed.length === 0 ? '' : `\n${check.fixed.join(', ')}: the fixed reservoir, checked although training never changes it.`;
  return (
    `Gradient check of ${model}: ${settings.numChecks} random entries of each of its ${params} parameters on ${result.where}; ` +
    `δ = ${formatStep(settings.delta)}, entries chosen by RandomState(${settings.seed}); unclipped gradients.${fixed}\n\n${formatModelGradCheck(check)}\n`
  );
}

/** The one line said on stderr when the check fails. */
export function gradCheckFailure(result: SessionGradCheck): string {
  const params = [...new Set(result.check.failures.map((r) => r.param))].join(', ');
  return `the gradient check failed: ${result.check.failures.length} of ${result.check.report.rows.length} entries disagree (${params}); the backward pass does not match the loss.`;
}

/**
 * `rnnlab train --gradcheck`: checks `session` as min-char-rnn.py does before its loop (10 entries per parameter,
 * δ = 1e-5, entries chosen by the run's seed) and prints the table to `out`. When the check fails it says so on `err`
 * and returns null: the caller trains nothing (and, for a new run, writes nothing).
 */
export function gradCheckBeforeTraining(
  session: CheckpointableSession, ids: ArrayLike<number>, run: { model: string; seed: number; resuming: boolean },
  { out, err }: { out: NodeJS.WritableStream; err: NodeJS.WritableStream },
): SessionGradCheck | null {
  out.write('Checking the gradients before training (--gradcheck) ...\n');
  const settings = { numChecks: 10, delta: 1e-5, seed: run.seed };
  const result = checkSessionGradients(session, ids, settings);
  out.write(`${gradCheckText(run.model, result, settings)}\n`);
  if (result.check.passed) return result;
  err.write(`rnnlab train: ${gradCheckFailure(result)} Nothing was trained${run.resuming ? '' : ' or written'}.\n`);
  return null;
}
