/** Looking into a model: its architecture (Keras-style summary, equations) and a gradient check of the whole model. */
export { describeMinCharRnn, describeRecurrentLM, formatArchitecture } from './architecture';
export type { ModelArchitecture, LayerSummary, WeightSummary, UnrolledNetwork } from './architecture';
export { minCharRnnEquations, recurrentLMEquations, cellEquations } from './equations';
export {
  REL_TOLERANCE, NOISE_FLOOR_FACTOR, formatStep, originalRelError, gradCheckNoiseFloor, entryPasses, judgeGradCheck, minCharRnnGradCheck,
  recurrentLMGradCheck, formatModelGradCheck,
} from './model-gradcheck';
export type { ModelGradCheck, ModelGradCheckOptions } from './model-gradcheck';
