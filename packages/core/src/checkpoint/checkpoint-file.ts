/**
 * The checkpoint file: one JSON object, self-describing and checksummed.
 *
 *     { "format": "rnnlab-checkpoint", "version": 2, "sha256": "<64 hex digits>",
 *       "kind": "recurrent-lm" | "min-char-rnn" | "recurrent-lm-model", "iteration": 1200,
 *       "createdAt": "2025-…Z", "valLoss": 1.93 | null, "body": { … the kind's fields … } }
 *
 * `sha256` is the SHA-256 of the object without its sha256 field, as JSON.stringify writes it (keys in the order
 * above). Reading re-serialises what it parsed, so a changed byte anywhere in the content — a digit of a weight, a
 * letter of a key, a base64 character — fails the check, while reformatting whitespace (a pretty-printer) does not.
 * Every field is then checked on its own (./fields.ts, the body decoders): a checksummed file that a buggy writer or
 * a hand edit made inconsistent is still refused, naming the file and the field.
 *
 * Version 1 (rnnlab 0.1.0, before this format had a checksum) is still read: its fields get the same checks, and the
 * next save writes version 2. There is nothing to verify its bytes against, so a damaged version-1 file is caught
 * only when a field is out of range.
 */
import { readFileSync, statSync } from 'node:fs';
import { sha256Hex } from '../data/download';
import { writeFileAtomic } from './atomic-write';
import { CheckpointError, FieldReader, describe } from './fields';

export const CHECKPOINT_FORMAT = 'rnnlab-checkpoint';
export const CHECKPOINT_VERSION = 2;

/** A checkpoint's envelope and its (not yet decoded) body, as read from `file`. */
export interface StoredCheckpoint {
  /** The file it was read from (or the label given to `parseCheckpoint`). */
  file: string;
  version: number;
  kind: string;
  /** Training iterations completed when it was written. */
  iteration: number;
  createdAt: string;
  /** The validation loss measured at that iteration, when there was one. */
  valLoss: number | null;
  body: unknown;
}

/** What a checkpoint holds before it is written. */
export interface CheckpointContent {
  kind: string;
  iteration: number;
  valLoss: number | null;
  body: unknown;
}

/** The file's text for `content` (the checksum computed over it). */
export function serializeCheckpoint(content: CheckpointContent, createdAt = new Date().toISOString()): string {
  const { kind, iteration, valLoss, body } = content;
  const hashed = { format: CHECKPOINT_FORMAT, version: CHECKPOINT_VERSION, kind, iteration, createdAt, valLoss, body };
  const sha256 = sha256Hex(Buffer.from(JSON.stringify(hashed), 'utf8'));
  return JSON.stringify({ format: CHECKPOINT_FORMAT, version: CHECKPOINT_VERSION, sha256, kind, iteration, createdAt, valLoss, body });
}

/** Writes a checkpoint atomically and durably (see ./atomic-write.ts). */
export function writeCheckpoint(path: string, content: CheckpointContent): void {
  writeFileAtomic(path, serializeCheckpoint(content));
}

/** Reads a checkpoint file and checks its envelope and checksum. Throws CheckpointError naming the file and field. */
export function readCheckpoint(path: string): StoredCheckpoint {
  let bytes: Buffer;
  try {
    const stat = statSync(path);
    if (stat.isDirectory()) throw new CheckpointError(path, '', `is a folder, expected a checkpoint file (e.g. ${path}/checkpoint.json)`);
    if (!stat.isFile()) throw new CheckpointError(path, '', 'is not a regular file, expected a checkpoint file');
    bytes = readFileSync(path);
  } catch (error) {
    if (error instanceof CheckpointError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new CheckpointError(path, '', 'does not exist, expected a checkpoint file');
    throw new CheckpointError(path, '', `cannot be read (${(error as Error).message})`);
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new CheckpointError(path, '', 'is not UTF-8 text, expected an rnnlab checkpoint (JSON)');
  }
  return parseCheckpoint(text, path);
}

/** Parses and verifies a checkpoint's text; `file` names it in errors. */
export function parseCheckpoint(text: string, file: string): StoredCheckpoint {
  const reader: FieldReader = new FieldReader(file);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    reader.fail('', `is not valid JSON (${(error as Error).message}), expected an rnnlab checkpoint`);
  }
  const top = parsed as Record<string, unknown> | null;
  if (top === null || typeof top !== 'object' || Array.isArray(top) || top.format !== CHECKPOINT_FORMAT) {
    const format = top !== null && typeof top === 'object' ? describe(top.format) : describe(top);
    reader.fail('', `is not an rnnlab checkpoint (its format field is ${format}, expected '${CHECKPOINT_FORMAT}')`);
  }
  if (top.version !== 1 && top.version !== CHECKPOINT_VERSION) {
    reader.fail('version', `is ${describe(top.version)}, expected 1 or ${CHECKPOINT_VERSION} (a checkpoint from a newer rnnlab?)`);
  }
  const version = top.version;
  if (version === CHECKPOINT_VERSION) verifyChecksum(reader, top);
  const fields = ['format', 'version', ...(version === 1 ? [] : ['sha256', 'valLoss']), 'kind', 'iteration', 'createdAt', 'body'];
  reader.object(top, '', fields);
  const valLoss =
    top.valLoss === undefined || top.valLoss === null ? null : reader.number(top.valLoss, 'valLoss', { expected: 'a finite number or null' });
  return {
    file,
    version,
    kind: reader.string(top.kind, 'kind'),
    iteration: reader.integer(top.iteration, 'iteration', 0),
    createdAt: reader.string(top.createdAt, 'createdAt'),
    valLoss,
    body: reader.record(top.body, 'body', 'an object (the checkpoint\'s content)'),
  };
}

function verifyChecksum(reader: FieldReader, top: Record<string, unknown>): void {
  const { sha256, ...content } = top;
  if (typeof sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(sha256)) {
    reader.fail('sha256', `is ${describe(sha256)}, expected 64 hexadecimal digits`);
  }
  const actual = sha256Hex(Buffer.from(JSON.stringify(content), 'utf8'));
  if (actual !== sha256) {
    reader.fail('', `does not match its checksum (sha256 of the content is ${actual.slice(0, 12)}…, the file says ${sha256.slice(0, 12)}…): it was changed or damaged after it was written`);
  }
}
