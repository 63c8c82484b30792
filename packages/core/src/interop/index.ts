/** Exchanging weights with PyTorch: the safetensors format and torch.nn's names and layouts. */
export { encodeSafetensors, decodeSafetensors, readSafetensors } from './safetensors';
export type { SafetensorsContent } from './safetensors';
export { toTorch, minCharToTorch, fromTorch, TORCH_EXPORT_FORMAT } from './torch-weights';
