/**
 * Exercise 05 — sample: min-char-rnn's sample(h, seed_ix, n), the first TODO of the seed notebook. Starting from a
 * hidden state and a seed character, run the network one step at a time, draw the next character from its
 * probabilities, and feed it back in as the next input:
 *
 *     x = onehot(seed_ix)
 *     for t in range(n):
 *         h = np.tanh(np.dot(Wxh, x) + np.dot(Whh, h) + bh)
 *         y = np.dot(Why, h) + by
 *         p = np.exp(y) / np.sum(np.exp(y))
 *         ix = np.random.choice(range(vocab_size), p=p.ravel())
 *         x = onehot(ix); ixes.append(ix)
 *
 * Column vectors throughout, as in the original. Legend: V vocabulary size, H hidden size, n characters to draw.
 *   x [V, 1] one-hot · h [H, 1] · Wxh [H, V] · Whh [H, H] · bh [H, 1] · Why [V, H] · by [V, 1] · y, p [V, 1]
 *
 * The one random call: `rng.choice(V, p.data)` — numpy's `np.random.choice(range(V), p=p.ravel())`, one uniform
 * number per character — exactly once per character, and nothing else drawn from rng. Then a seeded sample is the one
 * numpy draws with the same seed.
 *
 * Use core's tensor functions: `zeros`, `matmul`, `add`, `tanh`, `softmax` (over the LAST axis: reshape a column
 * [V, 1] to a row [1, V] first), `t.reshape`, `t.data`, and the generator's `rng.choice(n, p)`.
 */
import { NotImplementedError, RandomState, Tensor, add, matmul, softmax, tanh, zeros } from '@rnnlab/core';

/** min-char-rnn's parameters, in its orientation (column vectors). */
export interface RnnParams {
  /** Input to hidden, [H, V]. */
  Wxh: Tensor;
  /** Hidden to hidden, [H, H]. */
  Whh: Tensor;
  /** Hidden to output, [V, H]. */
  Why: Tensor;
  /** Hidden bias, [H, 1]. */
  bh: Tensor;
  /** Output bias, [V, 1]. */
  by: Tensor;
}

/**
 * Samples n characters from the network: each is drawn with `rng.choice(V, p.data)` from the probabilities p [V, 1]
 * of the step, and becomes the next step's input.
 * @param h the hidden state to start from, [H, 1]
 * @param seedIx the index of the first input character, in [0, V)
 * @param n how many characters to draw, an integer ≥ 0
 * @param params the weights (Wxh [H, V], Whh [H, H], Why [V, H], bh [H, 1], by [V, 1])
 * @param rng the generator: call `rng.choice(V, p.data)` once per character and nothing else
 * @returns the n drawn indices, each in [0, V) (the seed character is not included)
 */
export function sample(h: Tensor, seedIx: number, n: number, params: RnnParams, rng: RandomState): number[] {
  throw new NotImplementedError('05-sample: sample is not implemented yet');
}
