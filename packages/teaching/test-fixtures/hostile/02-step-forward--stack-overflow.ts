// Recurses without end.
import { Tensor } from '@rnnlab/core';

export function hiddenState(x: Tensor): Tensor {
  return hiddenState(x);
}
export const outputScores = hiddenState;
export const softmax = hiddenState;
export const crossEntropy = hiddenState;
export const stepForward = hiddenState;
