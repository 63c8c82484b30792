/**
 * The appendix of the Word document: the source code of the model that was trained, read from @rnnlab/core's src/
 * folder (which the package ships beside dist/). For min-char-rnn, the port, the readable twin of its WebAssembly
 * kernels (the plain loops the kernels are held to, bit for bit) and Adagrad, with a table of what in them does what
 * each statement of Karpathy's min-char-rnn.py does; for the batched models, the cell's layer and its recurrence (fast
 * and readable), the language model, the output layer, the loss, dropout when used and the optimizer the run used.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { RunError } from '../errors';
import type { ModelSettings } from '../train/plan';

/** A source file: its path inside the core package (e.g. src/lm/min-char-rnn.ts) and its text. */
export interface SourceFile {
  path: string;
  text: string;
}

/**
 * One statement of min-char-rnn.py and where the port does the same: what does it, in which file (inside the core
 * package), and the line where `anchor` first occurs in that file.
 */
export interface Correspondence {
  original: string;
  port: string;
  file: string;
  anchor: string;
  /** The 1-based line of `file` where `anchor` first occurs; null when the file is not in the appendix or lacks it. */
  line: number | null;
}

/** The folder of the installed @rnnlab/core (its package.json's folder). */
export function corePackageDir(): string {
  // The package's main is dist/index.js; its folder's parent is the package.
  return dirname(dirname(require.resolve('@rnnlab/core')));
}

/** The core files of the model `settings` describe, as paths inside the core package. */
export function modelSourcePaths(settings: ModelSettings): string[] {
  if (settings.model === 'min-char-rnn') return ['src/lm/min-char-rnn.ts', 'src/lm/min-char-readable.ts', 'src/optim/adagrad.ts'];
  return [
    `src/layers/${settings.model}.ts`, `src/layers/${settings.model}-recurrence.ts`,
    ...(settings.embeddingSize === null ? [] : ['src/layers/embedding.ts']),
    ...(settings.dropout > 0 ? ['src/layers/dropout.ts'] : []),
    'src/lm/recurrent-lm.ts', 'src/layers/temporal-affine.ts', 'src/loss/temporal-softmax.ts', `src/optim/${settings.optimizer}.ts`, 'src/optim/clip.ts',
  ];
}

/** Reads the model's core files. A file missing from the installed package is a one-line error naming it. */
export function readModelSources(settings: ModelSettings, root = corePackageDir()): SourceFile[] {
  return modelSourcePaths(settings).map((path) => {
    const full = join(root, path);
    if (!existsSync(full)) throw new RunError(`the source of the model, ${full}, is missing from the installed @rnnlab/core; expected the package with its src/ folder.`);
    return { path, text: readFileSync(full, 'utf8') };
  });
}

const PORT = 'src/lm/min-char-rnn.ts';
const READABLE = 'src/lm/min-char-readable.ts';
const ADAGRAD = 'src/optim/adagrad.ts';

/** min-char-rnn.py's statements, in its order, with what in rnnlab does each, its file and a text to find there. */
const MIN_CHAR_RNN_MAP: Omit<Correspondence, 'line'>[] = [
  { original: 'chars = list(set(data)); char_to_ix = { ch:i for i,ch in enumerate(chars) }', port: 'CharVocab.fromText: sorted, so a seed gives one run', file: 'src/data/vocab.ts', anchor: 'static fromText' },
  { original: 'Wxh = np.random.randn(hidden_size, vocab_size)*0.01  (Whh, Why likewise)', port: 'constructor: Wxh, Whh, Why from RandomState(seed), times 0.01', file: PORT, anchor: 'this.rng.randn(' },
  { original: 'bh = np.zeros((hidden_size, 1)); by = np.zeros((vocab_size, 1))', port: 'constructor: the kernel\'s memory starts at zero', file: PORT, anchor: 'this.params = tensors(' },
  { original: 'def lossFun(inputs, targets, hprev):', port: 'MinCharRnn.lossFun (checks its arguments), on the kernels', file: PORT, anchor: 'lossFun(inputs: ArrayLike' },
  { original: 'def lossFun(inputs, targets, hprev):', port: 'lossFunReadable: the same as plain loops, the kernels\' twin', file: READABLE, anchor: 'export function lossFunReadable' },
  { original: 'hs[t] = np.tanh(np.dot(Wxh, xs[t]) + np.dot(Whh, hs[t-1]) + bh)', port: 'hiddenStep', file: READABLE, anchor: 'export function hiddenStep' },
  { original: 'ys[t] = np.dot(Why, hs[t]) + by; ps[t] = np.exp(ys[t]) / np.sum(np.exp(ys[t]))', port: 'probabilities (numpy\'s pairwise sum)', file: READABLE, anchor: 'export function probabilities' },
  { original: 'loss += -np.log(ps[t][targets[t],0])', port: 'lossFunReadable', file: READABLE, anchor: 'loss += -Math.log' },
  { original: 'dy = np.copy(ps[t]); dy[targets[t]] -= 1', port: 'lossFunReadable', file: READABLE, anchor: 'dy[ys[t]] -= 1' },
  { original: 'dWhy += np.dot(dy, hs[t].T); dby += dy', port: 'lossFunReadable', file: READABLE, anchor: 'g.by[k] += dy[k]' },
  { original: 'dh = np.dot(Why.T, dy) + dhnext; dhraw = (1 - hs[t] * hs[t]) * dh', port: 'lossFunReadable', file: READABLE, anchor: 'dhraw[i] = ' },
  { original: 'dbh += dhraw; dWxh += np.dot(dhraw, xs[t].T); dWhh += np.dot(dhraw, hs[t-1].T)', port: 'lossFunReadable', file: READABLE, anchor: 'g.bh[i] += dhraw[i]' },
  { original: 'dhnext = np.dot(Whh.T, dhraw)', port: 'lossFunReadable', file: READABLE, anchor: 'dhnext.fill(0)' },
  { original: 'np.clip(dparam, -5, 5, out=dparam)   (inside lossFun)', port: 'step, after lossFun: lossFun returns unclipped gradients, so the gradient check is right', file: PORT, anchor: 'np.clip' },
  { original: 'def sample(h, seed_ix, n): … ix = np.random.choice(range(vocab_size), p=p.ravel())', port: 'sample (rng.choice is numpy\'s choice)', file: PORT, anchor: 'rng.choice(this.vocabSize' },
  { original: 'if p+seq_length+1 >= len(data) or n == 0: hprev = np.zeros(…); p = 0', port: 'step (the reset is checked after each step)', file: PORT, anchor: 'this.p + T + 1 >= data.length' },
  { original: 'smooth_loss = smooth_loss * 0.999 + loss * 0.001', port: 'step', file: PORT, anchor: 'this.smooth * 0.999' },
  { original: 'mem += dparam * dparam; param += -learning_rate * dparam / np.sqrt(mem + 1e-8)', port: 'adagradUpdate (the kernel\'s Adagrad is held to it bit for bit)', file: ADAGRAD, anchor: 'mem[i] += g * g' },
  { original: 'p += seq_length; n += 1', port: 'step', file: PORT, anchor: 'this.p += T' },
];

/** The correspondence table, with the line of each anchor in `sources` (null for a file not among them). */
export function minCharRnnCorrespondence(sources: SourceFile[]): Correspondence[] {
  return MIN_CHAR_RNN_MAP.map((entry) => {
    const source = sources.find((f) => f.path === entry.file);
    const index = source === undefined ? -1 : source.text.split('\n').findIndex((l) => l.includes(entry.anchor));
    return { ...entry, line: index < 0 ? null : index + 1 };
  });
}
