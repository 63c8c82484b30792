/**
 * Hidden checks of exercise 05 (instructors only: not in the student copy). Other sizes, seeds and generators, from
 * fixtures/hidden.json (made by fixtures/make_fixtures.py): the exact draws, and a nearly deterministic network.
 */
import { RandomState, tensor } from '@rnnlab/core';
import { check, expectEqual, loadStudent, tensorsOf } from '@rnnlab/teaching/check';
import type * as Exercise from './exercise';
import fixtures from './fixtures/hidden.json';

const student = await loadStudent<typeof Exercise>(import.meta.url);
const paramsOf = (c: { params: typeof fixtures.golden.params }) => tensorsOf(c.params);

check('sample: the exact draws with other sizes and seeds', { points: 1, hidden: true }, async () => {
  const c = fixtures.golden;
  expectEqual(await student.sample(tensor(c.h), c.seedIx, c.n, paramsOf(c), new RandomState(c.sampleSeed)), c.ixes, { fn: 'sample', output: 'ixes' });
});

check('sample: another nearly deterministic network', { points: 1, hidden: true }, async () => {
  const c = fixtures.deterministic;
  expectEqual(await student.sample(tensor(c.h), c.seedIx, c.n, paramsOf(c), new RandomState(5)), c.ixes, { fn: 'sample', output: 'ixes' });
});
