/**
 * Public checks of exercise 05 (sample). Golden values: fixtures/sample.json, made by fixtures/make_fixtures.py with
 * min-char-rnn.py's sample. Only the first check depends on the generator calls (the exercise states the one to make:
 * rng.choice(V, p.data), numpy's choice); the others hold for any correct way of drawing from p.
 */
import { RandomState, tensor } from '@rnnlab/core';
import { CheckFailure, check, expectEqual, loadStudent, tensorsOf } from '@rnnlab/teaching/check';
import type * as Exercise from './exercise';
import fixtures from './fixtures/sample.json';

const student = await loadStudent<typeof Exercise>(import.meta.url);
const paramsOf = (c: { params: typeof fixtures.golden.params }) => tensorsOf(c.params);

/**
 * Fails unless, after each character a, the frequency of each next character b in `ixes` is within 5 standard errors
 * of P[a][b] (the network's probability): binomial counts, so a correct sampler fails about once in 10⁵ runs.
 */
function expectTransitions(ixes: unknown, seedIx: number, P: number[][], n: number): void {
  const V = P.length;
  const fn = 'sample', output = `the ${n} characters`;
  if (!Array.isArray(ixes) || ixes.length !== n || !ixes.every((ix) => Number.isInteger(ix) && ix >= 0 && ix < V)) {
    throw new CheckFailure({ fn, output, problem: `should be ${n} indices in [0, ${V})` });
  }
  const counts = P.map(() => new Array<number>(V).fill(0));
  ixes.forEach((b: number, t) => { counts[t === 0 ? seedIx : ixes[t - 1]][b] += 1; });
  const evidence: string[] = [];
  counts.forEach((row, a) => {
    const total = row.reduce((s, c) => s + c, 0);
    row.forEach((count, b) => {
      const f = count / total, p = P[a][b];
      if (total > 0 && Math.abs(f - p) > 5 * Math.sqrt((p * (1 - p)) / total)) {
        evidence.push(`after character ${a} (${total} times): ${b} came next ${(100 * f).toFixed(1)}% of the time, its probability is ${(100 * p).toFixed(1)}%`);
      }
    });
  });
  if (evidence.length === 0) return;
  throw new CheckFailure({
    fn, output, problem: `do not follow the network's probabilities (${evidence.length} next-character frequencies are off by more than 5 standard errors)`,
    evidence: evidence.slice(0, 3),
    hint: 'draw each character from p (not the most likely one: argmax never gives the others), then feed it back in as the next input',
  });
}

check('sample: the characters numpy draws with the same generator calls', { points: 3 }, async () => {
  const c = fixtures.golden;
  const got = await student.sample(tensor(c.h), c.seedIx, c.n, paramsOf(c), new RandomState(c.sampleSeed));
  expectEqual(got, c.ixes, {
    fn: 'sample', output: 'ixes',
    hint: 'for each character: one step of the network from x and h, p = softmax(y), then ix = rng.choice(V, p.data) — '
      + 'once per character, nothing else drawn from rng — and x = onehot(ix) for the next step',
  });
});

check('sample: a nearly deterministic network gives the same text however you draw', { points: 2 }, async () => {
  const c = fixtures.deterministic;
  const got = await student.sample(tensor(c.h), c.seedIx, c.n, paramsOf(c), new RandomState(0));
  expectEqual(got, c.ixes, {
    fn: 'sample', output: 'ixes',
    hint: 'here one character has probability > 1 − 1e-9 at every step; so check the recurrence: start from the given h, '
      + 'keep the new h for the next step, and make the drawn character the next input',
  });
});

check('sample: the characters follow the network’s probabilities (8,000 draws)', { points: 2 }, async () => {
  const c = fixtures.markov;
  const got = await student.sample(tensor(c.h), c.seedIx, c.n, paramsOf(c), new RandomState(c.sampleSeed));
  expectTransitions(got, c.seedIx, c.P, c.n);
});

check('sample: n indices in [0, V), not counting the seed; none for n = 0', { points: 1 }, async () => {
  const c = fixtures.golden;
  const V = c.params.Wxh[0].length;
  const got = await student.sample(tensor(c.h), c.seedIx, 7, paramsOf(c), new RandomState(1));
  if (!Array.isArray(got) || got.length !== 7 || !got.every((ix) => Number.isInteger(ix) && ix >= 0 && ix < V)) {
    const what = Array.isArray(got) ? `[${got.slice(0, 10).join(', ')}${got.length > 10 ? ', …' : ''}] (length ${got.length})` : String(got);
    throw new CheckFailure({
      fn: 'sample', output: 'the result of sample(h, seedIx, 7, …)', problem: `should be 7 integers in [0, ${V}), got ${what}`,
      hint: 'return a plain array of the n drawn indices, without the seed character',
    });
  }
  expectEqual(await student.sample(tensor(c.h), c.seedIx, 0, paramsOf(c), new RandomState(1)), [], { fn: 'sample', output: 'the result for n = 0' });
});
