/**
 * Weights exchanged with PyTorch, checked against PyTorch itself (Debian's /usr/bin/python3 with python3-torch;
 * CI installs it, see .ci/run): `rnnlab export --format torch` then packages/cli/python/rnnlab_torch.py's
 * load_rnnlab gives the same scores as rnnlab's model to 1e-10, for an LSTM, a GRU, a vanilla RNN and min-char-rnn,
 * character and word level; a model made in torch, saved with save_rnnlab and brought in with `rnnlab import`, gives
 * torch's scores to 1e-10 and samples; and the README's continue-training snippet runs as written and its result imports.
 *
 * Without torch on this machine the tests are skipped, unless RNNLAB_REQUIRE_TORCH=1 (CI) makes that a failure.
 */
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CharVocab, RecurrentLM, Tensor, loadCheckpoint, loadCorpus } from '@rnnlab/core';
import type { LoadedCheckpoint } from '@rnnlab/core';
import { REPO_ROOT, TINY, runCli, tempDirs, wordCorpus } from './run-cli';

const PYTHON = '/usr/bin/python3';
const SCRIPT = fileURLToPath(new URL('./torch_interop.py', import.meta.url));
const hasTorch = spawnSync(PYTHON, ['-c', 'import torch, numpy'], { encoding: 'utf8' }).status === 0;
if (!hasTorch && process.env.RNNLAB_REQUIRE_TORCH === '1') {
  throw new Error(`${PYTHON} cannot import torch and numpy, and RNNLAB_REQUIRE_TORCH=1: apt-get install -y python3-torch python3-numpy`);
}

const dirs = tempDirs();
afterAll(() => dirs.removeAll());

/** One Python process for the whole file (torch takes seconds to import): one JSON request per line, answered in order. */
let worker: ReturnType<typeof spawn> | null = null;
const pending: { resolve(value: unknown): void; reject(error: Error): void }[] = [];
beforeAll(() => {
  if (!hasTorch) return;
  worker = spawn(PYTHON, [SCRIPT, 'serve'], { env: { ...process.env, OPENBLAS_CORETYPE: '', OPENBLAS_L2_SIZE: '' }, stdio: ['pipe', 'pipe', 'inherit'] });
  let buffer = '';
  worker.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    buffer += chunk;
    for (let nl = buffer.indexOf('\n'); nl >= 0; nl = buffer.indexOf('\n')) {
      const answer = JSON.parse(buffer.slice(0, nl)) as { result?: unknown; error?: string };
      buffer = buffer.slice(nl + 1);
      const waiter = pending.shift()!;
      if (answer.error !== undefined) waiter.reject(new Error(`torch_interop.py: ${answer.error}`));
      else waiter.resolve(answer.result);
    }
  });
});
afterAll(() => worker?.stdin!.end());

const python = (...args: string[]): Promise<unknown> =>
  new Promise((resolve, reject) => {
    pending.push({ resolve, reject });
    worker!.stdin!.write(`${JSON.stringify(args)}\n`);
  });

/** rnnlab's scores [T][V] for `ids`, from a checkpoint of any kind. */
function ourScores(checkpoint: LoadedCheckpoint, ids: number[]): number[][] {
  const { state } = checkpoint;
  if (state.kind === 'min-char-rnn') {
    // min-char-rnn's step: h = tanh(Wxh[:, x] + Whh·h + bh), y = Why·h + by.
    const { params, hiddenSize: H, vocabSize: V } = state.session.model;
    let h = new Array<number>(H).fill(0);
    return ids.map((x) => {
      h = h.map((_, i) => Math.tanh(params.Wxh[i * V + x] + params.bh[i] + h.reduce((s, hj, j) => s + params.Whh[i * H + j] * hj, 0)));
      return Array.from({ length: V }, (_, k) => params.by[k] + h.reduce((s, hi, i) => s + params.Why[k * H + i] * hi, 0));
    });
  }
  const { model, params } = state.kind === 'recurrent-lm' ? state.session : state.model;
  const lm = RecurrentLM.fromParams(model, params);
  const scores = lm.forward(new Tensor(Float64Array.from(ids), [1, ids.length]), undefined, { train: false });
  const V = model.vocabSize;
  return ids.map((_, t) => Array.from(scores.data.subarray(t * V, (t + 1) * V)));
}

function maxDifference(a: number[][], b: number[][]): number {
  expect(a.length).toBe(b.length);
  let worst = 0;
  a.forEach((row, t) => row.forEach((v, k) => (worst = Math.max(worst, Math.abs(v - b[t][k])))));
  return worst;
}

const IDS = [3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 8, 9, 7, 9, 3, 2, 3, 8, 4];

