/**
 * The body of a `recurrent-lm` checkpoint (a batched model in training, ../lm/recurrent-lm-session.ts) and of a
 * `recurrent-lm-model` one (the weights alone, e.g. imported from PyTorch): encoding a session's snapshot, and
 * decoding an untrusted body field by field — every type, range and shape, every value finite, the vocabulary against
 * the model, the optimizer's slots against the parameters — before any of it reaches a model.
 *
 *     model        RecurrentLMConfig           vocab      { level, tokens }        params   { "cell0.Wx": tensor, … }
 *     training     LMTrainingConfig            optimizer  OptimizerState           rng      RandomStateSnapshot
 *     lossAverage, firstLoss, iteration        carriedState  null | [{ h, c? }] per layer, each [batchSize, hiddenSize]
 */
import type { VocabJSON } from '../data/vocab';
import { vocabFromJSON } from '../data/vocab';
import type { Vocab } from '../data/vocab';
import { PRECISIONS } from '../kernels/wasm';
import { CELL_TYPES, recurrentLMParamShapes } from '../lm/recurrent-lm';
import type { RecurrentLMConfig } from '../lm/recurrent-lm';
import type { LMSessionState, LMTrainingConfig } from '../lm/recurrent-lm-session';
import type { ParamMap, RecurrentState } from '../modules/module';
import { OPTIMIZER_NAMES, createOptimizer } from '../optim';
import type { OptimizerState } from '../optim';
import { RandomState } from '../random';
import type { RandomStateSnapshot } from '../random';
import { FieldReader, encodeTensor, join } from './fields';
import type { EncodedTensor } from './fields';

/** The kind of a checkpoint holding only a RecurrentLM's weights (no training state): it can be sampled, not resumed. */
export const LM_MODEL_KIND = 'recurrent-lm-model';

/** What a `recurrent-lm` checkpoint's body holds. */
export interface LMCheckpointBody {
  model: RecurrentLMConfig;
  training: LMTrainingConfig;
  vocab: VocabJSON;
  params: Record<string, EncodedTensor>;
  optimizer: OptimizerState;
  rng: RandomStateSnapshot;
  lossAverage: number;
  firstLoss: number | null;
  iteration: number;
  carriedState: { h: EncodedTensor; c?: EncodedTensor }[] | null;
}

/** A RecurrentLM's weights with what is needed to use them. */
export interface LMModelState {
  model: RecurrentLMConfig;
  vocab: Vocab;
  params: ParamMap;
}

/** The body of a `recurrent-lm-model` checkpoint. */
export interface LMModelBody {
  model: RecurrentLMConfig;
  vocab: VocabJSON;
  params: Record<string, EncodedTensor>;
}

const encodeParams = (params: ParamMap) => Object.fromEntries(Object.entries(params).map(([n, t]) => [n, encodeTensor(t)]));

/** A session snapshot as a checkpoint body. */
export function encodeLMBody(state: LMSessionState): LMCheckpointBody {
  return {
    model: state.model,
    training: state.training,
    vocab: state.vocab.toJSON(),
    params: encodeParams(state.params),
    optimizer: state.optimizer,
    rng: state.rng,
    lossAverage: state.lossAverage,
    firstLoss: state.firstLoss,
    iteration: state.iteration,
    carriedState: state.carriedState === null ? null : state.carriedState.map((s) => (s.c === undefined ? { h: encodeTensor(s.h) } : { h: encodeTensor(s.h), c: encodeTensor(s.c) })),
  };
}

/** A model's weights as a `recurrent-lm-model` body. */
export function encodeLMModelBody(state: LMModelState): LMModelBody {
  return { model: state.model, vocab: state.vocab.toJSON(), params: encodeParams(state.params) };
}

/** Decodes and checks a `recurrent-lm-model` body (or the model part of a `recurrent-lm` one). */
export function decodeLMModelBody(reader: FieldReader, body: unknown, extraFields: readonly string[] = []): LMModelState {
  const b = reader.object(body, 'body', ['model', 'vocab', 'params', ...extraFields]);
  const model = decodeModelConfig(reader, b.model);
  const vocab = decodeVocab(reader, b.vocab, model.vocabSize);
  const shapes = recurrentLMParamShapes(model);
  const stored = reader.object(b.params, 'body.params', Object.keys(shapes));
  const params: ParamMap = {};
  for (const [name, shape] of Object.entries(shapes)) params[name] = reader.tensor(stored[name], join('body.params', name), shape);
  return { model, vocab, params };
}

