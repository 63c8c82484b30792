export {
  CHECKPOINT_FORMAT,
  CHECKPOINT_VERSION,
  encodeTensor,
  decodeTensor,
  encodeParams,
  restoreParams,
  saveCheckpoint,
  loadCheckpoint,
  writeFileAtomic,
} from './checkpoint';
export type { Checkpoint, EncodedTensor } from './checkpoint';
