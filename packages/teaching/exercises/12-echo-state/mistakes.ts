/**
 * Known mistakes of exercise 12 (instructors only): each is a patch of solution.ts and what the student is told when
 * their outputs match it. `pnpm teach mistakes` records their outputs into signatures.json.
 */
import type { Mistake } from '@rnnlab/teaching';

export const mistakes: Mistake[] = [
  {
    id: 'esn-power-iteration-rayleigh',
    fn: 'powerIteration',
    message: 'you returned the Rayleigh quotient v·W·vᵀ, which estimates the eigenvalue λ itself (−3 here); the spectral radius is its modulus, the growth ‖v·W‖ of the unit vector v',
    patch: { search: 'estimate = norm(w); // how much W stretches v', replace: 'estimate = sum(mul(w, v)); // how much W stretches v' },
  },
  {
    id: 'esn-power-iteration-not-normalised',
    fn: 'powerIteration',
    message: 'v is not normalised between products, so ‖v·Wᵏ‖ grows like ρᵏ and overflows (100³⁰⁰ is Infinity); divide v by its norm after every product',
    patch: [
      { search: 'estimate = norm(w); // how much W stretches v', replace: 'estimate = norm(w) / norm(v); // how much W stretches v' },
      { search: 'v = scale(w, 1 / estimate);', replace: 'v = w;' },
    ],
  },
  {
    id: 'esn-radius-largest-entry',
    fn: 'initReservoir',
    message: 'W is scaled by its largest entry, not by its spectral radius: ρ(W) = max |λᵢ(W)|, the largest modulus of an eigenvalue (core’s spectralRadius(W, { rng }))',
    patch: { search: 'const current = spectralRadius(W, { rng });', replace: 'const current = Math.max(...W.data.map(Math.abs));' },
  },
  {
    id: 'esn-radius-frobenius-norm',
    fn: 'initReservoir',
    message: 'W is scaled by its Frobenius norm √Σ W²ᵢⱼ, which is at least the spectral radius and usually much larger; ρ(W) = max |λᵢ(W)| (core’s spectralRadius(W, { rng }))',
    patch: { search: 'const current = spectralRadius(W, { rng });', replace: 'const current = Math.sqrt(sum(mul(W, W)));' },
  },
  {
    id: 'esn-density-inverted',
    fn: 'initReservoir',
    message: 'the sparsity mask is inverted: an entry is kept where rand < density (so density is the fraction of nonzeros), not where rand > density',
    patch: { search: 'if (mask.data[i] < options.density)', replace: 'if (mask.data[i] > options.density)' },
  },
  {
    id: 'esn-leak-swapped',
    fn: 'reservoirStates',
    message: 'the leak rate weighs the wrong term: h_t = (1 − a)·h_{t−1} + a·h̃_t — a is the share of the NEW state (a = 1: no memory of h_{t−1} beyond W)',
    patch: { search: 'add(scale(prev, 1 - leakRate), scale(htilde, leakRate))', replace: 'add(scale(prev, leakRate), scale(htilde, 1 - leakRate))' },
  },
  {
    id: 'esn-leak-inside-tanh',
    fn: 'reservoirStates',
    message: 'the leak is applied inside the tanh; it mixes the states after it: h_t = (1 − a)·h_{t−1} + a·tanh(x_t·Win + h_{t−1}·W + b)',
    patch: [
      { search: 'const htilde = tanh(addBias(add(input, recurrent), params.b));', replace: 'const preactivation = addBias(add(input, recurrent), params.b);' },
      { search: 'add(scale(prev, 1 - leakRate), scale(htilde, leakRate)); // the leak mixes old and new', replace: 'tanh(add(scale(prev, 1 - leakRate), scale(preactivation, leakRate)));' },
    ],
  },
  {
    id: 'esn-h0-ignored',
    fn: 'reservoirStates',
    message: 'the states start from zeros instead of h0: the first step is h_1 = (1 − a)·h0 + a·tanh(x_1·Win + h0·W + b)',
    patch: { search: 'let prev = h0;', replace: 'let prev = zeros(h0.shape);' },
  },
  {
    id: 'esn-washout-from-flattened-rows',
    fn: 'dropWashout',
    message: 'the washout is dropped once, from the first rows of the flattened tensor; every sequence starts from h0, so the first steps of EVERY sequence must go',
    patch: [
      { search: 'const out = zeros([N * kept, K]);', replace: 'const out = zeros([N * T - washout, K]);' },
      { search: 'for (let t = washout; t < T; t++) {\n      for (let k = 0; k < K; k++) out.set(seq.get(n, t, k), n * kept + (t - washout), k);', replace: 'for (let t = 0; t < T; t++) {\n      if (n * T + t >= washout) for (let k = 0; k < K; k++) out.set(seq.get(n, t, k), n * T + t - washout, k);' },
    ],
  },
  {
    id: 'esn-ridge-without-lambda',
    fn: 'ridgeReadout',
    message: 'λ is missing: ridge regression adds λ to the diagonal of X̃ᵀX̃ (the weights’ part), which keeps w small and the system well conditioned',
    patch: { search: 'for (let i = 0; i < H; i++) A.set(A.get(i, i) + lambda, i, i);', replace: '' },
  },
  {
    id: 'esn-ridge-lambda-on-every-entry',
    fn: 'ridgeReadout',
    message: 'λ is added to every entry of X̃ᵀX̃; ridge regression adds λ·I, on the diagonal only (and not on the bias entry)',
    patch: { search: 'for (let i = 0; i < H; i++) A.set(A.get(i, i) + lambda, i, i);', replace: 'for (let i = 0; i < A.size; i++) A.data[i] += lambda;' },
  },
  {
    id: 'esn-ridge-bias-penalised',
    fn: 'ridgeReadout',
    message: 'λ is also added to the bias entry (the last diagonal element); the bias is not penalised, so with a huge λ it still fits the mean of the targets',
    patch: { search: 'for (let i = 0; i < H; i++) A.set(A.get(i, i) + lambda, i, i);', replace: 'for (let i = 0; i <= H; i++) A.set(A.get(i, i) + lambda, i, i);' },
  },
  {
    id: 'esn-washout-not-dropped',
    fn: 'fitReadout',
    message: 'the washout is not dropped: the first states still depend on h0 = 0 rather than on the input; leave out the first options.washout steps of every sequence, from the states and the targets',
    patch: { search: 'ridgeReadout(dropWashout(h, options.washout), dropWashout(y, options.washout), options.lambda)', replace: 'ridgeReadout(dropWashout(h, 0), dropWashout(y, 0), options.lambda)' },
  },
];
