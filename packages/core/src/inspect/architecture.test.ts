import { describe, expect, it } from 'vitest';
import { ValueError } from '../errors';
import { MinCharRnn } from '../lm/min-char-rnn';
import { RecurrentLM } from '../lm/recurrent-lm';
import type { RecurrentLMConfig } from '../lm/recurrent-lm';
import { RandomState } from '../random';
import { describeMinCharRnn, describeRecurrentLM, formatArchitecture } from './architecture';
import type { ModelArchitecture } from './architecture';
// torch.nn's parameter counts of the same models (per module, per layer): made by fixtures/make_param_count_fixtures.py.
import torchCounts from './fixtures/param_count_fixtures.json';

const config = (overrides: Partial<RecurrentLMConfig> = {}): RecurrentLMConfig => ({
  vocabSize: 65, cell: 'lstm', layers: 2, hiddenSize: 128, embeddingSize: null, dropout: 0, forgetBias: 1, ...overrides,
});

describe('describeMinCharRnn', () => {
  it("counts the original's five weights: 23,165 for V = 65, H = 100, as the model holds", () => {
    const arch = describeMinCharRnn({ vocabSize: 65, hiddenSize: 100, seqLength: 25 });
    expect(arch.totalParameters).toBe(100 * 65 + 100 * 100 + 100 + 65 * 100 + 65);
    expect(arch.trainableParameters).toBe(arch.totalParameters);
    const model = new MinCharRnn({ data: Array.from({ length: 40 }, (_, i) => i % 65), vocabSize: 65, seed: 0 });
    const shapes = Object.fromEntries(Object.entries(model.params).map(([k, t]) => [k, t.shape]));
    expect(Object.fromEntries(arch.layers.flatMap((l) => l.weights.map((w) => [w.name, w.shape])))).toEqual(shapes);
    expect(arch.unrolled).toMatchObject({ model: 'min-char-rnn', seqLength: 25, carried: ['h'], weights: { input: 'Wxh', recurrent: 'Whh', output: 'Why' } });
  });

  it('formats as a Keras-style table with the equations', () => {
    expect(formatArchitecture(describeMinCharRnn({ vocabSize: 4, hiddenSize: 3, seqLength: 2 }))).toBe(
      [
        'Model: min-char-rnn: vocabulary 4, hidden 3, unrolled over 2 steps',
        '____________________________________________________________________________',
        'Layer (type)                   Output shape             Weights      Param #',
        '============================================================================',
        'input (one-hot)                2 × [4, 1]                                  0',
        'hidden (tanh RNN)              2 × [3, 1]               Wxh [3, 4]        24',
        '                                                        Whh [3, 3]',
        '                                                        bh [3, 1]',
        'output (affine)                2 × [4, 1]               Why [4, 3]        16',
        '                                                        by [4, 1]',
        'loss (softmax cross-entropy)   scalar (summed over T)                      0',
        '============================================================================',
        'Total params: 40',
        'Trainable params: 40',
        'Non-trainable params: 0',
        '____________________________________________________________________________',
        'V = 4 vocabulary, H = 3 hidden units, T = 2 time steps per chunk; vectors are columns, as in the original.',
        '',
        'Equations:',
        '  x_t = onehot(input_t)                                 [V, 1]',
        '  h_t = tanh(Wxh·x_t + Whh·h_{t−1} + bh)                [H, 1], h_{−1} = hprev (carried from the previous chunk)',
        '  y_t = Why·h_t + by                                    [V, 1], unnormalised scores of the next character',
        '  p_t = exp(y_t) / Σ_k exp(y_t[k])                      softmax',
        '  L = −Σ_t log p_t[target_t]                            summed over the 2 characters of a chunk',
      ].join('\n'),
    );
  });

  it('rejects a bad size', () => {
    expect(() => describeMinCharRnn({ vocabSize: 0, hiddenSize: 3, seqLength: 2 })).toThrow(
      new ValueError('describeMinCharRnn: options.vocabSize is 0, expected an integer >= 1'),
    );
  });
});

