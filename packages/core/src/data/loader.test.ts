import { describe, expect, it } from 'vitest';
import { ValueError } from '../errors';
// Expected batches from a numpy re-implementation of char-rnn's CharSplitLMMinibatchLoader
// (fixtures/make_loader_fixtures.py; ids drawn with np.random.RandomState(0).randint).
import fixtures from './fixtures/loader_fixtures.json';
import { BatchLoader } from './loader';

const range = (n: number) => Array.from({ length: n }, (_, i) => i);
const all = (loader: BatchLoader) => range(loader.batchCount).map((k) => loader.batch(k));

describe('BatchLoader layout', () => {
  it('cuts 26 ids with B=2, T=3 into 4 batches of two contiguous streams, last target wrapping to the first id', () => {
    // len = 2·3·⌊26/6⌋ = 24, L = 12: stream 0 is ids 0..11, stream 1 is ids 12..23; ids 24, 25 are dropped.
    const loader = new BatchLoader(range(26), { batchSize: 2, seqLength: 3 });
    expect([loader.usedLength, loader.streamLength, loader.batchCount]).toEqual([24, 12, 4]);
    const batches = all(loader);
    expect(batches[0].x.toArray()).toEqual([[0, 1, 2], [12, 13, 14]]);
    expect(batches[0].y.toArray()).toEqual([[1, 2, 3], [13, 14, 15]]);
    expect(batches[1].x.toArray()).toEqual([[3, 4, 5], [15, 16, 17]]);
    expect(batches[3].x.toArray()).toEqual([[9, 10, 11], [21, 22, 23]]);
    expect(batches[3].y.toArray()).toEqual([[10, 11, 12], [22, 23, 0]]);
    expect(batches[3].x.shape).toEqual([2, 3]);
  });

  it.each(fixtures.cases.map((c) => ({ ...c, n: c.ids.length })))(
    'matches char-rnn exactly for n=$n, B=$batchSize, T=$seqLength, valFraction=$valFraction',
    ({ ids, batchSize, seqLength, valFraction, nbatches, ntrain, nval, x, y }) => {
      const loader = new BatchLoader(ids, { batchSize, seqLength, valFraction });
      expect([loader.batchCount, loader.trainBatchCount, loader.valBatchCount]).toEqual([nbatches, ntrain, nval]);
      const batches = all(loader);
      expect(batches.map((b) => b.x.toArray())).toEqual(x);
      expect(batches.map((b) => b.y.toArray())).toEqual(y);
    },
  );

  it('makes row b of batch k continue row b of batch k-1 (carried hidden state sees one unbroken stream)', () => {
    const ids = range(7 * 4 * 5 + 3).map((i) => (i * 7919) % 31);
    const loader = new BatchLoader(ids, { batchSize: 4, seqLength: 5, valFraction: 0.3 });
    const batches = all(loader);
    for (let b = 0; b < 4; b++) {
      const row = batches.flatMap((batch) => (batch.x.toArray() as number[][])[b]);
      expect(row).toEqual(ids.slice(b * loader.streamLength, (b + 1) * loader.streamLength));
      for (let k = 1; k < batches.length; k++) {
        expect(batches[k].x.get(b, 0)).toBe(batches[k - 1].y.get(b, 4));
      }
    }
  });
});

