/**
 * Known mistakes of exercise 07 (instructors only): each is a patch of solution.ts and what the student is told when
 * their outputs match it. `pnpm teach mistakes` records their outputs into signatures.json.
 */
import type { Mistake } from '@rnnlab/teaching';

export const mistakes: Mistake[] = [
  {
    id: 'one-sided-difference',
    fn: 'evalNumericalGradient',
    message: 'you used the one-sided difference (f(x + h) − f(x)) / h, whose error is O(h); the centred difference (f(x + h) − f(x − h)) / 2h is O(h²)',
    patch: [
      { search: '    x.data[i] = old - h;\n    const fMinus = f(x); // f(x − h·e_i)', replace: '    x.data[i] = old;\n    const fMinus = f(x); // f(x)' },
      { search: 'grad.data[i] = (fPlus - fMinus) / (2 * h);', replace: 'grad.data[i] = (fPlus - fMinus) / h;' },
    ],
  },
  {
    id: 'centred-difference-over-h',
    fn: 'evalNumericalGradient',
    message: 'f(x + h) and f(x − h) are 2h apart: divide their difference by 2h, not by h (your gradient is twice too large)',
    patch: { search: 'grad.data[i] = (fPlus - fMinus) / (2 * h);', replace: 'grad.data[i] = (fPlus - fMinus) / h;' },
  },
  {
    id: 'x-not-restored',
    fn: 'evalNumericalGradient',
    message: 'x[i] is left at x[i] − h: put the old value back after the two calls, or every later element is measured at a moved point (and x comes back changed)',
    patch: { search: '    x.data[i] = old; // restore x before moving the next element\n', replace: '' },
  },
  {
    id: 'step-hard-coded',
    fn: 'evalNumericalGradient',
    message: 'you used h = 1e-5 whatever the caller passed; use the argument h (1e-5 is only its default)',
    patch: [
      { search: 'x.data[i] = old + h;', replace: 'x.data[i] = old + 1e-5;' },
      { search: 'x.data[i] = old - h;', replace: 'x.data[i] = old - 1e-5;' },
      { search: 'grad.data[i] = (fPlus - fMinus) / (2 * h);', replace: 'grad.data[i] = (fPlus - fMinus) / (2 * 1e-5);' },
    ],
  },
  {
    id: 'array-ignores-df',
    fn: 'evalNumericalGradientArray',
    message: 'the differences f(x + h)_j − f(x − h)_j are summed without weighting them by the upstream gradient df_j: the gradient is that of Σ f(x) ⊙ df',
    patch: { search: 'slope += (pos.data[j] - neg.data[j]) * df.data[j];', replace: 'slope += pos.data[j] - neg.data[j];' },
  },
  {
    id: 'array-output-not-copied',
    fn: 'evalNumericalGradientArray',
    message: 'f(x + h) is kept without a copy: when f returns x itself (or a view of it), moving x to x − h changes what you kept; copy it (cs231n: pos = f(x).copy())',
    patch: { search: 'const pos = f(x).clone();', replace: 'const pos = f(x);' },
  },
  {
    id: 'rel-error-without-guard',
    fn: 'relError',
    message: 'relative error without the max(1e-8, ·) guard: 0 / 0 is NaN when both entries are 0, and a gradient of 1e-9 against 0 counts as 100% wrong; divide by max(1e-8, |a| + |b|)',
    patch: {
      search: 'diff / Math.max(1e-8, Math.abs(a.data[i]) + Math.abs(b.data[i]))',
      replace: 'diff / (Math.abs(a.data[i]) + Math.abs(b.data[i]))',
    },
  },
  {
    id: 'rel-error-mean',
    fn: 'relError',
    message: 'you averaged the elementwise relative errors; cs231n’s rel_error is their maximum (np.max), so a single wrong entry shows',
    patch: { search: 'worst = Math.max(worst, error); // Math.max with a NaN is NaN: a NaN is never hidden', replace: 'worst += error / a.size;' },
  },
  {
    id: 'grad-check-rel-error-over-numerical',
    fn: 'gradCheckRelError',
    message: 'grad-check.py divides by |numerical + analytic|, not by |numerical| alone',
    patch: { search: 'Math.abs(analytic - numerical) / Math.abs(numerical + analytic);', replace: 'Math.abs(analytic - numerical) / Math.abs(numerical);' },
  },
  {
    id: 'sparse-randint',
    fn: 'sparseGradCheck',
    message: 'you drew the entry with rng.randint(0, size); the check says Math.floor(rng.uniform(0, size)) (numpy’s int(uniform(0, param.size))), which takes other numbers from the generator',
    patch: { search: 'const index = Math.floor(rng.uniform(0, p.size));', replace: 'const index = rng.randint(0, p.size);' },
  },
  {
    id: 'sparse-analytic-at-moved-params',
    fn: 'sparseGradCheck',
    message: 'the analytic gradient is taken from the loss call at θ + δ; take it from one loss(params) call before any entry is moved',
    patch: [
      { search: '  const { grads } = loss(params); // the analytic gradients, at the unmoved params\n', replace: '' },
      { search: 'const lossPlus = loss(params).loss;', replace: 'const { loss: lossPlus, grads } = loss(params);' },
    ],
  },
  {
    id: 'sparse-entry-not-restored',
    fn: 'sparseGradCheck',
    message: 'each checked entry is left at θ − δ: reset it to its saved value after the two loss calls (grad-check.py: param.flat[ri] = old_val)',
    patch: { search: '      p.data[index] = saved; // reset the entry before the next check\n', replace: '' },
  },
  {
    id: 'sparse-karpathy-rel-error',
    fn: 'sparseGradCheck',
    message: 'the rows use grad-check.py’s |a − n| / |a + n|, which is NaN for an entry whose gradient is 0 (and huge when a and n have opposite signs); use |a − n| / max(1e-8, |a| + |n|)',
    patch: {
      search: 'Math.abs(analytic - numerical) / Math.max(1e-8, Math.abs(analytic) + Math.abs(numerical));',
      replace: 'Math.abs(analytic - numerical) / Math.abs(analytic + numerical);',
    },
  },
];
