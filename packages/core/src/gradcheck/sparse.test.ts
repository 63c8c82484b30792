import { describe, expect, it } from 'vitest';
import { flatParams } from '../../test-support';
import { ShapeError, ValueError } from '../errors';
import type { ParamMap } from '../modules/module';
import { clipGradsElementwise } from '../optim/clip';
import { RandomState } from '../random';
import { matmul } from '../tensor/matmul';
import { add, addBias, addScaledInPlace, mul, scale, sub, tanh } from '../tensor/ops';
import { sum } from '../tensor/reduce';
import { Tensor, ones, tensor, zeros } from '../tensor/tensor';
import { getTimeStep, setTimeStep } from '../tensor/time';
import { formatGradCheckTable, sparseGradCheck } from './sparse';
import type { LossAndGrads, SparseGradCheckReport } from './sparse';

// A tanh RNN over T steps written inline, with its hand-derived backward pass:
//   h_t = tanh(x_t·Wx + h_{t−1}·Wh + b),  L = Σ_t sum(h_t ⊙ c_t)
//   dh_t = c_t + dnext;  da = dh_t ⊙ (1 − h_t²);  dWx += x_tᵀ·da;  dWh += h_{t−1}ᵀ·da;  db += Σ_n da;
//   dx_t = da·Wxᵀ;  dnext = da·Whᵀ;  dh0 = dnext after t = 0.
// x [N, T, D] and h0 [N, H] are "params" too, so the check covers the gradients flowing back through time.
const N = 2;
const T = 3;
const D = 3;
const H = 4;

interface Faults {
  /** Multiply one returned gradient by a factor. */
  scaleGrad?: { name: string; factor: number };
  /** Multiply dx at one time step by a factor. */
  scaleDxAt?: { t: number; factor: number };
  /** Clip the returned gradients to ±limit, as min-char-rnn's lossFun does. */
  clipAt?: number;
}

function makeRnn(seed: number, cScale = 1) {
  const rng = new RandomState(seed);
  const params: ParamMap = {
    Wx: scale(rng.randn(D, H) as Tensor, 0.5),
    Wh: scale(rng.randn(H, H) as Tensor, 0.5),
    b: scale(rng.randn(H) as Tensor, 0.1),
    h0: scale(rng.randn(N, H) as Tensor, 0.5),
    x: rng.randn(N, T, D) as Tensor,
  };
  const c = scale(rng.randn(N, T, H) as Tensor, cScale);
  const lossFn = (faults: Faults = {}) => (): LossAndGrads => {
    const { Wx, Wh, b, h0, x } = params;
    const hs = [h0];
    let loss = 0;
    for (let t = 0; t < T; t++) {
      const a = addBias(add(matmul(getTimeStep(x, t), Wx), matmul(hs[t], Wh)), b);
      hs.push(tanh(a));
      loss += sum(mul(hs[t + 1], getTimeStep(c, t)));
    }
    const grads: ParamMap = { Wx: zeros([D, H]), Wh: zeros([H, H]), b: zeros([H]), h0: zeros([N, H]), x: zeros([N, T, D]) };
    let dnext = zeros([N, H]);
    for (let t = T - 1; t >= 0; t--) {
      const h = hs[t + 1];
      const da = mul(add(getTimeStep(c, t), dnext), sub(ones([N, H]), mul(h, h)));
      matmul(getTimeStep(x, t), da, { transA: true, out: grads.Wx, accumulate: true });
      matmul(hs[t], da, { transA: true, out: grads.Wh, accumulate: true });
      addScaledInPlace(grads.b, 1, sum(da, 0));
      setTimeStep(grads.x, t, matmul(da, Wx, { transB: true }));
      dnext = matmul(da, Wh, { transB: true });
    }
    grads.h0 = dnext;
    if (faults.scaleGrad) scale(grads[faults.scaleGrad.name], faults.scaleGrad.factor, grads[faults.scaleGrad.name]);
    if (faults.scaleDxAt) {
      const { t, factor } = faults.scaleDxAt;
      setTimeStep(grads.x, t, scale(getTimeStep(grads.x, t), factor));
    }
    if (faults.clipAt !== undefined) clipGradsElementwise(grads, faults.clipAt);
    return { loss, grads };
  };
  return { params, loss: lossFn };
}

