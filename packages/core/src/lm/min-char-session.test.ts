import { describe, expect, it, vi } from 'vitest';
import { CharVocab } from '../data/vocab';
import { MinCharRnn } from './min-char-rnn';
import { MinCharSession } from './min-char-session';

const text = 'hello world, hello min-char-rnn. '.repeat(10);
const vocab = CharVocab.fromText(text);
const ids = vocab.encode(text);
const make = () => new MinCharSession(vocab, new MinCharRnn({ data: ids, vocabSize: vocab.size, hiddenSize: 6, seqLength: 7, seed: 3 }), ids.length);

describe('MinCharSession', () => {
  it('counts an epoch as the original\'s pointer does: ⌊(data length − 2) / seqLength⌋ chunks', () => {
    const session = make();
    expect(session.iterationsPerEpoch).toBe(Math.floor((ids.length - 2) / 7));
    for (let i = 0; i < session.iterationsPerEpoch; i++) session.step();
    expect(session.model.nextChunk().position).toBe(0); // the pointer wrapped: one epoch done
  });

  it('steps without copying the model\'s state (getState copies every parameter)', () => {
    const session = make();
    const getState = vi.spyOn(session.model, 'getState');
    for (let i = 0; i < 5; i++) session.step();
    expect(getState).not.toHaveBeenCalled();
  });

  it('restores from a snapshot and continues exactly, keeping the first loss', () => {
    const straight = make();
    const losses = Array.from({ length: 6 }, () => straight.step().loss);
    const first = make();
    const a = Array.from({ length: 3 }, () => first.step().loss);
    const resumed = MinCharSession.restore(first.snapshot(), ids);
    expect(resumed.firstLoss).toBe(losses[0]);
    expect([...a, ...Array.from({ length: 3 }, () => resumed.step().loss)]).toEqual(losses);
  });
});
