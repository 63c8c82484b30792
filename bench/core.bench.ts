/**
 * Speed of the hot paths, for `pnpm bench` (vitest bench). Sizes are those of the README's main job (an LSTM with
 * H = 64 on batches of 32 × 32 characters of Moby-Dick, V = 89) and of min-char-rnn's defaults.
 */
import { bench, describe } from 'vitest';
import { GRU, LSTM, MinCharRnn, RandomState, RecurrentLM, Tensor, matmul, oneHot } from '@rnnlab/core';

const rng = new RandomState(0);
const a = rng.randn(128, 128) as Tensor;
const b = rng.randn(128, 128) as Tensor;
const out = new Tensor(new Float64Array(128 * 128), [128, 128]);
const hs = rng.randn(1024, 64) as Tensor;
const da = rng.randn(1024, 256) as Tensor;
const dW = new Tensor(new Float64Array(64 * 256), [64, 256]);
const onehotRows = new Tensor(new Float64Array(1024 * 89).map((_, i) => (i % 89 === Math.floor(i / 89) % 89 ? 1 : 0)), [1024, 89]);
const Wx = rng.randn(89, 256) as Tensor;
const xW = new Tensor(new Float64Array(1024 * 256), [1024, 256]);

describe('tensor', () => {
  bench('matmul 128×128 · 128×128', () => {
    matmul(a, b, { out });
  });
  bench('matmul 128×128ᵀ · 128×128 (accumulate)', () => {
    matmul(a, b, { transA: true, out, accumulate: true });
  });
  bench('matmul 1024×64ᵀ · 1024×256 (dWh = hᵀ·da over N·T rows)', () => {
    matmul(hs, da, { transA: true, out: dW, accumulate: true });
  });
  bench('matmul 1024×89 one-hot · 89×256 (zero entries skipped)', () => {
    matmul(onehotRows, Wx, { out: xW });
  });
});

const V = 89;
const ids = (N: number, T: number) => new Tensor(Float64Array.from((rng.randint(0, V, [N, T]) as Tensor).data), [N, T]);
const x = ids(32, 32);
const y = ids(32, 32);
const lstm = new LSTM(V, 64, rng);
const onehot = oneHot(x, V);
const dh = rng.randn(32, 32, 64) as Tensor;
const gru = new GRU(V, 64, rng);
const model = new RecurrentLM({ vocabSize: V, cell: 'lstm', layers: 1, hiddenSize: 64, embeddingSize: null, dropout: 0, forgetBias: 1 }, rng);

describe('LSTM, N = 32, T = 32, D = 89 (one-hot), H = 64', () => {
  bench('forward', () => {
    lstm.forward(onehot);
  });
  bench('forward + backward', () => {
    lstm.forward(onehot);
    lstm.backward(dh);
  });
  bench('GRU forward + backward', () => {
    gru.forward(onehot);
    gru.backward(dh);
  });
  bench('RecurrentLM loss and gradients (the main job’s iteration without the update)', () => {
    model.lossAndGrads(x, y, undefined, { train: true, rng });
  });
});

const text = Int32Array.from({ length: 20_000 }, () => rng.randint(0, 65));
const minChar = new MinCharRnn({ data: text, vocabSize: 65, seed: 42 });

describe('min-char-rnn, H = 100, T = 25, V = 65', () => {
  bench('one training iteration (lossFun, clip, Adagrad)', () => {
    minChar.step();
  });
});
