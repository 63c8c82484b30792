/**
 * Public checks of exercise 11 (GRU step). Golden values: fixtures/gru.json, made by fixtures/make_fixtures.py with
 * torch.nn.GRUCell in float64 (forward, and autograd for the gradients). The backward checks feed the student's
 * gruStepBackward the cache of core's gruStepForward, so a wrong forward does not fail them too.
 */
import { gruStepForward, tensor } from '@rnnlab/core';
import { evalNumericalGradientArray } from '@rnnlab/core/testing';
import { check, expectGradient, expectTensor, loadStudent } from '@rnnlab/teaching/check';
import { ARGUMENTS, args, gateOf, want } from './checks-support';
import type { Case } from './checks-support';
import type * as Exercise from './exercise';
import fixtures from './fixtures/gru.json';

const student = await loadStudent<typeof Exercise>(import.meta.url);

const step = fixtures.step as Case;
const { updateOne, updateZero, resetZero, zeroState } = fixtures.isolated as Record<string, Case>;
const fwd = 'gruStepForward';
const bwd = 'gruStepBackward';

check('gruStepForward: nextH as torch.nn.GRU computes it', { points: 2 }, async () => {
  const { nextH } = await student.gruStepForward(...args(step));
  expectTensor(nextH, want(step, 'nextH'), { fn: fwd, output: 'nextH', hint: 'nextH = (1 − z) ⊙ n + z ⊙ prevH' });
});

check('gruStepForward: the reset gate r and the update gate z (in the cache)', { points: 1 }, async () => {
  const { cache } = await student.gruStepForward(...args(step));
  expectTensor(gateOf(cache, 'r', want(step, 'r').shape), want(step, 'r'), { fn: fwd, output: 'r (cache.gates[:, 0:H])', hint: 'r = σ(x·Wxr + bxr + prevH·Whr + bhr), the FIRST H columns (gate order r, z, n)' });
  expectTensor(gateOf(cache, 'z', want(step, 'z').shape), want(step, 'z'), { fn: fwd, output: 'z (cache.gates[:, H:2H])', hint: 'z = σ(x·Wxz + bxz + prevH·Whz + bhz), columns H … 2H − 1' });
});

check('gruStepForward: the candidate n and its recurrent part hn (in the cache)', { points: 1 }, async () => {
  const { cache } = await student.gruStepForward(...args(step));
  expectTensor(cache?.hn, want(step, 'hn'), { fn: fwd, output: 'cache.hn', hint: 'hn = prevH·Whn + bhn (the last H columns of prevH·Wh + bh), before r scales it' });
  expectTensor(gateOf(cache, 'n', want(step, 'n').shape), want(step, 'n'), {
    fn: fwd, output: 'n (cache.gates[:, 2H:3H])', hint: 'torch: n = tanh(x·Wxn + bxn + r ⊙ (prevH·Whn + bhn)) — r multiplies after the matrix product, bias included',
  });
});

check('gruStepForward: z = 1 keeps prevH, z = 0 takes the candidate n', { points: 1 }, async () => {
  const one = await student.gruStepForward(...args(updateOne));
  const zero = await student.gruStepForward(...args(updateZero));
  expectTensor(one?.nextH, want(updateOne, 'nextH'), {
    fn: fwd, output: 'nextH with the update gate saturated at z = 1', hint: 'z = 1 must give nextH = prevH: nextH = (1 − z) ⊙ n + z ⊙ prevH',
  });
  expectTensor(zero?.nextH, want(updateZero, 'nextH'), {
    fn: fwd, output: 'nextH with the update gate saturated at z = 0', hint: 'z = 0 must give nextH = n, the candidate',
  });
});

check('gruStepForward: r = 0 removes prevH·Whn + bhn from the candidate', { points: 1 }, async () => {
  const { nextH, cache } = await student.gruStepForward(...args(resetZero));
  const hint = 'with r = 0, torch’s candidate is n = tanh(x·Wxn + bxn): the reset gate multiplies prevH·Whn + bhn, the bias bhn too';
  expectTensor(gateOf(cache, 'n', want(resetZero, 'n').shape), want(resetZero, 'n'), { fn: fwd, output: 'n with the reset gate saturated at r = 0', hint });
  expectTensor(nextH, want(resetZero, 'nextH'), { fn: fwd, output: 'nextH with r = 0', hint });
});

