import { describe, expect, it } from 'vitest';
import { CharVocab } from '../data/vocab';
import type { StepResult, TextSamplingOptions, TrainingSession } from './training-session';
import { runTrainingLoop, runTrainingLoopAsync } from './train-loop';

/** A session whose loss is scripted, recording what the loop asked of it. */
function scriptedSession(losses: number[], withValidation = true, paramsBreakAt = -1): TrainingSession & { calls: string[] } {
  const calls: string[] = [];
  let iter = 0;
  let first: number | null = null;
  return {
    kind: 'scripted',
    vocab: CharVocab.fromText('ab'),
    iterationsPerEpoch: 4,
    parameterCount: 1,
    lossLabel: 'loss',
    calls,
    get iteration() {
      return iter;
    },
    get firstLoss() {
      return first;
    },
    step(): StepResult {
      const loss = losses[iter];
      const finite = Number.isFinite(loss);
      if (finite) iter += 1;
      if (finite) first ??= loss;
      calls.push(`step ${iter}`);
      return { iter, loss, smoothLoss: loss, epoch: iter / 4, lr: 0.1, finite, paramsFinite: iter !== paramsBreakAt };
    },
    validationLoss() {
      calls.push(`validate ${iter}`);
      return withValidation ? 1.5 : null;
    },
    sample(options: TextSamplingOptions) {
      calls.push(`sample ${iter} seed ${options.seed}`);
      return 'ab';
    },
  };
}

/** Runs 5 iterations with a checkpoint every 2, recording the checkpoints and the steps reported. */
function runRecording(session: TrainingSession) {
  const checkpoints: number[] = [];
  const steps: number[] = [];
  const result = runTrainingLoop(session, {
    iterations: 5,
    checkpointEvery: 2,
    onCheckpoint: (k: number) => checkpoints.push(k),
    onStep: (r) => steps.push(r.iter),
  });
  return { result, checkpoints, steps };
}

describe('runTrainingLoop', () => {
  it('samples at the requested iterations (0 = before training) and every K, with seed + iteration', () => {
    const session = scriptedSession(Array(10).fill(1));
    const samples: number[] = [];
    runTrainingLoop(session, { iterations: 10, sampleAt: [0, 5], sampleEvery: 4, sampleSeed: 100, onSample: (s) => samples.push(s.iter) });
    expect(samples).toEqual([0, 4, 5, 8]);
    expect(session.calls).toContain('sample 5 seed 105');
  });

  it('validates and checkpoints every K iterations and at the end', () => {
    const session = scriptedSession(Array(10).fill(1));
    const events: string[] = [];
    const result = runTrainingLoop(session, {
      iterations: 10,
      evalEvery: 4,
      checkpointEvery: 5,
      onValidation: (k, v) => events.push(`val ${k} ${v}`),
      onCheckpoint: (k, v) => events.push(`ckpt ${k} ${v}`),
    });
    expect(events).toEqual(['val 4 1.5', 'ckpt 5 null', 'val 8 1.5', 'val 10 1.5', 'ckpt 10 1.5']);
    expect(result).toEqual({ iterations: 10, lastValLoss: 1.5 });
  });

  it('stops at the first non-finite loss, says why, and checkpoints nothing after it', () => {
    const session = scriptedSession([1, 1, 1, NaN, 1]);
    const { result, checkpoints, steps } = runRecording(session);
    expect(result.stoppedEarly).toEqual({ iteration: 4, reason: 'the loss or its gradient became NaN at iteration 4' });
    expect(result.iterations).toBe(3);
    expect(steps).toEqual([1, 2, 3]);
    expect(checkpoints).toEqual([2]);
    expect(runTrainingLoop(scriptedSession([1, Infinity]), { iterations: 2 }).stoppedEarly?.reason).toContain('infinite');
  });

  it('stops without checkpointing when an update leaves a parameter non-finite, counting only the good iterations', () => {
    const session = scriptedSession([1, 1, 1, 1, 1], true, 3);
    const { result, checkpoints, steps } = runRecording(session);
    expect(result.stoppedEarly).toEqual({ iteration: 3, reason: 'the update of iteration 3 made a parameter NaN or infinite' });
    expect(result.iterations).toBe(2);
    expect(steps).toEqual([1, 2]);
    expect(checkpoints).toEqual([2]);
  });

  it('stops when the loss exceeds 3× the first (char-rnn\'s rule), and not at 3× exactly', () => {
    const { result, checkpoints, steps } = runRecording(scriptedSession([2, 5, 6, 6.01, 1]));
    expect(result.stoppedEarly).toEqual({ iteration: 4, reason: 'the loss exploded at iteration 4: 6.0100, more than 3× the first iteration\'s 2.0000' });
    expect(steps).toEqual([1, 2, 3]);
    expect(checkpoints).toEqual([2]);
    const relaxed = runTrainingLoop(scriptedSession([2, 5, 6, 6.01, 1]), { iterations: 5, explodeFactor: Infinity });
    expect(relaxed.stoppedEarly).toBeUndefined();
  });

  it('keeps the first loss of the run across a resume: a session that starts later compares with its stored first loss', () => {
    const session = scriptedSession([2, 2, 2, 7]);
    for (let i = 0; i < 3; i++) session.step(); // the part before the "resume"
    expect(runTrainingLoop(session, { iterations: 4 }).stoppedEarly?.iteration).toBe(4);
  });

  it('ends after the current iteration when shouldStop says so, with a checkpoint of that iteration', () => {
    let asked = 0;
    const checkpoints: number[] = [];
    const result = runTrainingLoop(scriptedSession(Array(10).fill(1)), {
      iterations: 10, checkpointEvery: 4, shouldStop: () => ++asked === 6, onCheckpoint: (k) => checkpoints.push(k),
    });
    expect(result).toEqual({ iterations: 6, interrupted: true, lastValLoss: null });
    expect(checkpoints).toEqual([4, 6]);
  });

  it('the async loop yields to the event loop between iterations, so a timer set during training fires before it ends', async () => {
    const session = scriptedSession(Array(50).fill(1));
    let stop = false;
    setImmediate(() => (stop = true));
    const result = await runTrainingLoopAsync(session, { iterations: 50, shouldStop: () => stop });
    expect(result.interrupted).toBe(true);
    expect(result.iterations).toBeLessThan(50);
    expect(runTrainingLoop(scriptedSession(Array(50).fill(1)), { iterations: 50, shouldStop: () => stop }).iterations).toBe(1);
  });

  it('does nothing but the final evaluation when the session is already at the target', () => {
    const session = scriptedSession([]);
    const result = runTrainingLoop(session, { iterations: 0, sampleAt: [0] , onSample: () => undefined });
    expect(result.iterations).toBe(0);
    expect(session.calls).toEqual(['sample 0 seed 0', 'validate 0']);
  });

  it('rejects a bad schedule, naming the option', () => {
    const session = scriptedSession([1]);
    expect(() => runTrainingLoop(session, { iterations: -1 })).toThrow('runTrainingLoop: iterations is -1, expected an integer >= 0');
    expect(() => runTrainingLoop(session, { iterations: 1, sampleAt: [1.5] })).toThrow('sampleAt[0] is 1.5');
    expect(() => runTrainingLoop(session, { iterations: 1, temperature: 0 })).toThrow('temperature is 0');
    expect(() => runTrainingLoop(session, { iterations: 1, sampleLength: 0 })).toThrow('sampleLength is 0');
  });
});