const summary = (report: SparseGradCheckReport) => Object.fromEntries(report.perParam.map((s) => [s.param, s.maxRelError]));

describe('sparseGradCheck on a hand-written tanh RNN', () => {
  const rnn = makeRnn(0);
  const before = flatParams(rnn.params);
  const report = sparseGradCheck({ params: rnn.params, loss: rnn.loss(), rng: new RandomState(42), timeAxes: { x: 1 } });

  for (const { param, maxRelError, checks } of report.perParam) {
    it(`d${param} matches the numerical gradient on ${checks} entries (max rel error ${maxRelError.toExponential(2)})`, () => {
      expect(checks).toBe(10);
      expect(maxRelError).toBeLessThan(1e-7);
    });
  }

  it('restores every perturbed entry exactly', () => {
    for (const [k, p] of Object.entries(rnn.params)) expect(Array.from(p.data)).toEqual(before[k]);
  });

  it('picks the entries numpy picks: int(RandomState(42).uniform(0, size)) per check, parameter by parameter', () => {
    const indices = (name: string) => report.rows.filter((r) => r.param === name).map((r) => r.index);
    expect(indices('Wx')).toEqual([4, 11, 8, 7, 1, 1, 0, 10, 7, 8]);
    expect(indices('Wh')).toEqual([0, 15, 13, 3, 2, 2, 4, 8, 6, 4]);
    expect(indices('b')).toEqual([2, 0, 1, 1, 1, 3, 0, 2, 2, 0]);
    expect(indices('h0')).toEqual([4, 1, 0, 7, 7, 6, 2, 0, 5, 3]);
    expect(indices('x')).toEqual([2, 8, 0, 16, 4, 11, 5, 9, 9, 3]);
    const again = sparseGradCheck({ params: rnn.params, loss: rnn.loss(), rng: new RandomState(42), timeAxes: { x: 1 } });
    expect(again).toEqual(report);
  });

  it('rows carry the multi-index, and the time step only for tensors with a time axis', () => {
    const x11 = report.rows.find((r) => r.param === 'x' && r.index === 11)!;
    expect(x11.position).toEqual([1, 0, 2]);
    expect(x11.timeStep).toBe(0);
    expect(report.rows.find((r) => r.param === 'Wh' && r.index === 13)!.position).toEqual([3, 1]);
    expect(report.rows.filter((r) => r.param !== 'x').every((r) => r.timeStep === undefined)).toBe(true);
  });

  it('groups the x rows per time step, in order, with their count and worst error', () => {
    const xRows = report.rows.filter((r) => r.param === 'x');
    expect(xRows.every((r) => r.timeStep === r.position[1])).toBe(true);
    const expected = [0, 1, 2]
      .map((t) => ({ t, rows: xRows.filter((r) => r.timeStep === t) }))
      .filter(({ rows }) => rows.length > 0)
      .map(({ t, rows }) => ({ param: 'x', t, checks: rows.length, maxRelError: Math.max(...rows.map((r) => r.relError)) }));
    expect(report.perTimeStep).toEqual(expected);
    expect(report.maxRelError).toBe(Math.max(...report.rows.map((r) => r.relError)));
  });
});

