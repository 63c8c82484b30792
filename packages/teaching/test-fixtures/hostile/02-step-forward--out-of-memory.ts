// Allocates until the heap limit ends its process (8 MB at a time).
import { Tensor } from '@rnnlab/core';

export function hiddenState(): Tensor {
  const hoard: number[][] = [];
  for (;;) hoard.push(new Array(1_000_000).fill(1.5));
}
export const outputScores = hiddenState;
export const softmax = hiddenState;
export const crossEntropy = hiddenState;
export const stepForward = hiddenState;
