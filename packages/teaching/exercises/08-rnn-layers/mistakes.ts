/**
 * Known mistakes of exercise 08 (instructors only): each is a patch of solution.ts and what the student is told when
 * their outputs match it. `pnpm teach mistakes` records their outputs into signatures.json.
 */
import type { Mistake } from '@rnnlab/teaching';

export const mistakes: Mistake[] = [
  {
    id: 'recurrent-term-transposed',
    fn: 'rnnStepForward',
    message: 'you multiplied prevH by Whᵀ: batch-major, the recurrent term is prevH·Wh ([N, H]·[H, H]), not prevH·Whᵀ',
    patch: { search: 'add(matmul(x, Wx), matmul(prevH, Wh))', replace: 'add(matmul(x, Wx), matmul(prevH, Wh, { transB: true }))' },
  },
  {
    id: 'tanh-derivative-1-minus-h',
    fn: 'rnnStepBackward',
    message: 'you wrote tanh′ as 1 − h; it is 1 − h² (h = tanh(a), and tanh′(a) = 1 − tanh²(a))',
    patch: { search: 'sub(ones(nextH.shape), mul(nextH, nextH))', replace: 'sub(ones(nextH.shape), nextH)' },
  },
  {
    id: 'sigmoid-derivative-of-the-output',
    fn: 'rnnStepBackward',
    message: 'you applied the sigmoid again to its output: σ′(a) = σ(a)·(1 − σ(a)) = h·(1 − h) with h = nextH, not σ(h)·(1 − σ(h))',
    patch: [
      { search: 'mul(nextH, sub(ones(nextH.shape), nextH))', replace: 'mul(sigmoid(nextH), sub(ones(nextH.shape), sigmoid(nextH)))' },
    ],
  },
  {
    id: 'dwh-transposed',
    fn: 'rnnStepBackward',
    message: 'dWh is transposed: dWh = prevHᵀ·da ([H, N]·[N, H]); you computed daᵀ·prevH',
    patch: { search: 'dWh: matmul(prevH, da, { transA: true })', replace: 'dWh: matmul(da, prevH, { transA: true })' },
  },
  {
    id: 'dprevh-without-transpose',
    fn: 'rnnStepBackward',
    message: 'dprevH = da·Whᵀ: the forward pass multiplied prevH by Wh, so the gradient goes back through Wh transposed',
    patch: { search: 'dprevH: matmul(da, Wh, { transB: true })', replace: 'dprevH: matmul(da, Wh)' },
  },
  {
    id: 'hidden-state-not-carried',
    fn: 'rnnForward',
    message: 'every step starts from h0: carry the hidden state, so that step t reads the nextH of step t − 1',
    patch: { search: '    prevH = nextH; // the state carried to the next step\n', replace: '' },
  },
  {
    id: 'dhnext-not-added',
    fn: 'rnnBackward',
    message: 'dhnext is not added into dh: the gradient of h_t is dh[:, t, :] plus the dprevH that step t + 1 sends back through time',
    patch: { search: 'rnnStepBackward(add(getTimeStep(dh, t), dnext), stepCache)', replace: 'rnnStepBackward(getTimeStep(dh, t), stepCache)' },
  },
  {
    id: 'weight-gradients-not-summed-over-time',
    fn: 'rnnBackward',
    message: 'the weights are shared by every step, so dWx, dWh and db add up over the time steps; you kept only the last one computed (step 0)',
    patch: [
      { search: 'dWx = add(dWx, step.dWx);', replace: 'dWx = step.dWx;' },
      { search: 'dWh = add(dWh, step.dWh);', replace: 'dWh = step.dWh;' },
      { search: 'db = add(db, step.db);', replace: 'db = step.db;' },
    ],
  },
  {
    id: 'dwh-uses-current-state',
    fn: 'rnnBackward',
    message: 'step t multiplies the PREVIOUS state h_{t−1} by Wh (h0 at t = 0), so dWh = Σ_t h_{t−1}ᵀ·da_t; you used h_t',
    patch: { search: 'const prevH = t === 0 ? h0 : getTimeStep(h, t - 1);', replace: 'const prevH = getTimeStep(h, t);' },
  },
  {
    id: 'embedding-backward-overwrites',
    fn: 'wordEmbeddingBackward',
    message: 'dW[x[n, t]] is overwritten instead of accumulated: an id used several times must collect the sum of all its gradients (np.add.at, not dW[x] = dout)',
    patch: { search: 'dW.set(dW.get(id, d) + dout.get(n, t, d), id, d);', replace: 'dW.set(dout.get(n, t, d), id, d);' },
  },
  {
    id: 'affine-dw-transposed',
    fn: 'temporalAffineBackward',
    message: 'dw is transposed: dw = xᵀ·dout ([D, N·T]·[N·T, M] = [D, M], the shape of w)',
    patch: { search: 'matmul(x.reshape([N * T, D]), g, { transA: true })', replace: 'matmul(g, x.reshape([N * T, D]), { transA: true })' },
  },
  {
    id: 'mask-ignored',
    fn: 'temporalSoftmaxLoss',
    message: 'the mask is ignored: a step whose mask is 0 (padding) must add nothing to the loss and get a zero gradient',
    patch: { search: 'const m = mask === undefined ? 1 : mask.get(n, t);', replace: 'const m = 1;' },
  },
  {
    id: 'mask-on-loss-only',
    fn: 'temporalSoftmaxLoss',
    message: 'the mask drops masked steps from the loss but not from dx: their gradient must be 0 too',
    patch: { search: 'dx.set((m * (e[v] / total - (v === target ? 1 : 0))) / N, n, t, v);', replace: 'dx.set((e[v] / total - (v === target ? 1 : 0)) / N, n, t, v);' },
  },
  {
    id: 'loss-divided-by-t',
    fn: 'temporalSoftmaxLoss',
    message: 'the loss is summed over time and divided by the batch size N (cs231n), not by the number of steps T',
    patch: [
      { search: 'return { loss: loss / N, dx };', replace: 'return { loss: loss / T, dx };' },
      { search: 'dx.set((m * (e[v] / total - (v === target ? 1 : 0))) / N, n, t, v);', replace: 'dx.set((m * (e[v] / total - (v === target ? 1 : 0))) / T, n, t, v);' },
    ],
  },
  {
    id: 'loss-averaged-over-n-and-t',
    fn: 'temporalSoftmaxLoss',
    message: 'you averaged the loss over N·T steps; cs231n sums it over time and divides by N only (so a longer sequence has a larger loss)',
    patch: [
      { search: 'return { loss: loss / N, dx };', replace: 'return { loss: loss / (N * T), dx };' },
      { search: 'dx.set((m * (e[v] / total - (v === target ? 1 : 0))) / N, n, t, v);', replace: 'dx.set((m * (e[v] / total - (v === target ? 1 : 0))) / (N * T), n, t, v);' },
    ],
  },
  {
    id: 'softmax-without-max',
    fn: 'temporalSoftmaxLoss',
    message: 'the scores are not shifted by their maximum: exp(1000) is Infinity (and Infinity / Infinity is NaN); subtract each row’s max before exp',
    patch: { search: 'const top = Math.max(...scores);', replace: 'const top = 0;' },
  },
];
