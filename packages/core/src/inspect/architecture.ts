/**
 * A model's architecture from its configuration alone (no weights drawn): its layers with their output shapes,
 * weights and parameter counts as Keras' `model.summary()` lists them, the equations of its cell, and what a diagram
 * of the network unrolled in time needs. For min-char-rnn and for the batched RecurrentLM (rnn, lstm, gru, esn).
 *
 * Legend: B batch (streams), T time steps (seqLength), V vocabulary, E embedding size, H hidden size.
 */
import { ValueError } from '../errors';
import { checkLMConfig, recurrentLMParamShapes } from '../lm/recurrent-lm';
import type { RecurrentLMConfig } from '../lm/recurrent-lm';
import type { CellType } from '../modules/create-cell';
import { checkInteger } from '../tensor/check';
import { minCharRnnEquations, recurrentLMEquations } from './equations';

/** One weight tensor of a layer. */
export interface WeightSummary {
  name: string;
  shape: number[];
}

/** One row of the summary table. `trainable` is false for a fixed echo state reservoir. */
export interface LayerSummary {
  name: string;
  type: string;
  /** e.g. "[50, 50, 128]" or "25 × [100, 1]". */
  outputShape: string;
  weights: WeightSummary[];
  parameters: number;
  trainable: boolean;
}

/** What a drawing of the unrolled network shows. */
export interface UnrolledNetwork {
  model: 'min-char-rnn' | CellType;
  layers: number;
  vocabSize: number;
  hiddenSize: number;
  embeddingSize: number | null;
  seqLength: number;
  /** The state carried from step to step: ['h'], or ['h', 'c'] for an LSTM. */
  carried: string[];
  /** Weight names on the drawing's arrows: input → hidden, hidden → hidden, hidden → output. */
  weights: { input: string; recurrent: string; output: string };
}

/** A model's architecture. */
export interface ModelArchitecture {
  /** One line: "min-char-rnn: vocabulary 65, hidden 100, unrolled over 25 steps". */
  title: string;
  legend: string;
  layers: LayerSummary[];
  totalParameters: number;
  trainableParameters: number;
  equations: string[];
  unrolled: UnrolledNetwork;
}

const count = (shape: number[]) => shape.reduce((p, d) => p * d, 1);
const layerOf = (name: string, weights: WeightSummary[], type: string, outputShape: string, trainable = true): LayerSummary => ({
  name, type, outputShape, weights, parameters: weights.reduce((n, w) => n + count(w.shape), 0), trainable,
});

function finish(title: string, legend: string, layers: LayerSummary[], equations: string[], unrolled: UnrolledNetwork): ModelArchitecture {
  const totalParameters = layers.reduce((n, l) => n + l.parameters, 0);
  const trainableParameters = layers.reduce((n, l) => n + (l.trainable ? l.parameters : 0), 0);
  return { title, legend, layers, totalParameters, trainableParameters, equations, unrolled };
}

/** min-char-rnn with vocabulary V, hidden size H, unrolled over T = seqLength steps (the original's orientation). */
export function describeMinCharRnn(options: { vocabSize: number; hiddenSize: number; seqLength: number }): ModelArchitecture {
  const fn = 'describeMinCharRnn';
  if (typeof options !== 'object' || options === null) throw new ValueError(`${fn}: options must be an object, got ${String(options)}`);
  const { vocabSize: V, hiddenSize: H, seqLength: T } = options;
  checkInteger(fn, 'options.vocabSize', V, 1);
  checkInteger(fn, 'options.hiddenSize', H, 1);
  checkInteger(fn, 'options.seqLength', T, 1);
  const steps = (rows: number) => `${T} × [${rows}, 1]`;
  const layers = [
    layerOf('input', [], 'one-hot', steps(V)),
    layerOf('hidden', [{ name: 'Wxh', shape: [H, V] }, { name: 'Whh', shape: [H, H] }, { name: 'bh', shape: [H, 1] }], 'tanh RNN', steps(H)),
    layerOf('output', [{ name: 'Why', shape: [V, H] }, { name: 'by', shape: [V, 1] }], 'affine', steps(V)),
    layerOf('loss', [], 'softmax cross-entropy', 'scalar (summed over T)'),
  ];
  return finish(
    `min-char-rnn: vocabulary ${V}, hidden ${H}, unrolled over ${T} steps`,
    `V = ${V} vocabulary, H = ${H} hidden units, T = ${T} time steps per chunk; vectors are columns, as in the original.`,
    layers,
    minCharRnnEquations(T),
    { model: 'min-char-rnn', layers: 1, vocabSize: V, hiddenSize: H, embeddingSize: null, seqLength: T, carried: ['h'], weights: { input: 'Wxh', recurrent: 'Whh', output: 'Why' } },
  );
}

