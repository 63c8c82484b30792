import { describe, expect, it } from 'vitest';
import { flatParams } from '../../test-support';
import { ShapeError, ValueError } from '../errors';
import { CharVocab } from '../data/vocab';
import { MinCharRnn } from '../lm/min-char-rnn';
import type { MinCharRnnLoss } from '../lm/min-char-rnn';
import { RecurrentLM } from '../lm/recurrent-lm';
import type { CellType } from '../modules/create-cell';
import type { RecurrentState } from '../modules/module';
import { RandomState } from '../random';
import { Tensor } from '../tensor/tensor';
import type { GradCheckRow, SparseGradCheckReport } from '../gradcheck/sparse';
import {
  REL_TOLERANCE, formatModelGradCheck, gradCheckNoiseFloor, judgeGradCheck, minCharRnnGradCheck, originalRelError, recurrentLMGradCheck,
} from './model-gradcheck';

const TEXT = 'First Citizen:\nBefore we proceed any further, hear me speak.\n\nAll:\nSpeak, speak.\n';
const vocab = CharVocab.fromText(TEXT);
const ids = Array.from(vocab.encode(TEXT));

const minChar = (seed = 42) => new MinCharRnn({ data: ids, vocabSize: vocab.size, hiddenSize: 12, seqLength: 10, seed });

/** A min-char-rnn whose backward pass is wrong by a factor on one parameter's gradient. */
class BrokenMinCharRnn extends MinCharRnn {
  override lossFun(inputs: ArrayLike<number>, targets: ArrayLike<number>, hprev: Tensor): MinCharRnnLoss {
    const result = super.lossFun(inputs, targets, hprev);
    for (let i = 0; i < result.grads.Whh.size; i++) result.grads.Whh.data[i] *= 1.1;
    return result;
  }
}

describe('minCharRnnGradCheck', () => {
  it('passes on the unclipped gradient of the next training chunk and restores every weight', () => {
    const model = minChar();
    for (let i = 0; i < 3; i++) model.step();
    const before = flatParams(model.params);
    const check = minCharRnnGradCheck(model, { rng: new RandomState(42) });
    expect(check.passed).toBe(true);
    expect(check.failures).toEqual([]);
    expect(check.report.perParam.map((p) => [p.param, p.checks])).toEqual([['Wxh', 10], ['Whh', 10], ['Why', 10], ['bh', 10], ['by', 10]]);
    expect(flatParams(model.params)).toEqual(before);
    const { inputs, targets } = model.nextChunk();
    expect(check.loss).toBe(model.lossFun(inputs, targets, model.hprev).loss);
    expect(minCharRnnGradCheck(model, { rng: new RandomState(42), inputs, targets, hprev: model.hprev })).toEqual(check);
  });

  it('fails on a backward pass that is 10% off for Whh, naming only Whh', () => {
    const model = new BrokenMinCharRnn({ data: ids, vocabSize: vocab.size, hiddenSize: 12, seqLength: 10, seed: 1 });
    const check = minCharRnnGradCheck(model, { rng: new RandomState(0) });
    expect(check.passed).toBe(false);
    expect(new Set(check.failures.map((r) => r.param))).toEqual(new Set(['Whh']));
    expect(Math.max(...check.failures.map((r) => r.relError))).toBeCloseTo(0.1 / 2.1, 3);
    expect(formatModelGradCheck(check)).toMatch(/FAILED: \d+ of 50 checked entries disagree \(Whh\)\.$/);
  });

  it('rejects bad options', () => {
    expect(() => minCharRnnGradCheck(minChar(), { rng: new RandomState(0), numChecks: 0 })).toThrow(
      new ValueError('minCharRnnGradCheck: options.numChecks is 0, expected an integer >= 1'),
    );
    expect(() => minCharRnnGradCheck(minChar(), null as never)).toThrow(new ValueError('minCharRnnGradCheck: options must be an object, got null'));
  });
});

function lm(cell: CellType, options: { dropout?: number; embeddingSize?: number | null; layers?: number } = {}) {
  const model = new RecurrentLM(
    { vocabSize: vocab.size, cell, layers: options.layers ?? 2, hiddenSize: 6, embeddingSize: options.embeddingSize ?? null, dropout: options.dropout ?? 0, forgetBias: 1 },
    new RandomState(3),
  );
  const x = new Tensor(Float64Array.from(ids.slice(0, 14)), [2, 7]);
  const y = new Tensor(Float64Array.from(ids.slice(1, 15)), [2, 7]);
  return { model, x, y };
}

