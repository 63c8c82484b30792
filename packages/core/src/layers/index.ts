/** The functional layers: forward/backward pairs over core Tensors (cs231n's rnn_layers.py, in TypeScript). */
export { rnnStepForward, rnnStepBackward, rnnForward, rnnBackward, initRnnParams, RNN_ACTIVATIONS } from './rnn';
export type { RnnActivation, RnnOptions, RnnParams, RnnStepCache, RnnCache, RnnParamGrads, RnnBackwardOptions, RnnGrads } from './rnn';
export { lstmStepForward, lstmStepBackward, lstmForward, lstmBackward, initLstmParams } from './lstm';
export type {
  LstmParams,
  LstmParamGrads,
  LstmStepCache,
  LstmCache,
  LstmForwardOptions,
  LstmBackwardOptions,
  LstmInitOptions,
  LstmGrads,
  LstmStepOptions,
} from './lstm';
export { gruStepForward, gruStepBackward, gruForward, gruBackward, initGruParams } from './gru';
export type { GruParams, GruParamGrads, GruOptions, GruStepCache, GruCache, GruBackwardOptions, GruGrads } from './gru';
export { wordEmbeddingForward, wordEmbeddingBackward } from './embedding';
export type { WordEmbeddingCache } from './embedding';
export { temporalAffineForward, temporalAffineBackward } from './temporal-affine';
export type { TemporalAffineCache, TemporalAffineOptions } from './temporal-affine';
export { oneHot } from './one-hot';
export { dropoutForward, dropoutBackward } from './dropout';
export type { DropoutCache } from './dropout';
export { esnStepForward, esnStepBackward, esnForward, esnBackward, initEsnParams, spectralRadius } from './esn';
export type {
  EsnParams,
  EsnInitOptions,
  EsnOptions,
  EsnStepCache,
  EsnCache,
  EsnParamGrads,
  EsnBackwardOptions,
  EsnGrads,
  SpectralRadiusOptions,
} from './esn';
export { cholesky, choleskySolve, ridgeReadout } from './ridge';
export type { Readout } from './ridge';
