/**
 * The twins (instructors only: not in the student copy, not a graded check): core's TestRNN — the same model as class
 * modules (embedding → cell → temporal affine, cs231n's loss) — agrees with this exercise's readable wordLmLoss to
 * 1e-12 in the loss and every gradient, for both cells, on captions with padding.
 */
import { RandomState, TestRNN, Tensor } from '@rnnlab/core';
import { compareTensors } from '@rnnlab/core/testing';
import { describe, expect, it } from 'vitest';
import * as reference from './solution';

/** core's parameter name → the reference's. */
const NAMES = { 'embed.W': 'Wembed', 'cell.Wx': 'Wx', 'cell.Wh': 'Wh', 'cell.b': 'b', 'out.w': 'Wvocab', 'out.b': 'bvocab' } as const;

describe('core’s TestRNN and the readable word-level model', () => {
  it.each(['rnn', 'lstm'] as const)('agree to 1e-12 on the loss and gradients (%s)', (cell) => {
    const [V, E, H, N, L] = [11, 4, 5, 3, 7];
    const rng = new RandomState(cell === 'rnn' ? 1 : 2);
    const model = new TestRNN({ input: { type: 'embedding', vocabSize: V, dim: E }, cell, hiddenSize: H, outputSize: V }, rng);
    for (const p of Object.values(model.params)) p.data.set(rng.randn(p.size).data); // larger than the initialiser's
    const ids = rng.randint(1, V, [N, L]);
    for (let t = 4; t < L; t++) ids.data[t] = 0; // a row padded with <NULL> (id 0) after step 3
    const captions = new Tensor(ids.data, [N, L]);
    const { input, target, mask } = reference.inputsAndTargets(captions, 0);
    const fast = model.loss(input, target, mask);
    const params = Object.fromEntries(Object.entries(NAMES).map(([k, name]) => [name, model.params[k]])) as reference.WordLmParams;
    const readable = reference.wordLmLoss(params, captions, { cellType: cell, nullId: 0 });
    expect(Math.abs(fast.loss - readable.loss)).toBeLessThanOrEqual(1e-12 * Math.abs(readable.loss));
    for (const [k, name] of Object.entries(NAMES)) {
      expect(compareTensors(fast.grads[k], readable.grads[name], { rtol: 1e-12, atol: 1e-12 }).mismatchCount, k).toBe(0);
    }
  });
});
