export { CHECKPOINT_FORMAT, CHECKPOINT_VERSION, serializeCheckpoint, parseCheckpoint, readCheckpoint, writeCheckpoint } from './checkpoint-file';
export type { StoredCheckpoint, CheckpointContent } from './checkpoint-file';
export { CheckpointError, FieldReader, encodeTensor } from './fields';
export type { EncodedTensor, NumberRule } from './fields';
export { writeFileAtomic, syncFolder } from './atomic-write';
export { LM_MODEL_KIND, encodeLMBody, decodeLMBody, encodeLMModelBody, decodeLMModelBody } from './lm-body';
export type { LMCheckpointBody, LMModelBody, LMModelState } from './lm-body';
export { encodeMinCharBody, decodeMinCharBody } from './min-char-body';
export type { MinCharCheckpointBody } from './min-char-body';
export {
  sessionCheckpoint,
  saveCheckpoint,
  saveModelCheckpoint,
  loadCheckpoint,
  decodeCheckpoint,
  restoreSession,
  samplerFromCheckpoint,
} from './session-checkpoint';
export type { CheckpointState, LoadedCheckpoint, CheckpointableSession, CheckpointSampler } from './session-checkpoint';
