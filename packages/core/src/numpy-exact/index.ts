/**
 * Bit-exact reproductions of the floating-point functions numpy's results depend on (see ./README.md). Imported only
 * by RandomState (glibc's log, for randn) and min-char-rnn (numpy's exp, tanh and pairwise sum).
 */
export { fma } from './fma';
export { glibcLog } from './glibc-log';
export { npExp, npTanh } from './exp-tanh';
export { EXP_TH, TANH_TABLE } from './exp-tanh-data';
export { pairwiseSum } from './pairwise-sum';