describe('describeRecurrentLM', () => {
  it.each(['rnn', 'lstm', 'gru', 'esn'] as const)('counts what a %s RecurrentLM holds and trains', (cell) => {
    const c = config({ cell, hiddenSize: 16, embeddingSize: cell === 'gru' ? 8 : null });
    const arch = describeRecurrentLM(c, { batchSize: 4, seqLength: 9 });
    const model = new RecurrentLM(c, new RandomState(0));
    const size = (m: Record<string, { size: number }>) => Object.values(m).reduce((n, t) => n + t.size, 0);
    expect(arch.totalParameters).toBe(size(model.params));
    expect(arch.trainableParameters).toBe(size(model.trainableParams().params));
    expect(arch.layers.find((l) => l.name === 'out')?.outputShape).toBe('[4, 9, 65]');
    expect(arch.unrolled.carried).toEqual(cell === 'lstm' ? ['h', 'c'] : ['h']);
  });

  it('lists dropout where the model applies it: between layers and on the top output', () => {
    const arch = describeRecurrentLM(config({ layers: 3, dropout: 0.2 }), { batchSize: 50, seqLength: 50 });
    expect(arch.layers.map((l) => l.name)).toEqual(['input', 'onehot', 'cell0', 'dropout0', 'cell1', 'dropout1', 'cell2', 'dropout2', 'out', 'loss']);
    expect(arch.totalParameters).toBe(65 * 512 + 128 * 512 + 512 + 2 * (128 * 512 * 2 + 512) + 128 * 65 + 65);
    expect(arch.equations).toContain("layers 2 to 3: x_t is the layer below's h_t (after dropout, if any)");
    expect(formatArchitecture(arch)).toContain('Non-trainable params: 0');
  });

  it('marks the echo state reservoir as not trainable', () => {
    const arch = describeRecurrentLM(config({ cell: 'esn', layers: 1, hiddenSize: 10 }), { batchSize: 2, seqLength: 3 });
    expect(arch.trainableParameters).toBe(10 * 65 + 65);
    expect(formatArchitecture(arch)).toContain(`Non-trainable params: ${65 * 10 + 10 * 10 + 10}`);
  });

  it('rejects a bad config or batch', () => {
    expect(() => describeRecurrentLM(config({ layers: 0 }), { batchSize: 1, seqLength: 1 })).toThrow(ValueError);
    expect(() => describeRecurrentLM(config(), { batchSize: 1, seqLength: 0 })).toThrow(
      new ValueError('describeRecurrentLM: batch.seqLength is 0, expected an integer >= 1'),
    );
  });
});

describe("the parameter counts against torch.nn's (fixtures/make_param_count_fixtures.py, torch 1.13)", () => {
  type Fixture = (typeof torchCounts.fixtures)[number];
  const describeLike = (f: Fixture): ModelArchitecture =>
    f.model === 'min-char-rnn'
      ? describeMinCharRnn({ vocabSize: f.vocabSize, hiddenSize: f.hiddenSize, seqLength: 25 })
      : describeRecurrentLM(config({ cell: f.model as 'rnn' | 'lstm' | 'gru', vocabSize: f.vocabSize, hiddenSize: f.hiddenSize, layers: f.layers, embeddingSize: f.embeddingSize }), { batchSize: 2, seqLength: 3 });
  const name = (f: Fixture) => `${f.model}, V ${f.vocabSize}, H ${f.hiddenSize}, ${f.layers} layer(s)${f.embeddingSize === null ? '' : `, embedding ${f.embeddingSize}`}`;

  // torch.nn.RNN and nn.LSTM keep two bias vectors, bias_ih and bias_hh, whose sum is all that matters; rnnlab (like
  // Keras' SimpleRNN and LSTM, and min-char-rnn's bh) keeps one, so a recurrent layer has G·H fewer parameters (G gates).
  // The GRU needs both (bhn sits inside r ⊙ (·)): there the counts are torch's, as Keras' GRU with reset_after=True.
  it.each(torchCounts.fixtures.map((f) => [name(f), f] as const))('%s: every layer as torch counts it, less the redundant bias', (_name, f) => {
    const arch = describeLike(f);
    const layer = (n: string) => arch.layers.find((l) => l.name === n)?.parameters;
    const gates = { 'min-char-rnn': 1, rnn: 1, lstm: 4, gru: 3 }[f.model] as number;
    const redundantBias = f.model === 'gru' ? 0 : gates * f.hiddenSize;
    if (f.model === 'min-char-rnn') {
      expect(layer('hidden')).toBe(f.torch.recurrentPerLayer[0] - redundantBias);
      expect(layer('output')).toBe(f.torch.output);
    } else {
      f.torch.recurrentPerLayer.forEach((count, l) => expect(layer(`cell${l}`)).toBe(count - redundantBias));
      expect(layer('out')).toBe(f.torch.output);
      expect(layer('embed') ?? 0).toBe(f.torch.embedding);
    }
    expect(arch.totalParameters).toBe(f.torch.total - f.layers * redundantBias);
  });
});
