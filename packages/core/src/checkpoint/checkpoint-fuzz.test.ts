/**
 * Property tests (fast-check) of checkpoint loading against damage: whatever byte of a checkpoint file is changed,
 * and wherever it is cut, loading either refuses it with an error naming the file (a CheckpointError), or gives back exactly
 * the saved state — never a different model. Edits of any field by a writer that also fixes the checksum are refused
 * with a CheckpointError naming the file (or, when they keep the file valid, give a model the training loop runs on);
 * nothing else (a TypeError, a RangeError, a hang on a huge size) ever escapes.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../data/download';
import { ValueError } from '../errors';
import { CharVocab } from '../data/vocab';
import { MinCharRnn } from '../lm/min-char-rnn';
import { MinCharSession } from '../lm/min-char-session';
import { LMSession } from '../lm/recurrent-lm-session';
import { runTrainingLoop } from '../lm/train-loop';
import { serializeCheckpoint } from './checkpoint-file';
import { loadCheckpoint, restoreSession, sessionCheckpoint } from './session-checkpoint';
import type { CheckpointableSession } from './session-checkpoint';

/** Cases per property; the README's Reliability section quotes their total. */
export const FLIP_RUNS = 400;
export const EDIT_RUNS = 300;

const text = 'we few, we happy few, we band of brothers. '.repeat(12);
const vocab = CharVocab.fromText(text);
const ids = vocab.encode(text);
const dir = mkdtempSync(join(tmpdir(), 'rnnlab-fuzz-'));

function lstm(): LMSession {
  const s = new LMSession(
    vocab, ids,
    { vocabSize: vocab.size, cell: 'lstm', layers: 2, hiddenSize: 3, embeddingSize: null, dropout: 0.1, forgetBias: 1 },
    { batchSize: 2, seqLength: 4, optimizer: 'adam', learningRate: 0.01, clip: 5, lrDecay: 0.9, lrDecayAfter: 1, valFraction: 0.1, seed: 1 },
  );
  for (let i = 0; i < 3; i++) s.step();
  return s;
}

function minChar(): MinCharSession {
  const s = new MinCharSession(vocab, new MinCharRnn({ data: ids, vocabSize: vocab.size, hiddenSize: 3, seqLength: 5, seed: 1 }), ids.length);
  for (let i = 0; i < 3; i++) s.step();
  return s;
}

/** Loads `bytes` as a checkpoint and restores it; the state's canonical body, or the error thrown. */
function tryLoad(bytes: Buffer | string, name: string): { body: string } | { error: unknown } {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  try {
    const session = restoreSession(loadCheckpoint(path), text);
    return { body: JSON.stringify(sessionCheckpoint(session).body) };
  } catch (error) {
    return { error };
  }
}

/** Refused with a CheckpointError, or a ValueError for a corpus that does not fit the edited settings, naming the file. */
function expectRefusedNamingFile(outcome: { error: unknown }, name: string): void {
  expect(outcome.error).toBeInstanceOf(ValueError);
  expect((outcome.error as Error).message.startsWith(join(dir, name))).toBe(true);
}

describe.each([
  ['an LSTM', lstm],
  ['min-char-rnn', minChar],
] as [string, () => CheckpointableSession][])('damage to %s checkpoint', (name, make) => {
  const session = make();
  const original = serializeCheckpoint(sessionCheckpoint(session));
  const originalBody = JSON.stringify(sessionCheckpoint(session).body);
  const file = `${name.replace(/\W/g, '')}.json`;

  it(`any one byte changed: refused naming the file, or loaded unchanged (${FLIP_RUNS} cases)`, () => {
    const bytes = Buffer.from(original, 'utf8');
    fc.assert(
      fc.property(fc.nat(bytes.length - 1), fc.integer({ min: 1, max: 255 }), (at, xor) => {
        const damaged = Buffer.from(bytes);
        damaged[at] ^= xor;
        const outcome = tryLoad(damaged, file);
        if ('error' in outcome) expectRefusedNamingFile(outcome, file);
        else expect(outcome.body).toBe(originalBody);
      }),
      { numRuns: FLIP_RUNS, seed: 1 },
    );
  });

  it('cut short anywhere: refused naming the file', () => {
    fc.assert(
      fc.property(fc.nat(original.length - 1), (length) => {
        const outcome = tryLoad(original.slice(0, length), file);
        expect('error' in outcome).toBe(true);
        expectRefusedNamingFile(outcome as { error: unknown }, file);
      }),
      { numRuns: 100, seed: 2 },
    );
  });

  it(`any field replaced or deleted by a writer that fixes the checksum: refused naming the file, or a model that trains (${EDIT_RUNS} cases)`, () => {
    const parsed = JSON.parse(original) as Record<string, unknown>;
    const paths = fieldPaths(parsed).filter((p) => p[0] !== 'sha256');
    const replacement = fc.oneof(
      fc.constant(undefined), // delete it
      fc.constantFrom(null, true, 0, -1, 1e308, 2 ** 53, 0.5, '', '1', [], {}, [1, 2], { shape: [1], float64: 'AAAAAAAA8H8=' }),
      fc.jsonValue({ maxDepth: 2 }),
    );
    fc.assert(
      fc.property(fc.constantFrom(...paths), replacement, (path, value) => {
        const edited = structuredClone(parsed);
        setAt(edited, path, value);
        const outcome = tryLoad(resummed(edited), file);
        if ('error' in outcome) {
          expectRefusedNamingFile(outcome, file);
          return;
        }
        // Still valid (another learning rate, other weights): the training loop runs on it without an error — to the
        // end, or stopping early when the edited values make it diverge — and the model samples while it is finite.
        const restored = restoreSession(loadCheckpoint(join(dir, file)), text);
        const result = runTrainingLoop(restored, { iterations: restored.iteration + 3 });
        if (result.stoppedEarly === undefined) expect(typeof restored.sample({ length: 5, seed: 0 })).toBe('string');
      }),
      { numRuns: EDIT_RUNS, seed: 3 },
    );
  });
});

/** Every path to a value in `value` (objects and arrays included), arrays sampled at their first and last index. */
function fieldPaths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  const out: (string | number)[][] = prefix.length === 0 ? [] : [prefix];
  if (Array.isArray(value)) {
    const picks = value.length === 0 ? [] : [...new Set([0, value.length - 1])];
    for (const i of picks) out.push(...fieldPaths(value[i], [...prefix, i]));
  } else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) out.push(...fieldPaths(v, [...prefix, k]));
  }
  return out;
}

function setAt(root: Record<string, unknown>, path: (string | number)[], value: unknown): void {
  let node = root as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  const last = path[path.length - 1];
  if (value === undefined) {
    if (Array.isArray(node)) node.splice(last as number, 1);
    else delete node[last];
  } else node[last] = value;
}

/** The file an edit-and-fix-the-checksum writer would leave. */
function resummed(c: Record<string, unknown>): string {
  const { sha256: _old, ...rest } = c;
  return JSON.stringify({ format: rest.format, version: rest.version, sha256: sha256Hex(Buffer.from(JSON.stringify(rest), 'utf8')), ...rest });
}
