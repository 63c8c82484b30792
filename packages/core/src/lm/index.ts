/** Language models: min-char-rnn (exact port), the batched RecurrentLM, sampling, sessions and the training loop. */
export { MinCharRnn } from './min-char-rnn';
export type { MinCharRnnOptions, MinCharRnnParams, MinCharRnnLoss, MinCharRnnStep, MinCharRnnState } from './min-char-rnn';
export { RecurrentLM, CharLM, WordLM, CELL_TYPES, checkLMConfig } from './recurrent-lm';
export { DataParallelLM } from './data-parallel';
export type { DataParallelOptions } from './data-parallel';
export type { CellType, RecurrentLMConfig, LevelLMConfig, ForwardOptions } from './recurrent-lm';
export { sampleTokens, nextTokenProbabilities, checkSamplingOptions } from './sampling';
export type { TokenStepper, SamplingOptions } from './sampling';
export type { StepResult, TextSamplingOptions, TrainingSession } from './session';
export { LMSession, LM_KIND, checkTrainingConfig } from './lm-session';
export type { LMTrainingConfig, LMCheckpointBody } from './lm-session';
export { MinCharSession, MIN_CHAR_RNN_KIND, createSession, restoreSession, samplerFromCheckpoint, checkpointVocab } from './sessions';
export type { SessionPlan } from './sessions';
export { runTrainingLoop, checkLoopOptions } from './train-loop';
export type { TrainLoopOptions, TrainLoopResult, TrainingSample } from './train-loop';