/** Decodes and checks a `recurrent-lm` body. `version`: the file's format version (1 had no firstLoss). */
export function decodeLMBody(reader: FieldReader, body: unknown, iteration: number, version: number): LMSessionState {
  const rest = ['training', 'optimizer', 'rng', 'lossAverage', 'iteration', 'carriedState', ...(version === 1 ? [] : ['firstLoss'])];
  const { model, vocab, params } = decodeLMModelBody(reader, body, rest);
  const b = body as Record<string, unknown>;
  const training = decodeTrainingConfig(reader, b.training);
  const at = reader.integer(b.iteration, 'body.iteration', 0);
  if (at !== iteration) reader.fail('body.iteration', `is ${at}, expected ${iteration} (the checkpoint's iteration)`);
  const optimizer = decodeOptimizer(reader, b.optimizer, training, params, model, iteration);
  const rng = reader.within('body.rng', () => RandomState.fromState(b.rng as RandomStateSnapshot).getState());
  const lossAverage = reader.number(b.lossAverage, 'body.lossAverage', { min: 0, expected: 'a finite number >= 0' });
  const firstLoss = b.firstLoss === undefined || b.firstLoss === null ? null : reader.number(b.firstLoss, 'body.firstLoss', { min: 0, expected: 'a finite number >= 0, or null' });
  const carriedState = decodeCarriedState(reader, b.carriedState, model, training.batchSize);
  return { model, training, vocab, params, optimizer, rng, lossAverage, firstLoss, iteration, carriedState };
}

function decodeModelConfig(reader: FieldReader, value: unknown): RecurrentLMConfig {
  const f = 'body.model';
  const m = reader.object(value, f, ['vocabSize', 'cell', 'layers', 'hiddenSize', 'embeddingSize', 'dropout', 'forgetBias'], ['precision']);
  return {
    // The kernels' precision (absent: float64, and in checkpoints written before it existed); parameters stay float64.
    ...(m.precision === undefined ? {} : { precision: reader.oneOf(m.precision, `${f}.precision`, PRECISIONS) }),
    vocabSize: reader.integer(m.vocabSize, `${f}.vocabSize`, 2),
    cell: reader.oneOf(m.cell, `${f}.cell`, CELL_TYPES),
    layers: reader.integer(m.layers, `${f}.layers`, 1),
    hiddenSize: reader.integer(m.hiddenSize, `${f}.hiddenSize`, 1),
    embeddingSize: m.embeddingSize === null ? null : reader.integer(m.embeddingSize, `${f}.embeddingSize`, 1),
    dropout: reader.number(m.dropout, `${f}.dropout`, { min: 0, max: 1, maxOpen: true, expected: 'a number in [0, 1)' }),
    forgetBias: reader.number(m.forgetBias, `${f}.forgetBias`, { expected: 'a finite number' }),
  };
}

function decodeTrainingConfig(reader: FieldReader, value: unknown): LMTrainingConfig {
  const f = 'body.training';
  const t = reader.object(value, f, ['batchSize', 'seqLength', 'optimizer', 'learningRate', 'clip', 'lrDecay', 'lrDecayAfter', 'valFraction', 'seed']);
  return {
    batchSize: reader.integer(t.batchSize, `${f}.batchSize`, 1),
    seqLength: reader.integer(t.seqLength, `${f}.seqLength`, 1),
    optimizer: reader.oneOf(t.optimizer, `${f}.optimizer`, OPTIMIZER_NAMES),
    learningRate: reader.number(t.learningRate, `${f}.learningRate`, { min: 0, minOpen: true, expected: 'a positive finite number' }),
    clip: reader.number(t.clip, `${f}.clip`, { min: 0, expected: 'a finite number >= 0' }),
    lrDecay: reader.number(t.lrDecay, `${f}.lrDecay`, { min: 0, minOpen: true, max: 1, expected: 'a number in (0, 1]' }),
    lrDecayAfter: reader.integer(t.lrDecayAfter, `${f}.lrDecayAfter`, 0),
    valFraction: reader.number(t.valFraction, `${f}.valFraction`, { min: 0, max: 1, maxOpen: true, expected: 'a number in [0, 1)' }),
    seed: reader.integer(t.seed, `${f}.seed`, 0, 2 ** 32 - 1),
  };
}

