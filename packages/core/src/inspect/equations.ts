/**
 * The equations of each model, as plain Unicode lines for terminals, pages and documents. They restate the headers of
 * ../lm/min-char-rnn.ts and ../layers/{rnn,lstm,gru,esn}.ts in one notation per model: min-char-rnn keeps the
 * original's column vectors (W·x), the batched models cs231n's row vectors (x·W), t the time step.
 */
import type { CellType } from '../modules/create-cell';

/** min-char-rnn's forward pass and loss over a chunk of T characters. */
export function minCharRnnEquations(seqLength: number): string[] {
  return [
    'x_t = onehot(input_t)                                 [V, 1]',
    'h_t = tanh(Wxh·x_t + Whh·h_{t−1} + bh)                [H, 1], h_{−1} = hprev (carried from the previous chunk)',
    'y_t = Why·h_t + by                                    [V, 1], unnormalised scores of the next character',
    'p_t = exp(y_t) / Σ_k exp(y_t[k])                      softmax',
    `L = −Σ_t log p_t[target_t]                            summed over the ${seqLength} characters of a chunk`,
  ];
}

/** One recurrent layer of the given cell: input x_t (a row) → h_t. */
export function cellEquations(cell: CellType): string[] {
  switch (cell) {
    case 'rnn':
      return ['h_t = tanh(x_t·Wx + h_{t−1}·Wh + b)'];
    case 'lstm':
      return [
        'a_t = x_t·Wx + h_{t−1}·Wh + b                         [4H], gate blocks i, f, o, g',
        'i = σ(a_i),  f = σ(a_f),  o = σ(a_o),  g = tanh(a_g)',
        'c_t = f ⊙ c_{t−1} + i ⊙ g',
        'h_t = o ⊙ tanh(c_t)',
      ];
    case 'gru':
      return [
        'r = σ(x_t·Wx_r + bx_r + h_{t−1}·Wh_r + bh_r)           reset gate',
        'z = σ(x_t·Wx_z + bx_z + h_{t−1}·Wh_z + bh_z)           update gate',
        'n = tanh(x_t·Wx_n + bx_n + r ⊙ (h_{t−1}·Wh_n + bh_n))  candidate',
        'h_t = (1 − z) ⊙ n + z ⊙ h_{t−1}',
      ];
    case 'esn':
      return ['h_t = tanh(x_t·Win + h_{t−1}·W + b)                   Win, W, b drawn once and never trained (the reservoir)'];
  }
}

/** A batched RecurrentLM: input, L layers of `cell`, output layer and loss. */
export function recurrentLMEquations(cell: CellType, layers: number, embedded: boolean): string[] {
  return [
    embedded ? 'x_t = E[input_t]                                      the embedding row of the token' : 'x_t = onehot(input_t)                                 [V]',
    ...cellEquations(cell),
    ...(layers > 1 ? [`${layers === 2 ? 'layer 2' : `layers 2 to ${layers}`}: x_t is the layer below's h_t (after dropout, if any)`] : []),
    's_t = h_t·w + b_out                                   [V], scores from the top layer',
    'p_t = softmax(s_t)',
    'L = −(1 / (B·T)) Σ_{n,t} log p_t[target_t]           mean over the batch and the time steps',
  ];
}
