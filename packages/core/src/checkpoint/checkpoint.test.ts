import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../data/download';
import { CharVocab } from '../data/vocab';
import { MinCharRnn } from '../lm/min-char-rnn';
import { MinCharSession } from '../lm/min-char-session';
import { LMSession } from '../lm/recurrent-lm-session';
import { serializeCheckpoint } from './checkpoint-file';
import { CheckpointError } from './fields';
import { loadCheckpoint, restoreSession, saveCheckpoint, saveModelCheckpoint, samplerFromCheckpoint, sessionCheckpoint } from './session-checkpoint';

const dir = () => mkdtempSync(join(tmpdir(), 'rnnlab-checkpoint-'));
const text = 'the quick brown fox jumps over the lazy dog. '.repeat(30);
const vocab = CharVocab.fromText(text);
const ids = vocab.encode(text);

/** A 2-layer LSTM with dropout and Adam, trained `steps` iterations. */
function lstmSession(steps = 3): LMSession {
  const s = new LMSession(
    vocab, ids,
    { vocabSize: vocab.size, cell: 'lstm', layers: 2, hiddenSize: 6, embeddingSize: null, dropout: 0.2, forgetBias: 1 },
    { batchSize: 3, seqLength: 5, optimizer: 'adam', learningRate: 0.01, clip: 5, lrDecay: 0.97, lrDecayAfter: 1, valFraction: 0.1, seed: 4 },
  );
  for (let i = 0; i < steps; i++) s.step();
  return s;
}

function minCharSession(steps = 3): MinCharSession {
  const s = new MinCharSession(vocab, new MinCharRnn({ data: ids, vocabSize: vocab.size, hiddenSize: 5, seqLength: 6, seed: 2 }), ids.length);
  for (let i = 0; i < steps; i++) s.step();
  return s;
}

/** Writes `content` (a checkpoint object, edited) with its checksum recomputed, as a consistent writer would. */
function writeResummed(path: string, c: Record<string, unknown>): void {
  const { sha256: _old, ...rest } = c;
  const sha256 = sha256Hex(Buffer.from(JSON.stringify(rest), 'utf8'));
  writeFileSync(path, JSON.stringify({ format: rest.format, version: rest.version, sha256, ...rest }));
}

describe.each([
  ['a batched LSTM (dropout, Adam, carried state)', lstmSession],
  ['min-char-rnn', minCharSession],
])('checkpoint round trip of %s', (_name, make) => {
  it('save, load and restore continue exactly as the session would have: 3 + 4 steps equal 7 straight', () => {
    const d = dir();
    const straight = make(7);
    const first = make(3);
    saveCheckpoint(join(d, 'c.json'), first);
    const loaded = loadCheckpoint(join(d, 'c.json'));
    expect(loaded.version).toBe(2);
    expect(loaded.iteration).toBe(3);
    const resumed = restoreSession(loaded, text);
    for (let i = 0; i < 4; i++) resumed.step();
    expect(JSON.stringify(sessionCheckpoint(resumed).body)).toBe(JSON.stringify(sessionCheckpoint(straight).body));
    expect(readdirSync(d)).toEqual(['c.json']);
  });

  it('samples the same text as the live session', () => {
    const d = dir();
    const s = make(3);
    saveCheckpoint(join(d, 'c.json'), s);
    const sampler = samplerFromCheckpoint(loadCheckpoint(join(d, 'c.json')));
    const options = { length: 30, prime: 'the ', temperature: 0.7, seed: 9 };
    const live = s instanceof MinCharSession ? s.sampleSeeded(options) : s.sample(options);
    expect(sampler.sample(options)).toBe(live);
  });
});

describe('checkpoint files', () => {
  it('a failed write leaves the previous checkpoint whole and no temporary file', () => {
    const d = dir();
    const path = join(d, 'checkpoint.json');
    saveCheckpoint(path, lstmSession(1));
    const before = readFileSync(path, 'utf8');
    expect(() => saveCheckpoint(join(d, 'no-such-folder', 'checkpoint.json'), lstmSession(2))).toThrow(/ENOENT/);
    expect(readdirSync(d)).toEqual(['checkpoint.json']);
    expect(readFileSync(path, 'utf8')).toBe(before);
  });

  it('accepts a reformatted file (whitespace only) and refuses a changed digit, naming the file', () => {
    const d = dir();
    const path = join(d, 'c.json');
    saveCheckpoint(path, lstmSession(2));
    const content = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
    writeFileSync(join(d, 'pretty.json'), JSON.stringify(content, null, 2));
    expect(loadCheckpoint(join(d, 'pretty.json')).iteration).toBe(2);
    const raw = readFileSync(path, 'utf8');
    const at = raw.indexOf('"lossAverage":') + '"lossAverage":'.length;
    const flipped = raw.slice(0, at) + (raw[at] === '1' ? '2' : '1') + raw.slice(at + 1);
    writeFileSync(join(d, 'flipped.json'), flipped);
    expect(() => loadCheckpoint(join(d, 'flipped.json'))).toThrow(
      new RegExp(`^${join(d, 'flipped.json')} does not match its checksum .*: it was changed or damaged after it was written$`),
    );
  });

  it('names the file for what is not a checkpoint at all', () => {
    const d = dir();
    const cases: [string, string | Buffer, string][] = [
      ['missing.json', '', 'does not exist, expected a checkpoint file'],
      ['bad.json', '{ not json', 'is not valid JSON'],
      ['other.json', '{"format": "something-else"}', `is not an rnnlab checkpoint (its format field is "something-else", expected 'rnnlab-checkpoint')`],
      ['future.json', '{"format": "rnnlab-checkpoint", "version": 99}', 'version is 99, expected 1 or 2'],
      ['binary.json', Buffer.from([0xff, 0xfe, 0x00]), 'is not UTF-8 text'],
    ];
    for (const [name, bytes, message] of cases) {
      if (name !== 'missing.json') writeFileSync(join(d, name), bytes);
      expect(() => loadCheckpoint(join(d, name))).toThrow(CheckpointError);
      expect(() => loadCheckpoint(join(d, name))).toThrow(`${join(d, name)}`);
      expect(() => loadCheckpoint(join(d, name))).toThrow(message);
    }
    expect(() => loadCheckpoint(d)).toThrow(`${d} is a folder, expected a checkpoint file`);
    expect(() => loadCheckpoint('/dev/zero')).toThrow('/dev/zero is not a regular file');
  });
});