describe.skipIf(!hasTorch)('rnnlab → PyTorch: export, then load_rnnlab gives the same scores to 1e-10', () => {
  it.each([
    ['lstm, 2 layers, dropout', [...TINY, '--model', 'lstm', '--layers', '2', '--dropout', '0.1']],
    ['gru', [...TINY, '--model', 'gru']],
    ['rnn, 2 layers', [...TINY, '--model', 'rnn', '--layers', '2']],
    ['lstm on words (an embedding)', [...TINY, '--model', 'lstm', '--data', 'words.txt', '--level', 'word']],
    ['min-char-rnn', ['--data', 'names', '--model', 'min-char-rnn', '--hidden', '12']],
  ])('%s', async (_name, args) => {
    const cwd = dirs.make();
    writeFileSync(join(cwd, 'words.txt'), wordCorpus());
    expect(runCli(['train', ...args, '--iterations', '8', '--out', 'run'], { cwd }).status).toBe(0);
    const r = runCli(['export', 'run', 'model.safetensors', '--format', 'torch'], { cwd });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const ours = ourScores(loadCheckpoint(join(cwd, 'run', 'checkpoint.json')), IDS.map((i) => i % 12));
    const theirs = (await python('logits', join(cwd, 'model.safetensors'), JSON.stringify(IDS.map((i) => i % 12)))) as number[][];
    expect(maxDifference(ours, theirs)).toBeLessThan(1e-10);
  });

  it('an echo state network is refused: torch.nn has no counterpart', () => {
    const cwd = dirs.make();
    expect(runCli(['train', ...TINY, '--model', 'esn', '--iterations', '2', '--out', 'run'], { cwd }).status).toBe(0);
    const r = runCli(['export', 'run', 'model.safetensors', '--format', 'torch'], { cwd });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('an echo state network (esn) has no torch.nn counterpart');
  });
});

describe.skipIf(!hasTorch)('PyTorch → rnnlab: save_rnnlab, then rnnlab import gives torch\'s scores to 1e-10', () => {
  const vocab = CharVocab.fromText('abcdefghijklmnopqrstuvwxyz .\n');
  it.each([
    ['lstm', '2', '10', 'none'],
    ['gru', '1', '7', 'none'],
    ['rnn', '3', '5', 'none'],
    ['lstm', '1', '6', '4'],
  ])('a %s of %s layer(s), hidden %s, embedding %s', async (cell, layers, hidden, embed) => {
    const cwd = dirs.make();
    const torchScores = (await python('make', cell, layers, hidden, embed, '7', JSON.stringify(vocab.toJSON()), join(cwd, 't.safetensors'), JSON.stringify(IDS))) as number[][];
    const r = runCli(['import', 't.safetensors', 'model.json'], { cwd });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(maxDifference(ourScores(loadCheckpoint(join(cwd, 'model.json')), IDS), torchScores)).toBeLessThan(1e-10);
    const sample = runCli(['sample', 'model.json', '--length', '20', '--prime', 'the '], { cwd });
    expect(sample.status).toBe(0);
    expect(Array.from(sample.stdout.trim())).toHaveLength(24);
    const resume = runCli(['train', '--resume', 'model.json'], { cwd });
    expect(resume.status).toBe(1);
  });

  it('the README\'s Python snippet, run as written (30 steps instead of 1000, on names), trains an export; the result imports and samples', () => {
    const cwd = dirs.make();
    writeFileSync(join(cwd, 'names.txt'), loadCorpus('names').text);
    expect(runCli(['train', ...TINY, '--data', 'names.txt', '--iterations', '5', '--out', 'run'], { cwd }).status).toBe(0);
    expect(runCli(['export', 'run', 'model.safetensors', '--format', 'torch'], { cwd }).status).toBe(0);
    const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
    const snippet = /```python\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(snippet).toBeDefined();
    const script = (snippet as string)
      .replace("'packages/cli/python'", JSON.stringify(join(REPO_ROOT, 'packages/cli/python')))
      .replace("'data/tinyshakespeare.txt'", JSON.stringify(join(cwd, 'names.txt')))
      .replace('range(1000)', 'range(30)')
      .concat('\nprint(loss.item())\n');
    writeFileSync(join(cwd, 'snippet.py'), script);
    const r = spawnSync(PYTHON, ['snippet.py'], { cwd, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(Number(r.stdout.trim())).toBeLessThan(Math.log(30)); // below a uniform guess over the names' 28 characters
    expect(runCli(['import', 'trained.safetensors', 'trained.json'], { cwd }).status).toBe(0);
    expect(runCli(['sample', 'trained.json', '--length', '30'], { cwd }).status).toBe(0);
  });

  it('a file that is not a safetensors export is refused, naming it', () => {
    const cwd = dirs.make();
    writeFileSync(join(cwd, 'junk.safetensors'), 'not safetensors at all');
    const r = runCli(['import', 'junk.safetensors', 'model.json'], { cwd });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('junk.safetensors: says its header has');
  });
});