describe('BatchLoader splits and iteration', () => {
  it('holds out the last ceil(valFraction · nbatches) batches for validation', () => {
    const loader = new BatchLoader(range(2 * 3 * 10), { batchSize: 2, seqLength: 3, valFraction: 0.25 });
    expect([loader.trainBatchCount, loader.trainBatches, loader.valBatchCount]).toEqual([7, 7, 3]);
    const val = [...loader.valBatches()];
    expect(val.map((b) => b.x.get(0, 0))).toEqual([21, 24, 27]);
    expect(new BatchLoader(range(60), { batchSize: 2, seqLength: 3 }).valBatchCount).toBe(0);
    expect([...new BatchLoader(range(60), { batchSize: 2, seqLength: 3 }).valBatches()]).toEqual([]);
  });

  it('cycles through the training batches only, counting epochs, and resetTrain starts over', () => {
    const loader = new BatchLoader(range(2 * 3 * 4), { batchSize: 1, seqLength: 6, valFraction: 0.25 });
    expect([loader.trainBatchCount, loader.valBatchCount]).toEqual([3, 1]);
    const firsts: number[] = [];
    const epochs: number[] = [];
    for (let i = 0; i < 7; i++) {
      firsts.push(loader.nextTrain().x.get(0, 0));
      epochs.push(loader.epoch);
    }
    expect(firsts).toEqual([0, 6, 12, 0, 6, 12, 0]);
    expect(epochs).toEqual([0, 0, 1, 1, 1, 2, 2]);
    expect(loader.trainPosition).toBe(1);
    expect(loader.epochProgress).toBeCloseTo(2 + 1 / 3, 12);
    loader.resetTrain();
    expect([loader.epoch, loader.trainPosition]).toEqual([0, 0]);
    expect(loader.nextTrain().x.get(0, 0)).toBe(0);
  });

  it('accepts an Int32Array of ids and returns fresh tensors the caller may modify', () => {
    const loader = new BatchLoader(new Int32Array(range(12)), { batchSize: 2, seqLength: 3 });
    const first = loader.batch(0);
    first.x.set(99, 0, 0);
    expect(loader.batch(0).x.get(0, 0)).toBe(0);
  });
});

describe('BatchLoader errors', () => {
  it('rejects too little data for one batch, naming the length, B, T and the minimum', () => {
    expect(() => new BatchLoader(range(11), { batchSize: 3, seqLength: 4 })).toThrow(ValueError);
    expect(() => new BatchLoader(range(11), { batchSize: 3, seqLength: 4 })).toThrow(
      'BatchLoader: ids has length 11, too short for one batch of batchSize 3 × seqLength 4; expected at least B·T = 12 ids',
    );
  });

  it('rejects valFraction outside [0, 1) and a split that leaves no training batch', () => {
    for (const valFraction of [-0.1, 1, 1.5, Number.NaN]) {
      expect(() => new BatchLoader(range(60), { batchSize: 2, seqLength: 3, valFraction })).toThrow(
        `BatchLoader: valFraction is ${valFraction}, expected a number in [0, 1)`,
      );
    }
    expect(() => new BatchLoader(range(6), { batchSize: 2, seqLength: 3, valFraction: 0.05 })).toThrow(
      'BatchLoader: valFraction 0.05 of 1 batch(es) leaves no training batch (1 for validation); expected at least 1 training batch',
    );
  });

  it('rejects bad batchSize, seqLength, options and ids', () => {
    expect(() => new BatchLoader(range(60), { batchSize: 0, seqLength: 3 })).toThrow(
      'BatchLoader: batchSize is 0, expected an integer >= 1',
    );
    expect(() => new BatchLoader(range(60), { batchSize: 2, seqLength: 2.5 })).toThrow(
      'BatchLoader: seqLength is 2.5, expected an integer >= 1',
    );
    expect(() => new BatchLoader(range(60), undefined as never)).toThrow(
      'BatchLoader: options must be { batchSize, seqLength, valFraction? }, got undefined',
    );
    expect(() => new BatchLoader('abc' as never, { batchSize: 1, seqLength: 1 })).toThrow(
      'BatchLoader: ids must be an array of token ids, got string',
    );
    expect(() => new BatchLoader([0, 1, -2, 3], { batchSize: 2, seqLength: 2 })).toThrow(
      'BatchLoader: ids[2] is -2, expected a non-negative integer token id',
    );
    const loader = new BatchLoader(range(12), { batchSize: 2, seqLength: 3 });
    expect(() => loader.batch(2)).toThrow('BatchLoader.batch: k is 2, expected an integer in [0, 1]');
  });
});