/** [what the edit does, the edit on the parsed file, the field the error must name, what it must say]. */
type Edit = [string, (c: any) => void, string, string];
const LSTM_EDITS: Edit[] = [
  ['a number made a string', (c) => (c.body.training.seqLength = '5'), 'body.training.seqLength', 'is "5", expected an integer >= 1'],
  ['a field deleted', (c) => delete c.body.model.hiddenSize, 'body.model.hiddenSize', 'is missing'],
  ['an unknown field added', (c) => (c.body.extra = 1), 'body.extra', 'is not a field of this checkpoint format'],
  ['a weight made non-finite', (c) => (c.body.params['out.b'].float64 = Buffer.from(new Float64Array(vocab.size).fill(4e306).map((v, i) => (i === 3 ? Infinity : v)).buffer).toString('base64')), 'body.params["out.b"]', 'holds Infinity at flat index 3, expected finite numbers'],
  ['a weight of the wrong shape', (c) => (c.body.params['cell0.Wh'].shape = [6, 23]), 'body.params["cell0.Wh"].shape', 'is [6, 23], expected [6, 24]'],
  ['base64 that is not canonical', (c) => (c.body.params['out.b'].float64 = `!${c.body.params['out.b'].float64.slice(1)}`), 'body.params["out.b"].float64', 'is not the base64 of'],
  ['a vocabulary one token short', (c) => c.body.vocab.tokens.pop(), 'body.vocab.tokens', `has ${vocab.size - 1} tokens, expected ${vocab.size} (the model's vocabSize)`],
  ['a vocabulary with a repeated token', (c) => (c.body.vocab.tokens[1] = c.body.vocab.tokens[0]), 'body.vocab', 'appears twice'],
  ['another cell type', (c) => (c.body.model.cell = 'transformer'), 'body.model.cell', `is "transformer", expected one of 'rnn', 'lstm', 'gru', 'esn'`],
  ['a dropout of 1', (c) => (c.body.model.dropout = 1), 'body.model.dropout', 'is 1, expected a number in [0, 1)'],
  ['an optimizer slot of the wrong shape', (c) => (c.body.optimizer.slots.m['out.b'].shape = [3]), 'body.optimizer', 'is not valid'],
  ['an optimizer that is not the training one', (c) => (c.body.optimizer.name = 'sgd'), 'body.optimizer.name', `is "sgd", expected 'adam'`],
  ['a step count that is not the iteration', (c) => (c.body.optimizer.stepCount = 7), 'body.optimizer.stepCount', 'is 7, expected 2 (one step per iteration)'],
  ['an iteration that disagrees with the envelope', (c) => (c.body.iteration = 5), 'body.iteration', 'is 5, expected 2'],
  ['a generator state cut short', (c) => c.body.rng.key.pop(), 'body.rng', 'is not valid'],
  ['a carried state of the wrong batch size', (c) => (c.body.carriedState[0].h.shape = [2, 6]), 'body.carriedState[0].h.shape', 'is [2, 6], expected [3, 6]'],
  ['a carried LSTM state without its cell', (c) => delete c.body.carriedState[1].c, 'body.carriedState[1].c', 'is missing'],
  ['a negative iteration', (c) => (c.iteration = -1), 'iteration', 'is -1, expected an integer >= 0'],
  ['an unknown kind', (c) => (c.kind = 'gpt'), 'kind', `is "gpt", expected 'recurrent-lm'`],
];
const MIN_CHAR_EDITS: Edit[] = [
  ['a parameter one value short', (c) => c.body.model.params.Why.pop(), 'body.model.params.Why', 'is an array of'],
  ['a NaN (null) in a memory', (c) => (c.body.model.memory.bh[0] = null), 'body.model.memory.bh[0]', 'is null, expected a finite number >= 0'],
  ['a position outside the data', (c) => (c.body.model.position = 1e9), 'body.model.position', 'is 1000000000, expected an integer from 0 to'],
  ['a vocabulary size that disagrees with the tokens', (c) => (c.body.model.vocabSize = 5), 'body.model.params.Wxh', 'is an array of'],
  ['hprev as a string', (c) => (c.body.model.hprev = 'zeros'), 'body.model.hprev', 'is "zeros", expected an array of 5'],
];

