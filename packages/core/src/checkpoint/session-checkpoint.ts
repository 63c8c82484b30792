/**
 * Sessions ⇄ checkpoint files: which body each kind of session writes, and what a checkpoint turns back into — a
 * session to resume (on the corpus it was trained on), or a model to sample from.
 *
 *     kind                  written by          resumable   body
 *     recurrent-lm          LMSession           yes         ./lm-body.ts
 *     min-char-rnn          MinCharSession      yes         ./min-char-body.ts
 *     recurrent-lm-model    an import           no          ./lm-body.ts (model, vocab, params)
 *
 * `loadCheckpoint` reads, verifies and decodes everything up front, so a damaged or inconsistent file is refused —
 * naming the file and the field — before any model is built; nothing a checkpoint holds can fail later.
 */
import { ShapeError, ValueError } from '../errors';
import { RecurrentLM } from '../lm/recurrent-lm';
import { LMSession, LM_KIND, sampleLMText } from '../lm/recurrent-lm-session';
import type { LMRuntime, LMSessionState, LMTrainingConfig } from '../lm/recurrent-lm-session';
import { MIN_CHAR_RNN_KIND, MinCharSession } from '../lm/min-char-session';
import type { MinCharSessionState } from '../lm/min-char-session';
import type { TextSamplingOptions } from '../lm/training-session';
import type { Vocab } from '../data/vocab';
import { readCheckpoint, writeCheckpoint } from './checkpoint-file';
import type { CheckpointContent, StoredCheckpoint } from './checkpoint-file';
import { CheckpointError, FieldReader } from './fields';
import { LM_MODEL_KIND, decodeLMBody, decodeLMModelBody, encodeLMBody, encodeLMModelBody } from './lm-body';
import type { LMModelState } from './lm-body';
import { decodeMinCharBody, encodeMinCharBody } from './min-char-body';

/** A checkpoint's decoded content, by kind. */
export type CheckpointState =
  | { kind: typeof LM_KIND; session: LMSessionState }
  | { kind: typeof MIN_CHAR_RNN_KIND; session: MinCharSessionState }
  | { kind: typeof LM_MODEL_KIND; model: LMModelState };

/** A checkpoint read from a file and checked through and through. */
export type LoadedCheckpoint = StoredCheckpoint & { state: CheckpointState };

/** A session that can be checkpointed. */
export type CheckpointableSession = LMSession | MinCharSession;

/** What a session's checkpoint holds now; `valLoss`: the validation loss measured at this iteration, if any. */
export function sessionCheckpoint(session: CheckpointableSession, valLoss: number | null = null): CheckpointContent {
  const body = session instanceof LMSession ? encodeLMBody(session.snapshot()) : encodeMinCharBody(session.snapshot());
  return { kind: session.kind, iteration: session.iteration, valLoss, body };
}

/** Writes a session's checkpoint atomically and durably. */
export function saveCheckpoint(path: string, session: CheckpointableSession, valLoss: number | null = null): void {
  writeCheckpoint(path, sessionCheckpoint(session, valLoss));
}

/** Writes a model-only checkpoint (weights, config, vocabulary: for sampling, not for resuming). */
export function saveModelCheckpoint(path: string, model: LMModelState): void {
  writeCheckpoint(path, { kind: LM_MODEL_KIND, iteration: 0, valLoss: null, body: encodeLMModelBody(model) });
}

/** Reads, verifies and decodes a checkpoint file. Throws CheckpointError naming the file and the field. */
export function loadCheckpoint(path: string): LoadedCheckpoint {
  return decodeCheckpoint(readCheckpoint(path));
}

/** Decodes a verified envelope's body by its kind. */
export function decodeCheckpoint(stored: StoredCheckpoint): LoadedCheckpoint {
  const reader: FieldReader = new FieldReader(stored.file);
  const { kind, body, iteration, version } = stored;
  if (kind === LM_KIND) return { ...stored, state: { kind, session: decodeLMBody(reader, body, iteration, version) } };
  if (kind === MIN_CHAR_RNN_KIND) return { ...stored, state: { kind, session: decodeMinCharBody(reader, body, iteration, version) } };
  if (kind === LM_MODEL_KIND) return { ...stored, state: { kind, model: decodeLMModelBody(reader, body) } };
  return reader.fail('kind', `is ${JSON.stringify(kind)}, expected '${LM_KIND}', '${MIN_CHAR_RNN_KIND}' or '${LM_MODEL_KIND}'`);
}

/**
 * The session of a checkpoint, resumed on `text` (the corpus it was trained on, encoded with the checkpoint's
 * vocabulary). A learning rate in `overrides` replaces the saved one. Throws a ValueError naming the file when the
 * text does not fit (tokens the vocabulary lacks, another length for min-char-rnn) or the checkpoint holds no session.
 * `runtime` (threads) applies to the batched models; min-char-rnn runs on one thread.
 */
export function restoreSession(
  checkpoint: LoadedCheckpoint, text: string, overrides: Partial<Pick<LMTrainingConfig, 'learningRate'>> = {}, runtime: LMRuntime = {},
): CheckpointableSession {
  const { state, file } = checkpoint;
  if (state.kind === LM_MODEL_KIND) {
    throw new CheckpointError(file, 'kind', `is '${LM_MODEL_KIND}': it holds a model's weights only (no optimizer or data position), so it can be sampled but not resumed`);
  }
  return corpusFits(file, () => {
    const ids = state.session.vocab.encode(text);
    if (state.kind === LM_KIND) return LMSession.restore(state.session, ids, overrides, runtime);
    const model = overrides.learningRate === undefined ? state.session.model : { ...state.session.model, learningRate: overrides.learningRate };
    return MinCharSession.restore({ ...state.session, model }, ids);
  });
}

/** A model to sample from. */
export interface CheckpointSampler {
  vocab: Vocab;
  sample(options: TextSamplingOptions): string;
}

/** The model of a checkpoint of any kind, ready to sample from (no corpus needed). */
export function samplerFromCheckpoint(checkpoint: LoadedCheckpoint): CheckpointSampler {
  const { state } = checkpoint;
  if (state.kind === LM_MODEL_KIND) {
    const model = RecurrentLM.fromParams(state.model.model, state.model.params);
    return { vocab: state.model.vocab, sample: (options) => sampleLMText(model, state.model.vocab, options) };
  }
  if (state.kind === LM_KIND) {
    const { model, vocab, params } = state.session;
    const lm = RecurrentLM.fromParams(model, params);
    return { vocab, sample: (options) => sampleLMText(lm, vocab, options) };
  }
  // min-char-rnn samples from its weights alone: a stand-in corpus of the shortest allowed length will do.
  const { model } = state.session;
  const length = model.seqLength + 2;
  const session = MinCharSession.restore({ ...state.session, model: { ...model, dataLength: length, position: 0 } }, new Int32Array(length));
  return { vocab: session.vocab, sample: (options) => session.sampleSeeded(options) };
}

/** Runs `build`, turning a corpus that does not fit the checkpoint into a ValueError that names the file. */
function corpusFits<T>(file: string, build: () => T): T {
  try {
    return build();
  } catch (error) {
    if (error instanceof ValueError || error instanceof ShapeError) {
      throw new ValueError(`${file}: the corpus does not fit this checkpoint: ${error.message}`);
    }
    throw error;
  }
}
