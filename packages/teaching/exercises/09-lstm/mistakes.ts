/**
 * Known mistakes of exercise 09 (instructors only): each is a patch of solution.ts and what the student is told when
 * their outputs match it. `pnpm teach mistakes` records their outputs into signatures.json.
 */
import type { Mistake } from '@rnnlab/teaching';

const destructure = 'const { x, prevH, prevC, Wx, Wh, gates, tanhC } = cache;';
const withNextC = 'const { x, prevH, prevC, Wx, Wh, gates, tanhC, nextC } = cache;';

export const mistakes: Mistake[] = [
  {
    id: 'forget-output-gates-swapped',
    fn: 'lstmStepForward',
    message: 'forget and output gates swapped: the gate order is i, f, o, g, so f = σ(a[:, H:2H]) and o = σ(a[:, 2H:3H])',
    patch: [
      { search: 'const f = sigmoid(columns(a, H, 2 * H));', replace: 'const f = sigmoid(columns(a, 2 * H, 3 * H));' },
      { search: 'const o = sigmoid(columns(a, 2 * H, 3 * H));', replace: 'const o = sigmoid(columns(a, H, 2 * H));' },
    ],
  },
  {
    id: 'candidate-with-sigmoid',
    fn: 'lstmStepForward',
    message: 'the candidate values g use tanh, not the sigmoid: g = tanh(a[:, 3H:4H]) lies in (−1, 1), so the cell state can go down as well as up',
    patch: { search: 'const g = tanh(columns(a, 3 * H, 4 * H));', replace: 'const g = sigmoid(columns(a, 3 * H, 4 * H));' },
  },
  {
    id: 'cell-update-without-forget-gate',
    fn: 'lstmStepForward',
    message: 'the forget gate is missing from the cell update: nextC = f ⊙ prevC + i ⊙ g',
    patch: { search: 'const nextC = add(mul(f, prevC), mul(i, g));', replace: 'const nextC = add(prevC, mul(i, g));' },
  },
  {
    id: 'hidden-without-tanh-of-c',
    fn: 'lstmStepForward',
    message: 'nextH = o ⊙ tanh(nextC): the cell state goes through a tanh before the output gate',
    patch: { search: 'const nextH = mul(o, tanhC);', replace: 'const nextH = mul(o, nextC);' },
  },
  {
    id: 'dnextc-not-added',
    fn: 'lstmStepBackward',
    message: 'the cell state gradient is missing the dnext_c carry: dc = dnextC + dnextH ⊙ o ⊙ (1 − tanh²(nextC)); the first term is what reaches c_t directly from step t + 1',
    patch: {
      search: 'const dc = add(dnextC, mul(mul(dnextH, o), sub(one, mul(tanhC, tanhC))));',
      replace: 'const dc = mul(mul(dnextH, o), sub(one, mul(tanhC, tanhC)));',
    },
  },
  {
    id: 'tanh-derivative-at-c',
    fn: 'lstmStepBackward',
    message: 'dc through tanh(c) uses c instead of tanh(c): the derivative of tanh at nextC is 1 − tanh²(nextC) = 1 − tanhC², not 1 − nextC²',
    patch: [
      { search: destructure, replace: withNextC },
      { search: 'sub(one, mul(tanhC, tanhC))', replace: 'sub(one, mul(nextC, nextC))' },
    ],
  },
  {
    id: 'gate-gradients-f-o-swapped',
    fn: 'lstmStepBackward',
    message: 'forget and output gates swapped in da: the four gradients go side by side in the gate order i, f, o, g (as the columns of Wx, Wh and b)',
    patch: {
      search: '    mul(df, mul(f, sub(one, f))),\n    mul(dO, mul(o, sub(one, o))),',
      replace: '    mul(dO, mul(o, sub(one, o))),\n    mul(df, mul(f, sub(one, f))),',
    },
  },
  {
    id: 'sigmoid-derivative-as-tanh',
    fn: 'lstmStepBackward',
    message: 'the sigmoid gates’ derivative is s·(1 − s) (σ′ = σ(1 − σ)); you used 1 − s², the derivative of tanh',
    patch: [
      { search: 'mul(di, mul(i, sub(one, i)))', replace: 'mul(di, sub(one, mul(i, i)))' },
      { search: 'mul(df, mul(f, sub(one, f)))', replace: 'mul(df, sub(one, mul(f, f)))' },
      { search: 'mul(dO, mul(o, sub(one, o)))', replace: 'mul(dO, sub(one, mul(o, o)))' },
    ],
  },
  {
    id: 'dprevc-without-forget-gate',
    fn: 'lstmStepBackward',
    message: 'dprevC = dc ⊙ f: prevC enters the step multiplied by the forget gate',
    patch: { search: 'dprevC: mul(dc, f),', replace: 'dprevC: dc,' },
  },
  {
    id: 'output-gate-gradient-uses-c',
    fn: 'lstmStepBackward',
    message: 'the output gate multiplies tanh(nextC), so its gradient is dnextH ⊙ tanh(nextC), not dnextH ⊙ nextC',
    patch: [
      { search: destructure, replace: withNextC },
      { search: 'const dO = mul(dnextH, tanhC);', replace: 'const dO = mul(dnextH, nextC);' },
    ],
  },
  {
    id: 'cell-state-not-carried',
    fn: 'lstmForward',
    message: 'every step starts from c0: carry the cell state, so that step t reads the nextC of step t − 1 (as the hidden state)',
    patch: { search: '    prevC = step.nextC; // the cell state carried to the next step\n', replace: '' },
  },
  {
    id: 'c0-ignored',
    fn: 'lstmForward',
    message: 'options.c0 is ignored: the first step’s prevC is options.c0 when it is given (zeros only when it is not)',
    patch: { search: 'const c0 = options.c0 ?? zeros([N, H]);', replace: 'const c0 = zeros([N, H]);' },
  },
  {
    id: 'dhnext-not-added',
    fn: 'lstmBackward',
    message: 'dhnext is not added into dh: step t gets dh[:, t, :] plus the dprevH that step t + 1 sends back',
    patch: { search: 'lstmStepBackward(add(getTimeStep(dh, t), dnextH), dnextC, stepCache)', replace: 'lstmStepBackward(getTimeStep(dh, t), dnextC, stepCache)' },
  },
  {
    id: 'dc-not-carried-through-time',
    fn: 'lstmBackward',
    message: 'the cell state’s gradient is not carried back through time: the dprevC of step t + 1 is the dnextC of step t',
    patch: { search: '    dnextC = step.dprevC;\n', replace: '' },
  },
  {
    id: 'dct-ignored',
    fn: 'lstmBackward',
    message: 'options.dcT is ignored: it is the gradient reaching the last cell state, the dnextC of the last step',
    patch: { search: 'let dnextC = options.dcT ?? zeros([N, H]);', replace: 'let dnextC = zeros([N, H]);' },
  },
  {
    id: 'model-h0-ignored',
    fn: 'testRnnLoss',
    message: 'options.h0 is ignored: the cell starts from h0 when it is given (zeros only when it is not)',
    patch: { search: 'const h0 = options.h0 ?? zeros([N, H]);', replace: 'const h0 = zeros([N, H]);' },
  },
  {
    id: 'model-mask-dropped',
    fn: 'testRnnLoss',
    message: 'the mask is not passed to the loss: temporalSoftmaxLoss(scores, y, mask), so that padded steps count for nothing',
    patch: { search: 'temporalSoftmaxLoss(scores.out, y, mask)', replace: 'temporalSoftmaxLoss(scores.out, y)' },
  },
  {
    id: 'model-targets-are-the-inputs',
    fn: 'testRnnLoss',
    message: 'the loss compares the scores with the inputs x; the targets are y (the ids that come next, cs231n’s captions_out)',
    patch: { search: 'temporalSoftmaxLoss(scores.out, y, mask)', replace: 'temporalSoftmaxLoss(scores.out, x, mask)' },
  },
  {
    id: 'model-c0-from-h0',
    fn: 'testRnnLoss',
    message: 'the LSTM’s cell state starts at zero (as cs231n’s lstm_forward); h0 is the initial hidden state only, not c0',
    patch: { search: 'coreLstmForward(embedded.out, h0, Wx, Wh, b)', replace: 'coreLstmForward(embedded.out, h0, Wx, Wh, b, { c0: h0 })' },
  },
];