/** The vocabulary, which must have exactly the model's vocabSize tokens. */
export function decodeVocab(reader: FieldReader, value: unknown, vocabSize: number): Vocab {
  const v = reader.object(value, 'body.vocab', ['level', 'tokens']);
  reader.oneOf(v.level, 'body.vocab.level', ['char', 'word']);
  const tokens = reader.array(v.tokens, 'body.vocab.tokens');
  if (tokens.length !== vocabSize) {
    reader.fail('body.vocab.tokens', `has ${tokens.length} tokens, expected ${vocabSize} (the model's vocabSize)`);
  }
  return reader.within('body.vocab', () => vocabFromJSON(v as unknown as VocabJSON));
}

/** The slot of each optimizer that accumulates squared gradients, so can never be negative. */
const SQUARED_SLOTS: Record<string, string | undefined> = { adam: 'v', adagrad: 'mem', rmsprop: 'cache' };

function decodeOptimizer(
  reader: FieldReader, value: unknown, training: LMTrainingConfig, params: ParamMap, model: RecurrentLMConfig, iteration: number,
): OptimizerState {
  const f = 'body.optimizer';
  const o = reader.object(value, f, ['name', 'hyperParams', 'stepCount', 'slots']);
  if (o.name !== training.optimizer) reader.fail(`${f}.name`, `is ${JSON.stringify(o.name)}, expected '${training.optimizer}' (body.training.optimizer)`);
  const optimizer = createOptimizer(training.optimizer, { learningRate: training.learningRate });
  reader.within(f, () => optimizer.setState(o as unknown as OptimizerState));
  const state = optimizer.getState();
  if (state.hyperParams.learningRate !== training.learningRate) {
    reader.fail(`${f}.hyperParams.learningRate`, `is ${state.hyperParams.learningRate}, expected ${training.learningRate} (body.training.learningRate)`);
  }
  if (state.stepCount !== iteration) reader.fail(`${f}.stepCount`, `is ${state.stepCount}, expected ${iteration} (one step per iteration)`);
  const trainable = Object.keys(params).filter((name) => !(model.cell === 'esn' && /^cell\d+\./.test(name)));
  for (const [slot, perParam] of Object.entries(state.slots)) {
    const names = Object.keys(perParam);
    if (names.length > 0 && names.sort().join(',') !== [...trainable].sort().join(',')) {
      reader.fail(`${f}.slots.${slot}`, `holds [${names.join(', ')}], expected the trainable parameters [${trainable.join(', ')}]`);
    }
    const nonNegative = SQUARED_SLOTS[training.optimizer] === slot;
    for (const name of names) {
      if (perParam[name].shape.join(',') !== params[name].shape.join(',')) {
        reader.fail(join(`${f}.slots.${slot}`, name), `has shape [${perParam[name].shape.join(', ')}], expected [${params[name].shape.join(', ')}] (the parameter's)`);
      }
      const negative = nonNegative ? perParam[name].data.findIndex((v) => v < 0) : -1;
      if (negative >= 0) {
        reader.fail(`${join(`${f}.slots.${slot}`, name)}.data[${negative}]`, `is ${perParam[name].data[negative]}, expected a number >= 0 (a sum of squared gradients)`);
      }
    }
  }
  return state;
}

function decodeCarriedState(reader: FieldReader, value: unknown, model: RecurrentLMConfig, batchSize: number): RecurrentState[] | null {
  if (value === null) return null;
  const f = 'body.carriedState';
  const layers = reader.array(value, f, model.layers);
  const shape = [batchSize, model.hiddenSize];
  return layers.map((layer, l) => {
    const lstm = model.cell === 'lstm';
    const s = reader.object(layer, `${f}[${l}]`, lstm ? ['h', 'c'] : ['h']);
    const h = reader.tensor(s.h, `${f}[${l}].h`, shape);
    return lstm ? { h, c: reader.tensor(s.c, `${f}[${l}].c`, shape) } : { h };
  });
}
