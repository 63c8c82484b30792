/**
 * The appendix of the Word document: the source code of the model that was trained, read from @rnnlab/core's src/
 * folder (which the package ships). For min-char-rnn, the port and, line by line, what in it does what each statement
 * of Karpathy's min-char-rnn.py does; for the batched models, the cell's layer, the language model, the output layer,
 * the loss and the optimizer the run used.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { ModelSettings } from '../train/plan';

/** A source file: its path inside the core package (e.g. src/lm/min-char-rnn.ts) and its text. */
export interface SourceFile {
  path: string;
  text: string;
}

/** One statement of min-char-rnn.py and where the port does the same: a function, and the line found by `anchor`. */
export interface Correspondence {
  original: string;
  port: string;
  anchor: string;
  /** The 1-based line of the port where `anchor` first occurs; null when it is not found. */
  line: number | null;
}

/** The folder of the installed @rnnlab/core (its package.json's folder). */
export function corePackageDir(): string {
  // The package's main is dist/index.js; its folder's parent is the package.
  return dirname(dirname(require.resolve('@rnnlab/core')));
}

/** The core files of the model `settings` describe, as paths inside the core package. */
export function modelSourcePaths(settings: ModelSettings): string[] {
  if (settings.model === 'min-char-rnn') return ['src/lm/min-char-rnn.ts'];
  const files = [`src/layers/${settings.model}.ts`, 'src/lm/recurrent-lm.ts', 'src/layers/temporal-affine.ts', 'src/loss/temporal-softmax.ts'];
  if (settings.embeddingSize !== null) files.splice(1, 0, 'src/layers/embedding.ts');
  return [...files, `src/optim/${settings.optimizer}.ts`, 'src/optim/clip.ts'];
}

/** Reads the model's core files. A file missing from the installed package is a one-line error naming it. */
export function readModelSources(settings: ModelSettings, root = corePackageDir()): SourceFile[] {
  return modelSourcePaths(settings).map((path) => {
    const full = join(root, path);
    if (!existsSync(full)) throw new Error(`the source of the model, ${full}, is missing from the installed @rnnlab/core`);
    return { path, text: readFileSync(full, 'utf8') };
  });
}

/** min-char-rnn.py's statements, in its order, with the function of the port that does each and a text to find. */
const MIN_CHAR_RNN_MAP: Omit<Correspondence, 'line'>[] = [
  { original: 'chars = list(set(data)); char_to_ix = { ch:i for i,ch in enumerate(chars) }', port: 'CharVocab.fromText (core data/vocab.ts): sorted, so a seed gives one run', anchor: '' },
  { original: 'Wxh = np.random.randn(hidden_size, vocab_size)*0.01  (Whh, Why likewise)', port: 'constructor: draw(H, V), draw(H, H), draw(V, H) from RandomState(seed)', anchor: 'Wxh: draw(H, V)' },
  { original: 'bh = np.zeros((hidden_size, 1)); by = np.zeros((vocab_size, 1))', port: 'constructor', anchor: 'bh: zeros([H, 1])' },
  { original: 'def lossFun(inputs, targets, hprev):', port: 'lossFun (checks its arguments), forwardBackward', anchor: 'lossFun(inputs' },
  { original: 'hs[t] = np.tanh(np.dot(Wxh, xs[t]) + np.dot(Whh, hs[t-1]) + bh)', port: 'hiddenStep', anchor: 'function hiddenStep' },
  { original: 'ys[t] = np.dot(Why, hs[t]) + by; ps[t] = np.exp(ys[t]) / np.sum(np.exp(ys[t]))', port: 'probabilities (numpy\'s pairwise sum)', anchor: 'function probabilities' },
  { original: 'loss += -np.log(ps[t][targets[t],0])', port: 'forwardBackward', anchor: 'loss += -Math.log' },
  { original: 'dy = np.copy(ps[t]); dy[targets[t]] -= 1', port: 'forwardBackward', anchor: 'dy[ys[t]] -= 1' },
  { original: 'dWhy += np.dot(dy, hs[t].T); dby += dy', port: 'forwardBackward', anchor: 'dby[k] += dy[k]' },
  { original: 'dh = np.dot(Why.T, dy) + dhnext; dhraw = (1 - hs[t] * hs[t]) * dh', port: 'forwardBackward', anchor: 'dhraw[i] = ' },
  { original: 'dbh += dhraw; dWxh += np.dot(dhraw, xs[t].T); dWhh += np.dot(dhraw, hs[t-1].T)', port: 'forwardBackward', anchor: 'dbh[i] += dhraw[i]' },
  { original: 'dhnext = np.dot(Whh.T, dhraw)', port: 'forwardBackward', anchor: 'dhnext.fill(0)' },
  { original: 'np.clip(dparam, -5, 5, out=dparam)   (inside lossFun)', port: 'step, after lossFun: lossFun returns unclipped gradients, so the gradient check is right', anchor: 'np.clip' },
  { original: 'def sample(h, seed_ix, n): … ix = np.random.choice(range(vocab_size), p=p.ravel())', port: 'sample (rng.choice is numpy\'s choice)', anchor: 'sample(seedIx' },
  { original: 'if p+seq_length+1 >= len(data) or n == 0: hprev = np.zeros(…); p = 0', port: 'step (the reset is checked after each step)', anchor: 'this.p + T + 1 >= data.length' },
  { original: 'smooth_loss = smooth_loss * 0.999 + loss * 0.001', port: 'step', anchor: 'this.smooth * 0.999' },
  { original: 'mem += dparam * dparam; param += -learning_rate * dparam / np.sqrt(mem + 1e-8)', port: 'step (Adagrad)', anchor: 'mem[i] += g * g' },
  { original: 'p += seq_length; n += 1', port: 'step', anchor: 'this.p += T' },
];

/** The correspondence table for the port's text `port` (lines found by their anchors). */
export function minCharRnnCorrespondence(port: string): Correspondence[] {
  const lines = port.split('\n');
  return MIN_CHAR_RNN_MAP.map((entry) => {
    const index = entry.anchor === '' ? -1 : lines.findIndex((l) => l.includes(entry.anchor));
    return { ...entry, line: index < 0 ? null : index + 1 };
  });
}
