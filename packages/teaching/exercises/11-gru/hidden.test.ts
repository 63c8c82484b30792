/**
 * Hidden checks of exercise 11 (instructors only: not in the student copy). Other sizes (N = 3, D = 5, H = 2 and
 * N = 3, D = 2, H = 3) and seeds, from fixtures/hidden.json (made by fixtures/make_fixtures.py with torch.nn.GRUCell).
 */
import { gruStepForward, tensor } from '@rnnlab/core';
import type { Tensor } from '@rnnlab/core';
import { check, expectTensor, loadStudent } from '@rnnlab/teaching/check';
import { args, gateOf, want } from './checks-support';
import type { Case } from './checks-support';
import type * as Exercise from './exercise';
import fixtures from './fixtures/hidden.json';

const student = await loadStudent<typeof Exercise>(import.meta.url);

const step = fixtures.step as Case;
const isolated = fixtures.isolated as Record<string, Case>;
const fwd = 'gruStepForward';

check('gruStepForward with other sizes and weights', { points: 2, hidden: true }, async () => {
  const { nextH, cache } = await student.gruStepForward(...args(step));
  for (const gate of ['r', 'z', 'n'] as const) expectTensor(gateOf(cache, gate, want(step, gate).shape), want(step, gate), { fn: fwd, output: gate });
  expectTensor(cache?.hn, want(step, 'hn'), { fn: fwd, output: 'cache.hn' });
  expectTensor(nextH, want(step, 'nextH'), { fn: fwd, output: 'nextH' });
});

check('gruStepForward with saturated gates and a zero state, other sizes', { points: 1, hidden: true }, async () => {
  const cases = Object.entries(isolated);
  const got: { nextH: Tensor }[] = [];
  for (const [, c] of cases) got.push(await student.gruStepForward(...args(c)));
  cases.forEach(([name, c], i) => expectTensor(got[i]?.nextH, want(c, 'nextH'), { fn: fwd, output: `nextH (${name})` }));
});

check('gruStepBackward with other sizes and weights', { points: 2, hidden: true }, async () => {
  const cases = [step, isolated.zeroState, isolated.resetZero];
  const got: Record<string, Tensor>[] = [];
  for (const c of cases) got.push(await student.gruStepBackward(tensor(c.inputs.dnextH), gruStepForward(...args(c)).cache));
  cases.forEach((c, i) => {
    for (const name of ['dx', 'dprevH', 'dWx', 'dWh', 'dbx', 'dbh']) {
      expectTensor(got[i]?.[name], want(c, name), { fn: 'gruStepBackward', output: name });
    }
  });
});
