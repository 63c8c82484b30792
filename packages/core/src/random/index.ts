/**
 * Seeded randomness, equal to numpy.random.RandomState bit for bit (see ./random-state.ts and ./mt19937.ts).
 */
export { RandomState, checkRandomState } from './random-state';
export type { RandomStateSnapshot, SampleSize, Shuffleable } from './random-state';
export { MT19937, MT_STATE_SIZE, checkSeed } from './mt19937';
export type { MT19937State } from './mt19937';
