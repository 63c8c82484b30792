/** Class-style layers holding named params and grads, for assembling models as the course notebooks do. */
export { allFinite, gradsLike, zeroGrads } from './module';
export type { Module, ParamMap, RecurrentModule, RecurrentState } from './module';
export { VanillaRNN } from './vanilla-rnn';
export type { VanillaRNNOptions } from './vanilla-rnn';
export { LSTM } from './lstm';
export { GRU } from './gru';
export { WordEmbedding } from './word-embedding';
export { TemporalAffine } from './temporal-affine';
export { EchoState, collectStates, dropWashout, trainEsnReadout, applyReadout, trainReadoutByGradientDescent } from './echo-state';
export type { EchoStateOptions, CollectOptions, GradientDescentReadoutOptions } from './echo-state';
export { CELL_TYPES, createCell } from './create-cell';
export type { CellType, CreateCellOptions } from './create-cell';
export { TestRNN } from './test-rnn';
export type { TestRNNInput, TestRNNOptions } from './test-rnn';
