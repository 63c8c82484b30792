/**
 * rnnlab's language models in PyTorch's names and layouts, and back: the state_dict of the module in
 * packages/cli/python/rnnlab_torch.py (`RNNLanguageModel`: an optional nn.Embedding, one nn.LSTM / nn.GRU / nn.RNN of
 * L layers with batch_first=True, an nn.Linear readout), with the vocabulary and the architecture in the metadata.
 *
 *     rnnlab (RecurrentLM)               torch.nn                              notes
 *     embed.W     [V, E]                 embed.weight          [V, E]
 *     cellL.Wx    [D, G·H]               rnn.weight_ih_lL      [G·H, D]        transposed
 *     cellL.Wh    [H, G·H]               rnn.weight_hh_lL      [G·H, H]        transposed
 *     cellL.b     [G·H]                  rnn.bias_ih_lL (+ rnn.bias_hh_lL = 0) one bias here, two in torch
 *     cellL.bx, cellL.bh (GRU)           rnn.bias_ih_lL, rnn.bias_hh_lL        the same two biases
 *     out.w       [H, V]                 out.weight            [V, H]        transposed
 *     out.b       [V]                    out.bias              [V]
 *
 * Gate blocks (G·H rows in torch, G·H columns here, H each): LSTM i, f, o, g here and i, f, g, o in torch (the
 * last two swap); GRU r, z, n in both; a vanilla RNN (tanh) has one. The echo state network has no torch.nn
 * counterpart. min-char-rnn exports as a one-layer nn.RNN with one-hot input: its Wxh [H, V] and Whh [H, H] already
 * have torch's layout, Why [V, H] is out.weight, bh and by are the biases.
 */
import { ValueError, formatShape } from '../errors';
import type { Vocab, VocabJSON } from '../data/vocab';
import { vocabFromJSON } from '../data/vocab';
import type { MinCharRnnParams } from '../lm/min-char-rnn';
import type { CellType, RecurrentLMConfig } from '../lm/recurrent-lm';
import type { LMModelState } from '../checkpoint/lm-body';
import type { ParamMap } from '../modules/module';
import { Tensor } from '../tensor/tensor';
import type { SafetensorsContent } from './safetensors';

/** The metadata format name, so a file can be told from other safetensors. */
export const TORCH_EXPORT_FORMAT = 'rnnlab-torch';

/** Which of our gate blocks goes to torch's block j (LSTM: i, f, g, o ← i, f, o, g); the map is its own inverse. */
const GATE_ORDER: Record<Exclude<CellType, 'esn'>, number[]> = { lstm: [0, 1, 3, 2], gru: [0, 1, 2], rnn: [0] };

/** A [rows, G·H] matrix as torch's [G·H, rows], its gate blocks reordered (and back: the permutation is an involution). */
function transposeBlocks(t: Tensor, order: number[]): Tensor {
  const [rows, cols] = t.shape;
  const H = cols / order.length;
  const out = new Float64Array(rows * cols);
  for (let j = 0; j < order.length; j++) {
    for (let u = 0; u < H; u++) {
      const ours = order[j] * H + u; // column here
      const theirs = j * H + u; // row in torch
      for (let r = 0; r < rows; r++) out[theirs * rows + r] = t.data[r * cols + ours];
    }
  }
  return new Tensor(out, [cols, rows]);
}

/** torch's [G·H, rows] back to our [rows, G·H]. */
function untransposeBlocks(t: Tensor, order: number[]): Tensor {
  const [cols, rows] = t.shape;
  const H = cols / order.length;
  const out = new Float64Array(rows * cols);
  for (let j = 0; j < order.length; j++) {
    for (let u = 0; u < H; u++) {
      const ours = order[j] * H + u;
      const theirs = j * H + u;
      for (let r = 0; r < rows; r++) out[r * cols + ours] = t.data[theirs * rows + r];
    }
  }
  return new Tensor(out, [rows, cols]);
}

