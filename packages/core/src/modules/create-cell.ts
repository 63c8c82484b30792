/**
 * One factory for the recurrent cells that models stack (RecurrentLM, TestRNN), so a cell name from a config or the
 * command line ('rnn', 'lstm', 'gru', 'esn') turns into a RecurrentModule in one place, with one initialisation rule:
 *
 *   'rnn'   VanillaRNN   h_t = act(x_t·Wx + h_{t−1}·Wh + b)                 (../layers/rnn.ts)
 *   'lstm'  LSTM         gates i, f, o, g from x_t·Wx + h_{t−1}·Wh + b       (../layers/lstm.ts)
 *   'gru'   GRU          gates r, z, n as torch.nn.GRU                        (../layers/gru.ts)
 *   'esn'   EchoState    a fixed random reservoir, never trained             (../layers/esn.ts)
 *
 * Legend: N batch, T time, D input size (inputSize), H hidden size (hiddenSize).
 */
import { ValueError } from '../errors';
import type { RnnActivation } from '../layers/rnn';
import { RandomState, checkRandomState } from '../random';
import { checkInteger, checkOptionsObject } from '../tensor/check';
import { EchoState } from './echo-state';
import { GRU } from './gru';
import { LSTM } from './lstm';
import type { RecurrentModule } from './module';
import { VanillaRNN } from './vanilla-rnn';

/** The recurrent cells a model can be built from. */
export const CELL_TYPES = ['rnn', 'lstm', 'gru', 'esn'] as const;
export type CellType = (typeof CELL_TYPES)[number];

/**
 * Per-cell settings of `createCell`. Each is read only by the cell it belongs to and ignored by the others, so one
 * config (e.g. RecurrentLM's, which always carries forgetBias) can serve every cell type.
 */
export interface CreateCellOptions {
  /** 'lstm' only: initial bias of the forget gates, b[H:2H] (default 0; char-rnn uses 1). */
  forgetBias?: number;
  /** 'rnn' only: the nonlinearity, 'tanh' (default) or 'sigmoid'. */
  activation?: RnnActivation;
}

/**
 * A new recurrent layer x [N, T, D] → h [N, T, H] of the given type, its weights drawn from `rng` by the cell's own
 * initialiser. inputSize D, hiddenSize H: positive integers. Throws ValueError naming `cell` for an unknown type.
 */
export function createCell(
  cell: CellType, inputSize: number, hiddenSize: number, rng: RandomState, options: CreateCellOptions = {},
): RecurrentModule {
  const fn = 'createCell';
  if (!CELL_TYPES.includes(cell)) {
    throw new ValueError(`${fn}: cell is '${String(cell)}', expected one of ${CELL_TYPES.join(', ')}`);
  }
  checkInteger(fn, 'inputSize', inputSize, 1);
  checkInteger(fn, 'hiddenSize', hiddenSize, 1);
  checkRandomState(fn, rng);
  checkOptionsObject(fn, options, '{ forgetBias: 1 }');
  const H = hiddenSize;
  switch (cell) {
    case 'rnn':
      return new VanillaRNN(inputSize, H, rng, { activation: options.activation });
    case 'lstm':
      return new LSTM(inputSize, H, rng, { forgetBias: options.forgetBias });
    case 'gru':
      return new GRU(inputSize, H, rng);
    case 'esn':
      // About ten recurrent connections per unit (dense for small reservoirs), so W always has cycles to scale.
      return new EchoState(inputSize, H, rng, { density: Math.min(1, 10 / H) });
  }
}
