import { describe, expect, it } from 'vitest';
import { CharVocab, WordVocab } from '../data/vocab';
import { ValueError } from '../errors';
import { LMSession } from './recurrent-lm-session';
import type { LMTrainingConfig } from './recurrent-lm-session';
import type { RecurrentLMConfig } from './recurrent-lm';

const text = 'the quick brown fox jumps over the lazy dog. '.repeat(20);
const vocab = CharVocab.fromText(text);
const ids = vocab.encode(text);
const model: RecurrentLMConfig = { vocabSize: vocab.size, cell: 'lstm', layers: 2, hiddenSize: 8, embeddingSize: null, dropout: 0.1, forgetBias: 1 };
const training: LMTrainingConfig = {
  batchSize: 4, seqLength: 10, optimizer: 'adam', learningRate: 0.01, clip: 5, lrDecay: 0.5, lrDecayAfter: 1, valFraction: 0.2, seed: 3,
};

describe('LMSession', () => {
  it('lowers the training loss on a repetitive text', () => {
    const session = new LMSession(vocab, ids, { ...model, layers: 1, hiddenSize: 16, dropout: 0 }, { ...training, lrDecay: 1 });
    const first = session.step().loss;
    let last = first;
    for (let i = 0; i < 100; i++) last = session.step().loss;
    expect(first).toBeCloseTo(Math.log(vocab.size), 1);
    expect(last).toBeLessThan(first / 2);
    expect(session.validationLoss()).toBeLessThan(first);
  });

  it('resumes from a snapshot exactly: 4 + 4 steps equal 8 straight (dropout, Adam, carried state)', () => {
    const straight = new LMSession(vocab, ids, model, training);
    const lossesStraight = Array.from({ length: 8 }, () => straight.step().loss);
    const first = new LMSession(vocab, ids, model, training);
    const lossesA = Array.from({ length: 4 }, () => first.step().loss);
    const snapshot = first.snapshot();
    first.step(); // training on does not change a snapshot taken before
    const resumed = LMSession.restore(snapshot, ids);
    const lossesB = Array.from({ length: 4 }, () => resumed.step().loss);
    expect([...lossesA, ...lossesB]).toEqual(lossesStraight);
    expect(resumed.iteration).toBe(8);
  });

  it('records the first iteration\'s loss, the reference of the loop\'s explosion guard, and restores it', () => {
    const session = new LMSession(vocab, ids, model, training);
    expect(session.firstLoss).toBeNull();
    const first = session.step().loss;
    session.step();
    expect(session.firstLoss).toBe(first);
    expect(LMSession.restore(session.snapshot(), ids).firstLoss).toBe(first);
  });

  it('decays the learning rate after each epoch past lrDecayAfter', () => {
    const session = new LMSession(vocab, ids, model, training);
    const perEpoch = session.iterationsPerEpoch;
    const lrs: number[] = [];
    for (let i = 0; i < 3 * perEpoch; i++) lrs.push(session.step().lr);
    // As char-rnn: at the end of every epoch e ≥ lrDecayAfter (here 1), lr ← lr · lrDecay.
    expect(lrs[0]).toBe(0.01);
    expect(lrs[perEpoch - 1]).toBe(0.01);
    expect(lrs[perEpoch]).toBe(0.005);
    expect(lrs[2 * perEpoch]).toBe(0.0025);
  });

  it('samples reproducibly, continuing a prime from the vocabulary', () => {
    const session = new LMSession(vocab, ids, model, training);
    const a = session.sample({ length: 20, prime: 'the ', seed: 1 });
    expect(a.startsWith('the ')).toBe(true);
    expect(a).toHaveLength(24);
    expect(session.sample({ length: 20, prime: 'the ', seed: 1 })).toBe(a);
    expect(() => session.sample({ length: 5, prime: 'THE', seed: 1 })).toThrow(ValueError);
  });

  it('works at word level, joining words with spaces', () => {
    const words = WordVocab.fromText(text);
    const session = new LMSession(words, words.encode(text), { ...model, vocabSize: words.size, embeddingSize: 4 }, { ...training, seqLength: 3 });
    session.step();
    expect(session.sample({ length: 3, prime: 'the quick', seed: 0 }).split(' ')).toHaveLength(5);
  });

  it('reports an update that overflows a parameter, and does not apply one whose loss is not finite', () => {
    const session = new LMSession(vocab, ids, { ...model, dropout: 0 }, { ...training, optimizer: 'sgd', learningRate: 1e308, clip: 0 });
    session.model.params['out.b'].data.fill(1.7e308);
    const overflow = session.step();
    expect(overflow.finite).toBe(true);
    expect(overflow.paramsFinite).toBe(false);

    const fresh = new LMSession(vocab, ids, model, training);
    fresh.model.params['out.w'].data.fill(1e308); // finite weights whose scores overflow to ±Infinity
    const kept = (s: ReturnType<LMSession['snapshot']>) => JSON.stringify([Object.values(s.params).map((t) => Array.from(t.data)), s.optimizer, s.lossAverage]);
    const before = kept(fresh.snapshot());
    const bad = fresh.step();
    expect(bad.finite).toBe(false);
    expect(bad.paramsFinite).toBe(true);
    expect(fresh.iteration).toBe(0);
    expect(kept(fresh.snapshot())).toBe(before);
  });

  it('rejects a model whose vocabulary size differs from the vocabulary', () => {
    expect(() => new LMSession(vocab, ids, { ...model, vocabSize: 3 }, training)).toThrow(
      `LMSession: model.vocabSize is 3, expected ${vocab.size} (from the vocabulary)`,
    );
    expect(() => new LMSession(vocab, ids, model, { ...training, lrDecay: 0 })).toThrow('lrDecay is 0');
    expect(() => new LMSession(vocab, ids, model, { ...training, learningRate: -1 })).toThrow('learningRate is -1');
  });
});