function reorderVector(v: Tensor, order: number[]): Tensor {
  const H = v.size / order.length;
  const out = new Float64Array(v.size);
  for (let j = 0; j < order.length; j++) out.set(v.data.subarray(order[j] * H, order[j] * H + H), j * H);
  return new Tensor(out, [v.size]);
}

const transpose = (t: Tensor) => transposeBlocks(t, [0]);

/** A RecurrentLM's weights as torch tensors and metadata. Throws for an echo state network. */
export function toTorch(weights: LMModelState): SafetensorsContent {
  const { model, vocab, params } = weights;
  if (model.cell === 'esn') throw new ValueError('toTorch: an echo state network (esn) has no torch.nn counterpart; export rnn, lstm or gru models');
  const order = GATE_ORDER[model.cell];
  const tensors: Record<string, Tensor> = {};
  if (model.embeddingSize !== null) tensors['embed.weight'] = params['embed.W'].clone();
  for (let l = 0; l < model.layers; l++) {
    const p = (n: string) => params[`cell${l}.${n}`];
    tensors[`rnn.weight_ih_l${l}`] = transposeBlocks(p('Wx'), order);
    tensors[`rnn.weight_hh_l${l}`] = transposeBlocks(p('Wh'), order);
    tensors[`rnn.bias_ih_l${l}`] = reorderVector(model.cell === 'gru' ? p('bx') : p('b'), order);
    tensors[`rnn.bias_hh_l${l}`] = model.cell === 'gru' ? p('bh').clone() : new Tensor(new Float64Array(p('b').size), [p('b').size]);
  }
  tensors['out.weight'] = transpose(params['out.w']);
  tensors['out.bias'] = params['out.b'].clone();
  return { tensors, metadata: torchMetadata(model, vocab) };
}

/** min-char-rnn's weights as a one-layer torch nn.RNN language model with one-hot input. */
export function minCharToTorch(params: MinCharRnnParams, vocab: Vocab): SafetensorsContent {
  const [H, V] = params.Wxh.shape;
  const model: RecurrentLMConfig = { vocabSize: V, cell: 'rnn', layers: 1, hiddenSize: H, embeddingSize: null, dropout: 0, forgetBias: 0 };
  const vector = (t: Tensor) => new Tensor(Float64Array.from(t.data), [t.size]);
  const tensors = {
    'rnn.weight_ih_l0': params.Wxh.clone(),
    'rnn.weight_hh_l0': params.Whh.clone(),
    'rnn.bias_ih_l0': vector(params.bh),
    'rnn.bias_hh_l0': new Tensor(new Float64Array(H), [H]),
    'out.weight': params.Why.clone(),
    'out.bias': vector(params.by),
  };
  return { tensors, metadata: torchMetadata(model, vocab) };
}

function torchMetadata(model: RecurrentLMConfig, vocab: Vocab): Record<string, string> {
  return {
    format: TORCH_EXPORT_FORMAT,
    version: '1',
    cell: model.cell,
    num_layers: String(model.layers),
    hidden_size: String(model.hiddenSize),
    vocab_size: String(model.vocabSize),
    embedding_size: model.embeddingSize === null ? 'none' : String(model.embeddingSize),
    dropout: String(model.dropout),
    vocab: JSON.stringify(vocab.toJSON()),
  };
}

/**
 * Weights from torch tensors written by `toTorch` or by rnnlab_torch.save_rnnlab (e.g. after training on a GPU).
 * `file` names the source in errors. Throws ValueError for a missing, extra or misshapen tensor, a non-finite value,
 * or metadata that does not describe an rnnlab model.
 */
