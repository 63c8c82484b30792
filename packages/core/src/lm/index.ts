/** Language models: min-char-rnn (exact port), the batched RecurrentLM, sampling, training sessions and the loop. */
export { MinCharRnn } from './min-char-rnn';
export type { MinCharRnnOptions, MinCharRnnParams, MinCharRnnLoss, MinCharRnnStep, MinCharRnnState } from './min-char-rnn';
export { RecurrentLM, CharLM, WordLM, CELL_TYPES, checkLMConfig, recurrentLMParamShapes } from './recurrent-lm';
export { DataParallelLM } from './data-parallel';
export type { DataParallelOptions } from './data-parallel';
export type { CellType, RecurrentLMConfig, LevelLMConfig, ForwardOptions } from './recurrent-lm';
export { sampleTokens, nextTokenProbabilities, checkSamplingOptions } from './sampling';
export type { TokenStepper, SamplingOptions } from './sampling';
export type { StepResult, TextSamplingOptions, TrainingSession } from './training-session';
export { LMSession, LM_KIND, LM_LOSS_LABEL, checkTrainingConfig, sampleLMText } from './recurrent-lm-session';
export type { LMRuntime, LMTrainingConfig, LMSessionState } from './recurrent-lm-session';
export { MinCharSession, MIN_CHAR_RNN_KIND, minCharIterationsPerEpoch, minCharLossLabel } from './min-char-session';
export type { MinCharSessionState } from './min-char-session';
export { runTrainingLoop, runTrainingLoopAsync, checkLoopOptions, EXPLODE_FACTOR } from './train-loop';
export type { TrainLoopOptions, TrainLoopResult, TrainingSample } from './train-loop';