describe('sparseGradCheck flags wrong gradients', () => {
  it('a gradient scaled by 1.1 for one parameter is flagged for that parameter only', () => {
    const rnn = makeRnn(1);
    const report = sparseGradCheck({ params: rnn.params, loss: rnn.loss({ scaleGrad: { name: 'Wh', factor: 1.1 } }), rng: new RandomState(5) });
    const errors = summary(report);
    expect(errors.Wh).toBeCloseTo(0.1 / 2.1, 6);
    for (const name of ['Wx', 'b', 'h0', 'x']) expect(errors[name]).toBeLessThan(1e-7);
  });

  it('a backward that is wrong at one time step only is flagged at that step of x', () => {
    const rnn = makeRnn(2);
    const report = sparseGradCheck({
      params: { x: rnn.params.x },
      loss: rnn.loss({ scaleDxAt: { t: 1, factor: 0.5 } }),
      rng: new RandomState(3),
      numChecks: 30,
      timeAxes: { x: 1 },
    });
    const byStep = Object.fromEntries(report.perTimeStep.map((s) => [s.t, s.maxRelError]));
    expect(Object.keys(byStep)).toEqual(['0', '1', '2']);
    expect(byStep[0]).toBeLessThan(1e-7);
    expect(byStep[1]).toBeCloseTo(1 / 3, 6);
    expect(byStep[2]).toBeLessThan(1e-7);
  });

  it("catches min-char-rnn's clipped analytic gradient: entries beyond ±5 fail, the same check unclipped passes", () => {
    const rnn = makeRnn(4, 8);
    const check = (clipAt?: number) =>
      sparseGradCheck({ params: rnn.params, loss: rnn.loss({ clipAt }), rng: new RandomState(9), numChecks: 20 });
    const clipped = check(5);
    const big = clipped.rows.filter((r) => Math.abs(r.numerical) > 5);
    expect(big.length).toBeGreaterThan(0);
    expect(big.every((r) => r.analytic === Math.sign(r.numerical) * 5 && r.relError > 1e-4)).toBe(true);
    expect(clipped.rows.filter((r) => Math.abs(r.numerical) < 4.99).every((r) => r.relError < 1e-7)).toBe(true);
    expect(check().maxRelError).toBeLessThan(1e-7);
  });

  it('copies the analytic gradients before perturbing, so a loss that reuses its grads buffers is fine', () => {
    const w = tensor([0.3, -0.7, 1.1]);
    const shared = { w: zeros([3]) };
    const loss = (): LossAndGrads => {
      shared.w.data.fill(0);
      let value = 0;
      for (let i = 0; i < 3; i++) {
        value += Math.sin(w.data[i]);
        shared.w.data[i] = Math.cos(w.data[i]);
      }
      return { loss: value, grads: shared };
    };
    expect(sparseGradCheck({ params: { w }, loss, rng: new RandomState(0) }).maxRelError).toBeLessThan(1e-9);
  });
});

describe('formatGradCheckTable', () => {
  it('prints one line per entry, then per-parameter and per-time-step summaries', () => {
    const report: SparseGradCheckReport = {
      rows: [
        { param: 'Wx', index: 5, position: [1, 1], numerical: 0.125, analytic: 0.125, relError: 0 },
        { param: 'x', index: 7, position: [0, 2, 1], timeStep: 2, numerical: -1.5, analytic: -1.65, relError: 0.15 / 3.15 },
      ],
      perParam: [
        { param: 'Wx', maxRelError: 0, checks: 1 },
        { param: 'x', maxRelError: 0.15 / 3.15, checks: 1 },
      ],
      perTimeStep: [{ param: 'x', t: 2, maxRelError: 0.15 / 3.15, checks: 1 }],
      maxRelError: 0.15 / 3.15,
    };
    expect(formatGradCheckTable(report)).toBe(
      [
        'param  index        t     numerical      analytic  rel error',
        'Wx     5 [1, 1]         1.250000e-1   1.250000e-1    0.00e+0',
        'x      7 [0, 2, 1]  2  -1.500000e+0  -1.650000e+0    4.76e-2',
        '',
        'param  checks  max rel error',
        'Wx          1        0.00e+0',
        'x           1        4.76e-2',
        '',
        'param  t  checks  max rel error',
        'x      2       1        4.76e-2',
        '',
        'max rel error: 4.76e-2',
      ].join('\n'),
    );
  });

  it('leaves out the t column and the time-step table when nothing has a time axis, and rejects a non-report', () => {
    // A power-of-two delta keeps the differences exact, so the table is too.
    const b = tensor([0.5, 0.25]);
    const loss = () => ({ loss: 3 * b.data[1], grads: { b: tensor([0, 3]) } });
    const report = sparseGradCheck({ params: { b }, loss, rng: new RandomState(1), numChecks: 2, delta: 2 ** -16 });
    expect(formatGradCheckTable(report)).toBe(
      [
        'param  index    numerical     analytic  rel error',
        'b      0 [0]  0.000000e+0  0.000000e+0    0.00e+0',
        'b      1 [1]  3.000000e+0  3.000000e+0    0.00e+0',
        '',
        'param  checks  max rel error',
        'b           2        0.00e+0',
        '',
        'max rel error: 0.00e+0',
      ].join('\n'),
    );
    expect(() => formatGradCheckTable({} as never)).toThrow(new ValueError('formatGradCheckTable: report must be the result of sparseGradCheck'));
  });
});

