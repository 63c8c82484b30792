export { evalNumericalGradient, evalNumericalGradientArray, relError } from './numerical';
export { sparseGradCheck, formatGradCheckTable } from './sparse';
export type {
  SparseGradCheckOptions,
  SparseGradCheckReport,
  LossAndGrads,
  GradCheckRow,
  GradCheckParamSummary,
  GradCheckTimeStepSummary,
} from './sparse';
