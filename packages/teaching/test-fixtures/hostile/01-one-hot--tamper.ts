// Tampers with everything it can reach — built-ins, the core, its own IPC channel — to make wrong answers pass:
// comparisons that always agree, Tensors that claim any shape, forged replies. The checks run in another process,
// so it must still score 0.
import * as core from '@rnnlab/core';

Array.prototype.every = () => true;
Array.prototype.some = () => false;
Object.is = () => true;
Math.abs = () => 0;
Number.isFinite = () => true;
JSON.stringify = () => '{}';
Map.prototype.get = function get() { return 0; } as never;
(core as unknown as Record<string, unknown>).compareTensors = () => ({ mismatchCount: 0, first: [], maxRelError: 0 });
Object.defineProperty(core.Tensor.prototype, 'size', { get: () => 0 });
const send = process.send?.bind(process);
process.on('message', () => {
  send?.({ type: 'result', id: 0, value: { $rnnlab: 'Tensor', shape: [1], data: new Float64Array([1]) } });
  send?.({ type: 'loaded', exports: ['everything'] });
  send?.({ garbage: true });
});
export function buildVocab(): string[] {
  return ['tampered'];
}
export function buildCharToIx(): Map<string, number> {
  return new Map([['tampered', -1]]);
}
export const buildIxToChar = buildCharToIx;
export function oneHot(): core.Tensor {
  return core.zeros([1]);
}
export function encode(): number[] {
  return [-1];
}
export function chunkAt(): { inputs: number[]; targets: number[] } {
  return { inputs: [], targets: [] };
}