describe('sparseGradCheck checks its arguments', () => {
  const rnn = makeRnn(0);
  const base = { params: rnn.params, loss: rnn.loss(), rng: new RandomState(0) };

  it('a missing or misshapen gradient is a ShapeError naming the parameter', () => {
    const without = () => ({ loss: 1, grads: { Wx: zeros([D, H]), Wh: zeros([H, H]), b: zeros([H]), x: zeros([N, T, D]) } });
    expect(() => sparseGradCheck({ ...base, loss: without })).toThrow(
      new ShapeError('sparseGradCheck: loss() returned no gradient for h0, expected grads with every name in params (Wx, Wh, b, h0, x)'),
    );
    const misshapen = () => ({ loss: 1, grads: { ...without().grads, h0: zeros([H, N]) } });
    expect(() => sparseGradCheck({ ...base, loss: misshapen })).toThrow(
      new ShapeError('sparseGradCheck: the gradient for h0 has shape [4, 2], expected [2, 4] (shape of params.h0)'),
    );
  });

  it.each([
    [{ numChecks: 0 }, 'sparseGradCheck: numChecks is 0, expected an integer >= 1'],
    [{ numChecks: 2.5 }, 'sparseGradCheck: numChecks is 2.5, expected an integer >= 1'],
    [{ delta: 0 }, 'sparseGradCheck: delta is 0, expected a small finite number > 0'],
    [{ delta: -1e-5 }, 'sparseGradCheck: delta is -0.00001, expected a small finite number > 0'],
    [{ delta: NaN }, 'sparseGradCheck: delta is NaN, expected a small finite number > 0'],
    [{ rng: Math.random }, 'sparseGradCheck: rng must be a RandomState, got function'],
    [{ loss: 5 }, 'sparseGradCheck: loss must be a function returning { loss, grads }, got number'],
    [{ params: [] }, 'sparseGradCheck: params must be an object of named Tensors ({ W, b, ... }), got an array'],
    [{ timeAxes: { y: 1 } }, 'sparseGradCheck: timeAxes.y names no tensor in params (Wx, Wh, b, h0, x)'],
    [{ timeAxes: { x: 3 } }, 'sparseGradCheck: timeAxes.x is 3, expected an integer in [0, 2]'],
    [{ loss: () => null }, 'sparseGradCheck: loss() returned null, expected { loss, grads }'],
    [{ loss: () => ({ loss: 1, grads: 7 }) }, 'sparseGradCheck: grads from loss() must be an object of named Tensors ({ W, b, ... }), got number'],
  ])('%o is a ValueError', (override, message) => {
    expect(() => sparseGradCheck({ ...base, ...(override as object) })).toThrow(new ValueError(message));
  });

  it('rejects a missing options object and a scalar given a time axis', () => {
    expect(() => sparseGradCheck(undefined as never)).toThrow(new ValueError('sparseGradCheck: options must be an object, got undefined'));
    expect(() => sparseGradCheck({ ...base, params: { s: tensor(1) }, timeAxes: { s: 0 } })).toThrow(
      new ValueError('sparseGradCheck: timeAxes.s is 0, but params.s is a scalar with no axes'),
    );
  });

  it('a non-finite loss is a ValueError saying where, and the entry is restored', () => {
    expect(() => sparseGradCheck({ ...base, loss: () => ({ loss: NaN, grads: rnn.loss()().grads }) })).toThrow(
      new ValueError('sparseGradCheck: loss() returned loss NaN at the unperturbed params, expected a finite number'),
    );
    const w = tensor([[0.5, 1e-6]]);
    const logLoss = () => ({ loss: Math.log(w.data[1]) + w.data[0], grads: { w: tensor([[1, 1 / w.data[1]]]) } });
    // RandomState(1).uniform(0, 2) twice: 0.834, 1.44 → entries 0, then 1, where log(1e-6 − 1e-5) is NaN.
    expect(() => sparseGradCheck({ params: { w }, loss: logLoss, rng: new RandomState(1) })).toThrow(
      new ValueError('sparseGradCheck: loss() returned loss NaN with w[0, 1] (flat index 1) at its value - delta, expected a finite number'),
    );
    expect(Array.from(w.data)).toEqual([0.5, 1e-6]);
  });
});