const CELL_NAMES: Record<CellType, string> = { rnn: 'tanh RNN', lstm: 'LSTM', gru: 'GRU', esn: 'echo state (fixed)' };
const CELL_WEIGHTS: Record<CellType, { input: string; recurrent: string }> = {
  rnn: { input: 'Wx', recurrent: 'Wh' }, lstm: { input: 'Wx', recurrent: 'Wh' }, gru: { input: 'Wx', recurrent: 'Wh' }, esn: { input: 'Win', recurrent: 'W' },
};

/** A batched RecurrentLM with `config`, trained on batches of B = batchSize streams of T = seqLength steps. */
export function describeRecurrentLM(config: RecurrentLMConfig, batch: { batchSize: number; seqLength: number }): ModelArchitecture {
  const fn = 'describeRecurrentLM';
  checkLMConfig(fn, config);
  if (typeof batch !== 'object' || batch === null) throw new ValueError(`${fn}: batch must be an object, got ${String(batch)}`);
  checkInteger(fn, 'batch.batchSize', batch.batchSize, 1);
  checkInteger(fn, 'batch.seqLength', batch.seqLength, 1);
  const { vocabSize: V, hiddenSize: H, embeddingSize: E, cell, dropout } = config;
  const { batchSize: B, seqLength: T } = batch;
  const shapes = recurrentLMParamShapes(config);
  const weights = (prefix: string) =>
    Object.entries(shapes).filter(([name]) => name.startsWith(`${prefix}.`)).map(([name, shape]) => ({ name: name.slice(prefix.length + 1), shape }));
  const shape = (...dims: number[]) => `[${dims.join(', ')}]`;
  const dropoutRow = (name: string) => layerOf(name, [], `dropout p = ${dropout}`, shape(B, T, H));
  const layers: LayerSummary[] = [layerOf('input', [], 'token ids', shape(B, T))];
  layers.push(E === null ? layerOf('onehot', [], 'one-hot', shape(B, T, V)) : layerOf('embed', weights('embed'), 'embedding', shape(B, T, E)));
  for (let l = 0; l < config.layers; l++) {
    if (l > 0 && dropout > 0) layers.push(dropoutRow(`dropout${l - 1}`));
    layers.push(layerOf(`cell${l}`, weights(`cell${l}`), CELL_NAMES[cell], shape(B, T, H), cell !== 'esn'));
  }
  if (dropout > 0) layers.push(dropoutRow(`dropout${config.layers - 1}`));
  layers.push(layerOf('out', weights('out'), 'temporal affine', shape(B, T, V)));
  layers.push(layerOf('loss', [], 'softmax cross-entropy', 'scalar (mean over B·T)'));
  const input = E === null ? '' : `, E = ${E} embedding size`;
  return finish(
    `${cell}: ${config.layers} layer${config.layers === 1 ? '' : 's'} of ${H}, vocabulary ${V}, batches of ${B} × ${T}`,
    `B = ${B} streams per batch, T = ${T} time steps, V = ${V} vocabulary${input}, H = ${H} hidden units; vectors are rows (x·W), as in cs231n.`,
    layers,
    recurrentLMEquations(cell, config.layers, E !== null),
    {
      model: cell, layers: config.layers, vocabSize: V, hiddenSize: H, embeddingSize: E, seqLength: T,
      carried: cell === 'lstm' ? ['h', 'c'] : ['h'], weights: { ...CELL_WEIGHTS[cell], output: 'w' },
    },
  );
}

/** The summary as a Keras-style text table: a row per layer (one line per weight), then the totals and the equations. */
export function formatArchitecture(architecture: ModelArchitecture): string {
  const group = (n: number) => n.toLocaleString('en-US');
  const rows: string[][] = [];
  for (const layer of architecture.layers) {
    const lines = layer.weights.length === 0 ? [''] : layer.weights.map((w) => `${w.name} [${w.shape.join(', ')}]`);
    lines.forEach((weight, i) => rows.push(i === 0 ? [`${layer.name} (${layer.type})`, layer.outputShape, weight, group(layer.parameters)] : ['', '', weight, '']));
  }
  const header = ['Layer (type)', 'Output shape', 'Weights', 'Param #'];
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c].length)));
  const line = (r: string[]) => r.map((cell, c) => (c === 3 ? cell.padStart(widths[c]) : cell.padEnd(widths[c]))).join('   ').trimEnd();
  const rule = (ch: string) => ch.repeat(widths.reduce((a, b) => a + b, 0) + 9);
  const { totalParameters: total, trainableParameters: trainable } = architecture;
  return [
    `Model: ${architecture.title}`,
    rule('_'), line(header), rule('='), ...rows.map(line), rule('='),
    `Total params: ${group(total)}`, `Trainable params: ${group(trainable)}`, `Non-trainable params: ${group(total - trainable)}`, rule('_'),
    architecture.legend,
    '',
    'Equations:',
    ...architecture.equations.map((e) => `  ${e}`),
  ].join('\n');
}