export function fromTorch(content: SafetensorsContent, file: string): LMModelState {
  const fail = (what: string): never => {
    throw new ValueError(`${file}: ${what}`);
  };
  const m = content.metadata;
  if (m.format !== TORCH_EXPORT_FORMAT) fail(`metadata format is ${JSON.stringify(m.format)}, expected '${TORCH_EXPORT_FORMAT}' (a file written by rnnlab export or rnnlab_torch.save_rnnlab)`);
  const cell = m.cell as CellType;
  if (!(cell in GATE_ORDER)) fail(`metadata cell is ${JSON.stringify(m.cell)}, expected 'rnn', 'lstm' or 'gru'`);
  const int = (key: string, value: string | undefined): number => {
    const v = Number(value);
    return Number.isSafeInteger(v) && v >= 1 ? v : fail(`metadata ${key} is ${JSON.stringify(value)}, expected a positive integer`);
  };
  let vocabJSON: VocabJSON;
  try {
    vocabJSON = JSON.parse(m.vocab ?? '') as VocabJSON;
  } catch {
    return fail('metadata vocab is not the JSON of a vocabulary ({ level, tokens })');
  }
  let vocab: Vocab;
  try {
    vocab = vocabFromJSON(vocabJSON);
  } catch (error) {
    return fail(`metadata vocab is not valid: ${(error as Error).message}`);
  }
  const dropout = Number(m.dropout ?? '0');
  const model: RecurrentLMConfig = {
    vocabSize: int('vocab_size', m.vocab_size),
    cell,
    layers: int('num_layers', m.num_layers),
    hiddenSize: int('hidden_size', m.hidden_size),
    embeddingSize: m.embedding_size === 'none' ? null : int('embedding_size', m.embedding_size),
    dropout: dropout >= 0 && dropout < 1 ? dropout : 0,
    forgetBias: 0,
  };
  if (vocab.size !== model.vocabSize) fail(`metadata vocab has ${vocab.size} tokens, expected vocab_size ${model.vocabSize}`);
  const order = GATE_ORDER[cell as Exclude<CellType, 'esn'>];
  const G = order.length;
  const { vocabSize: V, hiddenSize: H, embeddingSize: E } = model;
  const expected: Record<string, number[]> = {};
  if (E !== null) expected['embed.weight'] = [V, E];
  for (let l = 0; l < model.layers; l++) {
    const D = l > 0 ? H : (E ?? V);
    Object.assign(expected, {
      [`rnn.weight_ih_l${l}`]: [G * H, D], [`rnn.weight_hh_l${l}`]: [G * H, H], [`rnn.bias_ih_l${l}`]: [G * H], [`rnn.bias_hh_l${l}`]: [G * H],
    });
  }
  Object.assign(expected, { 'out.weight': [V, H], 'out.bias': [V] });
  const t = content.tensors;
  for (const name of Object.keys(t)) if (!(name in expected)) fail(`holds a tensor ${name} that an rnnlab ${cell} of ${model.layers} layer(s) does not have`);
  for (const [name, shape] of Object.entries(expected)) {
    if (!(name in t)) fail(`has no tensor ${name}, expected one of shape ${formatShape(shape)}`);
    if (t[name].shape.join(',') !== shape.join(',')) fail(`tensor ${name} has shape ${formatShape(t[name].shape)}, expected ${formatShape(shape)}`);
    const bad = t[name].data.findIndex((v) => !Number.isFinite(v));
    if (bad >= 0) fail(`tensor ${name} holds ${t[name].data[bad]} at flat index ${bad}, expected finite numbers`);
  }
  const params: ParamMap = {};
  if (E !== null) params['embed.W'] = t['embed.weight'].clone();
  for (let l = 0; l < model.layers; l++) {
    params[`cell${l}.Wx`] = untransposeBlocks(t[`rnn.weight_ih_l${l}`], order);
    params[`cell${l}.Wh`] = untransposeBlocks(t[`rnn.weight_hh_l${l}`], order);
    if (cell === 'gru') {
      params[`cell${l}.bx`] = t[`rnn.bias_ih_l${l}`].clone();
      params[`cell${l}.bh`] = t[`rnn.bias_hh_l${l}`].clone();
    } else {
      const sum = new Float64Array(G * H);
      for (let i = 0; i < G * H; i++) sum[i] = t[`rnn.bias_ih_l${l}`].data[i] + t[`rnn.bias_hh_l${l}`].data[i];
      params[`cell${l}.b`] = reorderVector(new Tensor(sum, [G * H]), order);
    }
  }
  params['out.w'] = transpose(t['out.weight']);
  params['out.b'] = t['out.bias'].clone();
  return { model, vocab, params };
}
