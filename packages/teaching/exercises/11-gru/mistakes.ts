/**
 * Known mistakes of exercise 11 (instructors only): each is a patch of solution.ts and what the student is told when
 * their outputs match it. `pnpm teach mistakes` records their outputs into signatures.json.
 */
import type { Mistake } from '@rnnlab/teaching';

export const mistakes: Mistake[] = [
  {
    id: 'gru-update-gate-swapped',
    fn: 'gruStepForward',
    message: 'z and 1 − z are swapped: torch’s GRU keeps the old state where z = 1, nextH = (1 − z) ⊙ n + z ⊙ prevH (some papers write it the other way round; the weights then mean something else)',
    patch: { search: 'add(mul(oneMinusZ, n), mul(z, prevH))', replace: 'add(mul(z, n), mul(oneMinusZ, prevH))' },
  },
  {
    id: 'gru-reset-before-matmul',
    fn: 'gruStepForward',
    message: 'you applied the reset gate before the matrix product, n = tanh(x·Wxn + bxn + (r ⊙ prevH)·Whn + bhn) — Cho et al.’s original GRU; torch applies it after: n = tanh(x·Wxn + bxn + r ⊙ (prevH·Whn + bhn))',
    patch: [
      { search: 'const hn = gateBlock(ah, 2); // prevH·Whn + bhn', replace: 'const hn = gateBlock(ah, 2); // prevH·Whn + bhn\n  const resetH = addBias(matmul(mul(r, prevH), Wh), bh);' },
      { search: 'tanh(add(gateBlock(ax, 2), mul(r, hn)))', replace: 'tanh(add(gateBlock(ax, 2), gateBlock(resetH, 2)))' },
    ],
  },
  {
    id: 'gru-bhn-outside-reset',
    fn: 'gruStepForward',
    message: 'the recurrent bias bhn is added outside the reset gate; torch puts it inside: n = tanh(x·Wxn + bxn + r ⊙ (prevH·Whn + bhn))',
    patch: [
      { search: 'const hn = gateBlock(ah, 2); // prevH·Whn + bhn', replace: 'const hn = gateBlock(ah, 2); // prevH·Whn + bhn\n  const bhn = gateBlock(addBias(zeros(ah.shape), bh), 2);' },
      { search: 'tanh(add(gateBlock(ax, 2), mul(r, hn)))', replace: 'tanh(add(add(gateBlock(ax, 2), mul(r, sub(hn, bhn))), bhn))' },
    ],
  },
  {
    id: 'gru-gates-in-wrong-order',
    fn: 'gruStepForward',
    message: 'the gate blocks are taken in the wrong order: torch’s columns are r | z | n (reset first, then update, then candidate)',
    patch: [
      { search: 'const r = sigmoid(add(gateBlock(ax, 0), gateBlock(ah, 0)));', replace: 'const r = sigmoid(add(gateBlock(ax, 1), gateBlock(ah, 1)));' },
      { search: 'const z = sigmoid(add(gateBlock(ax, 1), gateBlock(ah, 1)));', replace: 'const z = sigmoid(add(gateBlock(ax, 0), gateBlock(ah, 0)));' },
    ],
  },
  {
    id: 'gru-dz-sign',
    fn: 'gruStepBackward',
    message: 'the gradient of z has the wrong sign: ∂nextH/∂z = prevH − n (from (1 − z) ⊙ n + z ⊙ prevH), not n − prevH',
    patch: { search: 'const dz = mul(dnextH, sub(prevH, n));', replace: 'const dz = mul(dnextH, sub(n, prevH));' },
  },
  {
    id: 'gru-tanh-derivative',
    fn: 'gruStepBackward',
    message: 'you wrote tanh′ as 1 − n; with n = tanh(a) it is 1 − n²',
    patch: { search: 'const dan = mul(dn, sub(one, mul(n, n)));', replace: 'const dan = mul(dn, sub(one, n));' },
  },
  {
    id: 'gru-dprevh-without-direct-path',
    fn: 'gruStepBackward',
    message: 'dprevH misses the direct path: nextH contains z ⊙ prevH, so dprevH = dnextH ⊙ z + dah·Whᵀ',
    patch: { search: 'add(mul(dnextH, z), matmul(dah, Wh, { transB: true }))', replace: 'matmul(dah, Wh, { transB: true })' },
  },
  {
    id: 'gru-dah-n-without-reset',
    fn: 'gruStepBackward',
    message: 'in the n block the gradient reaching prevH·Whn + bhn must be multiplied by r (it enters as r ⊙ (prevH·Whn + bhn)): dah_n = dan ⊙ r',
    patch: { search: 'const dah = joinGates(dar, daz, mul(dan, r));', replace: 'const dah = joinGates(dar, daz, dan);' },
  },
  {
    id: 'gru-dbh-equals-dbx',
    fn: 'gruStepBackward',
    message: 'dbh is not dbx: the two biases enter differently in the n block (bhn sits inside r ⊙ (·)), so dbh = column sums of dah = [dar, daz, dan ⊙ r]',
    patch: { search: 'dbh: sum(dah, 0),', replace: 'dbh: sum(dax, 0),' },
  },
];