describe.each([
  ['LSTM', () => lstmSession(2), LSTM_EDITS],
  ['min-char-rnn', () => minCharSession(2), MIN_CHAR_EDITS],
] as const)('a %s checkpoint edited consistently (checksum recomputed)', (_name, make, edits) => {
  it.each(edits as Edit[])('with %s is refused, naming the file and the field', (_what, edit, field, message) => {
    const d = dir();
    const path = join(d, 'c.json');
    saveCheckpoint(path, make());
    const content = JSON.parse(readFileSync(path, 'utf8'));
    edit(content);
    writeResummed(path, content);
    let error: unknown;
    try {
      restoreSession(loadCheckpoint(path), text);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CheckpointError);
    expect((error as CheckpointError).message).toContain(`${path}: ${field} `);
    expect((error as CheckpointError).message).toContain(message);
  });
});

describe('checkpoints against the corpus and their kind', () => {
  it('a corpus with characters the vocabulary lacks is refused, naming the file', () => {
    const d = dir();
    saveCheckpoint(join(d, 'c.json'), lstmSession(1));
    expect(() => restoreSession(loadCheckpoint(join(d, 'c.json')), 'THE QUICK FOX')).toThrow(
      `${join(d, 'c.json')}: the corpus does not fit this checkpoint: CharVocab.encode: text has`,
    );
  });

  it('a min-char-rnn checkpoint on a corpus of another length is refused, naming the file', () => {
    const d = dir();
    saveCheckpoint(join(d, 'c.json'), minCharSession(1));
    expect(() => restoreSession(loadCheckpoint(join(d, 'c.json')), text.slice(0, 500))).toThrow(`${join(d, 'c.json')}: the corpus does not fit this checkpoint`);
  });

  it('a model-only checkpoint samples but cannot be resumed', () => {
    const d = dir();
    const s = lstmSession(2).snapshot();
    saveModelCheckpoint(join(d, 'm.json'), { model: s.model, vocab: s.vocab, params: s.params });
    const loaded = loadCheckpoint(join(d, 'm.json'));
    expect(samplerFromCheckpoint(loaded).sample({ length: 12, seed: 1 })).toHaveLength(12);
    expect(() => restoreSession(loaded, text)).toThrow(`${join(d, 'm.json')}: kind is 'recurrent-lm-model': it holds a model's weights only`);
  });
});

describe('version-1 checkpoints (rnnlab 0.1.0, no checksum; ./fixtures/make_v1_checkpoints.sh)', () => {
  const fixture = (name: string) => join(__dirname, 'fixtures', name);
  const names = ['v1-lstm.json', 'v1-min-char-rnn.json'];

  it.each(names)('%s loads with every field checked, resumes on the names corpus, and is saved again as version 2', async (name) => {
    const { loadCorpus } = await import('../data/corpus');
    const loaded = loadCheckpoint(fixture(name));
    expect(loaded.version).toBe(1);
    expect(loaded.iteration).toBe(3);
    const session = restoreSession(loaded, loadCorpus('names').text);
    const stored = JSON.parse(readFileSync(fixture(name), 'utf8')).body;
    const now = sessionCheckpoint(session).body as Record<string, unknown>;
    expect(now.params ?? (now.model as Record<string, unknown>).params).toEqual(stored.params ?? stored.model.params);
    for (let i = 0; i < 3; i++) expect(session.step().finite).toBe(true);
    const d = dir();
    saveCheckpoint(join(d, 'again.json'), session);
    expect(loadCheckpoint(join(d, 'again.json')).version).toBe(2);
  });

  it('a damaged version-1 file is still refused when a field is out of range', () => {
    const content = JSON.parse(readFileSync(fixture('v1-lstm.json'), 'utf8'));
    content.body.training.learningRate = -1;
    const path = join(dir(), 'v1.json');
    writeFileSync(path, JSON.stringify(content));
    expect(() => loadCheckpoint(path)).toThrow(`${path}: body.training.learningRate is -1, expected a positive finite number`);
  });
});

describe('serializeCheckpoint', () => {
  it('writes the envelope fields first and a checksum over the content without it', () => {
    const text = serializeCheckpoint({ kind: 'k', iteration: 1, valLoss: null, body: { a: 1 } }, '2025-01-01T00:00:00.000Z');
    const c = JSON.parse(text);
    expect(Object.keys(c)).toEqual(['format', 'version', 'sha256', 'kind', 'iteration', 'createdAt', 'valLoss', 'body']);
    const { sha256, ...rest } = c;
    expect(sha256).toBe(sha256Hex(Buffer.from(JSON.stringify(rest))));
  });
});
