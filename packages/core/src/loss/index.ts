export { temporalSoftmaxLoss } from './temporal-softmax';