describe('recurrentLMGradCheck', () => {
  it.each(['rnn', 'lstm', 'gru', 'esn'] as const)('passes for a 2-layer %s, every parameter checked', (cell) => {
    const { model, x, y } = lm(cell);
    const before = flatParams(model.params);
    const check = recurrentLMGradCheck(model, { x, y, rng: new RandomState(7) });
    expect(check.passed).toBe(true);
    expect(check.report.perParam.map((p) => p.param)).toEqual(Object.keys(model.params));
    expect(check.fixed).toEqual(cell === 'esn' ? ['cell0.Win', 'cell0.W', 'cell0.b', 'cell1.Win', 'cell1.W', 'cell1.b'] : []);
    expect(flatParams(model.params)).toEqual(before);
  });

  it('passes with dropout (the same masks in every evaluation), an embedding and a carried state', () => {
    const { model, x, y } = lm('lstm', { dropout: 0.3, embeddingSize: 5 });
    model.forward(x, undefined, { train: false });
    const state: RecurrentState[] = model.finalState();
    const check = recurrentLMGradCheck(model, { x, y, state, rng: new RandomState(1), dropoutSeed: 9 });
    expect(check.passed).toBe(true);
    expect(check.report.perParam[0].param).toBe('embed.W');
  });

  it('fails when one gradient is scaled, naming that parameter', () => {
    const { model, x, y } = lm('gru', { layers: 1 });
    const lossAndGrads = model.lossAndGrads.bind(model);
    model.lossAndGrads = (...args) => {
      const result = lossAndGrads(...args);
      for (let i = 0; i < model.grads['cell0.Wh'].size; i++) model.grads['cell0.Wh'].data[i] *= 0.5;
      return result;
    };
    const check = recurrentLMGradCheck(model, { x, y, rng: new RandomState(2) });
    expect(check.passed).toBe(false);
    expect(new Set(check.failures.map((r) => r.param))).toEqual(new Set(['cell0.Wh']));
  });

  it('rejects x and y of different shapes', () => {
    const { model, x } = lm('rnn');
    expect(() => recurrentLMGradCheck(model, { x, y: new Tensor(new Float64Array(7), [1, 7]), rng: new RandomState(0) })).toThrow(ShapeError);
  });
});

describe('the rule', () => {
  const row = (analytic: number, numerical: number): GradCheckRow => ({
    param: 'W', index: 0, position: [0], analytic, numerical, relError: Math.abs(analytic - numerical) / Math.max(1e-8, Math.abs(analytic) + Math.abs(numerical)),
  });
  const report = (rows: GradCheckRow[]): SparseGradCheckReport => ({
    rows, perParam: [{ param: 'W', checks: rows.length, maxRelError: Math.max(...rows.map((r) => r.relError)) }], perTimeStep: [], maxRelError: 0,
  });

  it('passes an entry within the relative tolerance, or whose difference is below the noise floor of the loss', () => {
    const floor = gradCheckNoiseFloor(100, 1e-5);
    expect(floor).toBeCloseTo((50 * 2 ** -52 * 100) / 1e-5, 20);
    const tiny = row(2e-8, 2.1e-8); // rel error 2.4e-2, but |a − n| = 1e-9 < floor
    const close = row(1, 1 + 1e-5); // rel error 5e-6
    expect(judgeGradCheck(report([tiny, close]), 100, 1e-5).passed).toBe(true);
    const off = row(1e-3, 1.0001e-3); // rel error 5e-5, |a − n| = 1e-7 < floor at loss 100 ...
    expect(judgeGradCheck(report([off]), 100, 1e-5).passed).toBe(true);
    const judged = judgeGradCheck(report([off]), 1, 1e-5); // ... but not at loss 1 (floor 1.1e-9)
    expect(judged.passed).toBe(false);
    expect(judged.failures).toEqual([off]);
    expect(judged.relTolerance).toBe(REL_TOLERANCE);
  });

  it("grad-check.py's relative error: NaN for 0/0, Infinity for opposite equal values, else |a − n| / |a + n|", () => {
    expect(originalRelError(0, 0)).toBeNaN();
    expect(originalRelError(1, -1)).toBe(Infinity);
    expect(originalRelError(1.1, 1)).toBeCloseTo(0.1 / 2.1, 15);
    expect(originalRelError(-1, 1e-9)).toBeCloseTo(1, 8);
  });

  it('prints both relative errors, the rule and the verdict', () => {
    const text = formatModelGradCheck(judgeGradCheck(report([row(0, 0), row(0.5, 0.5)]), 2, 1e-5));
    expect(text).toContain('rel error  |a−n|/|a+n|');
    expect(text).toMatch(/W      0 \[0\]  0\.000000e\+0  0\.000000e\+0    0\.00e\+0          NaN/);
    expect(text).toContain('rule: an entry passes when its rel error is at most 1e-5, or |a − n| is at most 2.22e-9');
    expect(text.endsWith('PASSED: all 2 checked entries agree.')).toBe(true);
  });
});
