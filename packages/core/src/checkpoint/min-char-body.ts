/**
 * The body of a `min-char-rnn` checkpoint (../lm/min-char-session.ts): the vocabulary, the model's own state
 * (MinCharRnn.getState(): settings, position, hprev, parameters and Adagrad memories as flat number arrays, the
 * generator) and the first loss. Decoding checks every field before MinCharRnn.fromState sees it.
 */
import type { VocabJSON } from '../data/vocab';
import type { MinCharRnnState } from '../lm/min-char-rnn';
import type { MinCharSessionState } from '../lm/min-char-session';
import { RandomState } from '../random';
import type { RandomStateSnapshot } from '../random';
import { FieldReader } from './fields';
import { decodeVocab } from './lm-body';

/** What a `min-char-rnn` checkpoint's body holds. */
export interface MinCharCheckpointBody {
  vocab: VocabJSON;
  model: MinCharRnnState;
  firstLoss: number | null;
}

/** A session snapshot as a checkpoint body. */
export function encodeMinCharBody(state: MinCharSessionState): MinCharCheckpointBody {
  return { vocab: state.vocab.toJSON(), model: state.model, firstLoss: state.firstLoss };
}

const MODEL_FIELDS = [
  'format', 'version', 'vocabSize', 'hiddenSize', 'seqLength', 'learningRate', 'clip', 'seed', 'dataLength', 'iteration',
  'position', 'smoothLoss', 'hprev', 'params', 'memory', 'rng',
];
const PARAMS = ['Wxh', 'Whh', 'Why', 'bh', 'by'] as const;

/** Decodes and checks a `min-char-rnn` body. `version`: the file's format version (1 had no firstLoss). */
export function decodeMinCharBody(reader: FieldReader, body: unknown, iteration: number, version: number): MinCharSessionState {
  const b = reader.object(body, 'body', ['vocab', 'model', ...(version === 1 ? [] : ['firstLoss'])]);
  const f = 'body.model';
  const m = reader.object(b.model, f, MODEL_FIELDS);
  if (m.format !== 'rnnlab.min-char-rnn') reader.fail(`${f}.format`, `is ${JSON.stringify(m.format)}, expected 'rnnlab.min-char-rnn'`);
  if (m.version !== 1) reader.fail(`${f}.version`, `is ${JSON.stringify(m.version)}, expected 1`);
  const V = reader.integer(m.vocabSize, `${f}.vocabSize`, 2);
  const H = reader.integer(m.hiddenSize, `${f}.hiddenSize`, 1);
  const T = reader.integer(m.seqLength, `${f}.seqLength`, 1);
  const dataLength = reader.integer(m.dataLength, `${f}.dataLength`, T + 2);
  const at = reader.integer(m.iteration, `${f}.iteration`, 0);
  if (at !== iteration) reader.fail(`${f}.iteration`, `is ${at}, expected ${iteration} (the checkpoint's iteration)`);
  const position = reader.integer(m.position, `${f}.position`, 0, dataLength - T - 2);
  if (position % T !== 0) reader.fail(`${f}.position`, `is ${position}, expected a multiple of seqLength ${T}`);
  const shapes = { Wxh: H * V, Whh: H * H, Why: V * H, bh: H, by: V };
  const values = (field: string, value: unknown, n: number, min = -Infinity): number[] => {
    const list = reader.array(value, field, n);
    list.forEach((v, i) => reader.number(v, `${field}[${i}]`, { min, expected: min === 0 ? 'a finite number >= 0' : 'a finite number' }));
    return list as number[];
  };
  const params = reader.object(m.params, `${f}.params`, PARAMS);
  const memory = reader.object(m.memory, `${f}.memory`, PARAMS);
  const model: MinCharRnnState = {
    format: 'rnnlab.min-char-rnn',
    version: 1,
    vocabSize: V,
    hiddenSize: H,
    seqLength: T,
    learningRate: reader.number(m.learningRate, `${f}.learningRate`, { min: 0, minOpen: true, expected: 'a positive finite number' }),
    clip: m.clip === null ? Infinity : reader.number(m.clip, `${f}.clip`, { min: 0, expected: 'a finite number >= 0' }),
    seed: reader.integer(m.seed, `${f}.seed`, 0, 2 ** 32 - 1),
    dataLength,
    iteration,
    position,
    smoothLoss: reader.number(m.smoothLoss, `${f}.smoothLoss`, { min: 0, expected: 'a finite number >= 0' }),
    hprev: values(`${f}.hprev`, m.hprev, H),
    params: Object.fromEntries(PARAMS.map((k) => [k, values(`${f}.params.${k}`, params[k], shapes[k])])) as MinCharRnnState['params'],
    memory: Object.fromEntries(PARAMS.map((k) => [k, values(`${f}.memory.${k}`, memory[k], shapes[k], 0)])) as MinCharRnnState['memory'],
    rng: reader.within(`${f}.rng`, () => RandomState.fromState(m.rng as RandomStateSnapshot).getState()),
  };
  const vocab = decodeVocab(reader, b.vocab, V);
  const firstLoss = b.firstLoss === undefined || b.firstLoss === null ? null : reader.number(b.firstLoss, 'body.firstLoss', { min: 0, expected: 'a finite number >= 0, or null' });
  return { vocab, model, firstLoss };
}