check('gruStepForward: with prevH = 0 only x and the biases act', { points: 1 }, async () => {
  const { nextH } = await student.gruStepForward(...args(zeroState));
  expectTensor(nextH, want(zeroState, 'nextH'), {
    fn: fwd, output: 'nextH with prevH = 0', hint: 'prevH·Wh vanishes but bh does not: r = σ(x·Wxr + bxr + bhr), n = tanh(x·Wxn + bxn + r ⊙ bhn)',
  });
});

/** The cache of core's forward on a case's inputs, and the case's upstream gradient. */
function trustedCache(c: Case) {
  return { cache: gruStepForward(...args(c)).cache, dnextH: tensor(c.inputs.dnextH) };
}

check('gruStepBackward: dprevH as torch’s autograd computes it', { points: 2 }, async () => {
  const { cache, dnextH } = trustedCache(step);
  const got = await student.gruStepBackward(dnextH, cache);
  expectTensor(got?.dprevH, want(step, 'dprevH'), {
    fn: bwd, output: 'dprevH', hint: 'prevH reaches nextH directly (z ⊙ prevH) and through ah = prevH·Wh + bh: dprevH = dnextH ⊙ z + dah·Whᵀ',
  });
});

check('gruStepBackward: dx, dWx and dbx (the input side)', { points: 1 }, async () => {
  const { cache, dnextH } = trustedCache(step);
  const got = await student.gruStepBackward(dnextH, cache);
  expectTensor(got?.dx, want(step, 'dx'), { fn: bwd, output: 'dx', hint: 'dx = dax·Wxᵀ with dax = [dar, daz, dan], the gradient of x·Wx + bx' });
  expectTensor(got?.dWx, want(step, 'dWx'), { fn: bwd, output: 'dWx', hint: 'dWx = xᵀ·dax' });
  expectTensor(got?.dbx, want(step, 'dbx'), { fn: bwd, output: 'dbx', hint: 'dbx = the column sums of dax' });
});

check('gruStepBackward: dWh and dbh (the recurrent side)', { points: 1 }, async () => {
  const { cache, dnextH } = trustedCache(step);
  const got = await student.gruStepBackward(dnextH, cache);
  const hint = 'dah = [dar, daz, dan ⊙ r]: in the n block the gradient passes through r ⊙ (·) before reaching prevH·Whn + bhn';
  expectTensor(got?.dWh, want(step, 'dWh'), { fn: bwd, output: 'dWh', hint: `dWh = prevHᵀ·dah; ${hint}` });
  expectTensor(got?.dbh, want(step, 'dbh'), { fn: bwd, output: 'dbh', hint: `dbh = the column sums of dah; ${hint}` });
});

check('gruStepBackward: every gradient matches the numerical gradient of the forward pass', { points: 2 }, async () => {
  const { cache, dnextH } = trustedCache(step);
  const got = await student.gruStepBackward(dnextH, cache);
  const inputs = args(step);
  ARGUMENTS.forEach((name, i) => {
    // d sum(nextH ⊙ dnextH) / d input i, by centred differences of core's gruStepForward
    const numerical = evalNumericalGradientArray((v) => {
      const a = [...inputs] as typeof inputs;
      a[i] = v;
      return gruStepForward(...a).nextH;
    }, inputs[i].clone(), dnextH);
    expectGradient((got as Record<string, unknown> | undefined)?.[`d${name}`], numerical, { fn: bwd, output: `d${name}` });
  });
});

check('gruStepBackward: with z = 1 the gradient reaches prevH unchanged', { points: 1 }, async () => {
  const { cache, dnextH } = trustedCache(updateOne);
  const got = await student.gruStepBackward(dnextH, cache);
  expectTensor(got?.dprevH, want(updateOne, 'dprevH'), {
    fn: bwd, output: 'dprevH with z = 1', hint: 'z = 1 copies prevH into nextH, so dprevH = dnextH: the term dnextH ⊙ z carries it (the gates’ derivatives are 0)',
  });
});
