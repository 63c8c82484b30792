// Aborts its process (as a native crash would) in one function: that call fails, and the next starts a fresh process.
import { Tensor } from '@rnnlab/core';

export function hiddenState(): Tensor {
  process.abort();
}
export const outputScores = hiddenState;
export const softmax = hiddenState;
export const crossEntropy = hiddenState;
export const stepForward = hiddenState;
