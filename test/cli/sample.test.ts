/**
 * End-to-end tests of `rnnlab sample CHECKPOINT` on checkpoints written by `rnnlab train` (a batched LSTM,
 * min-char-rnn and a word-level LSTM): a run directory or its checkpoint.json, --length (tokens after the prime),
 * --seed (same seed, same text), --argmax (no randomness), --top-k 1 = --argmax, --temperature, --prime (tokens
 * outside the vocabulary are an error listing them), and checkpoints that are missing or are not checkpoints.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TINY, runCli, tempDirs, wordCorpus } from './run-cli';

const dirs = tempDirs();
afterAll(() => dirs.removeAll());

let cwd = '';
beforeAll(() => {
  cwd = dirs.make();
  writeFileSync(join(cwd, 'words.txt'), wordCorpus());
  const runs = [
    [...TINY, '--iterations', '60', '--out', 'lstm'],
    ['--data', 'names', '--model', 'min-char-rnn', '--hidden', '16', '--iterations', '60', '--out', 'mcr'],
    [...TINY, '--data', 'words.txt', '--level', 'word', '--iterations', '20', '--out', 'words'],
  ];
  for (const args of runs) {
    const r = runCli(['train', ...args], { cwd });
    if (r.status !== 0) throw new Error(`rnnlab train ${args.join(' ')} failed: ${r.stderr}`);
  }
});

/** The sampled text (stdout without its final newline); fails the test unless the command exits 0. */
function sample(...args: string[]): string {
  const r = runCli(['sample', ...args], { cwd });
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  expect(r.stdout.endsWith('\n')).toBe(true);
  return r.stdout.slice(0, -1);
}

const chars = (s: string) => Array.from(s).length;

describe.each([['lstm'], ['mcr']])('rnnlab sample on the %s run', (run) => {
  it('a run directory and its checkpoint.json give the same text', () => {
    expect(sample(join(run, 'checkpoint.json'), '--length', '40', '--seed', '3')).toBe(sample(run, '--length', '40', '--seed', '3'));
  });

  it('--length N gives N characters, after the prime when there is one', () => {
    expect(chars(sample(run, '--length', '37', '--seed', '1'))).toBe(37);
    const primed = sample(run, '--length', '25', '--prime', 'ann', '--seed', '1');
    expect(primed.startsWith('ann')).toBe(true);
    expect(chars(primed)).toBe(3 + 25);
  });

  it('gives 500 characters by default', () => {
    expect(chars(sample(run))).toBe(500);
  });

  it('the same --seed gives the same text, another seed another text, and the default seed is 0', () => {
    const one = sample(run, '--length', '60', '--seed', '1');
    expect(sample(run, '--length', '60', '--seed', '1')).toBe(one);
    expect(sample(run, '--length', '60', '--seed', '2')).not.toBe(one);
    expect(sample(run, '--length', '60')).toBe(sample(run, '--length', '60', '--seed', '0'));
  });

  it('--argmax after a prime gives the same text whatever the seed', () => {
    const greedy = sample(run, '--argmax', '--prime', 'mar', '--length', '40', '--seed', '1');
    expect(sample(run, '--argmax', '--prime', 'mar', '--length', '40', '--seed', '2')).toBe(greedy);
    expect(sample(run, '--argmax', '--prime', 'mar', '--length', '40', '--seed', '77')).toBe(greedy);
  });

  // BUG: sampling.ts sampleTokens draws the first token uniformly from the generator when there is no prime, even
  // with argmax, so `--argmax` without --prime depends on --seed; --argmax is documented as "always take the most
  // likely token" (SamplingOptions.argmax: "no randomness"), and char-rnn's argmax of its uniform start is fixed.
  it('--argmax without a prime gives the same text whatever the seed', () => {
    const greedy = sample(run, '--argmax', '--length', '40', '--seed', '1');
    expect(sample(run, '--argmax', '--length', '40', '--seed', '5')).toBe(greedy);
    expect(sample(run, '--argmax', '--length', '40', '--seed', '9')).toBe(greedy);
  });

  it('--top-k 1 gives the --argmax text', () => {
    expect(sample(run, '--top-k', '1', '--prime', 'mar', '--length', '40', '--seed', '4')).toBe(
      sample(run, '--argmax', '--prime', 'mar', '--length', '40', '--seed', '4'),
    );
    expect(sample(run, '--top-k', '1', '--length', '40', '--seed', '4')).toBe(sample(run, '--argmax', '--length', '40', '--seed', '4'));
  });

  it('--temperature: 1 is the default; a low one repeats fewer characters than a high one', () => {
    expect(sample(run, '--temperature', '1', '--length', '60', '--seed', '2')).toBe(sample(run, '--length', '60', '--seed', '2'));
    const distinct = (t: string) => new Set(sample(run, '--temperature', t, '--prime', 'a', '--length', '300', '--seed', '2')).size;
    expect(distinct('0.1')).toBeLessThan(distinct('3'));
  });

  it('--prime with characters outside the vocabulary exits 1 listing them', () => {
    const r = runCli(['sample', run, '--prime', 'ANNa!'], { cwd });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("text has 3 character(s) not in the vocabulary: 'A' (U+0041), 'N' (U+004E), '!' (U+0021);");
    expect(r.stderr).toContain('expected only the 28 characters of the training corpus');
    expect(r.stdout).toBe('');
  });

  it('--top-k above the vocabulary size exits 1 naming the limit', () => {
    const r = runCli(['sample', run, '--top-k', '29'], { cwd });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('--top-k 29 is larger than the vocabulary (28 tokens); expected at most 28.');
  });
});

describe('rnnlab sample on a word-level run', () => {
  it('--length counts words, after the primed words', () => {
    const text = sample('words', '--prime', 'The whale', '--length', '6', '--seed', '1');
    const words = text.split(' ');
    expect(words.slice(0, 2)).toEqual(['the', 'whale']);
    expect(words).toHaveLength(8);
    const vocabulary = new Set(wordCorpus().split(/\s+/));
    for (const w of words) expect(vocabulary.has(w)).toBe(true);
  });

  it('--prime with a word outside the vocabulary exits 1 listing it', () => {
    const r = runCli(['sample', 'words', '--prime', 'the kraken'], { cwd });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('1 word(s) not in the vocabulary: "kraken"');
  });
});

describe('rnnlab sample: not a checkpoint', () => {
  it('a missing path exits 1 naming it', () => {
    const r = runCli(['sample', 'no-such-run/checkpoint.json'], { cwd });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('no-such-run/checkpoint.json does not exist, expected a checkpoint file');
  });

  it('a directory without checkpoint.json exits 1 naming <dir>/checkpoint.json', () => {
    mkdirSync(join(cwd, 'empty-run'), { recursive: true });
    const r = runCli(['sample', 'empty-run'], { cwd });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`${join('empty-run', 'checkpoint.json')} does not exist`);
  });

  it('a JSON file that is not a checkpoint exits 1 naming it', () => {
    writeFileSync(join(cwd, 'other.json'), JSON.stringify({ hello: 'world' }));
    const r = runCli(['sample', 'other.json'], { cwd });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("other.json is not an rnnlab checkpoint (its format field is missing, expected 'rnnlab-checkpoint')");
  });

  it('a file that is not JSON exits 1 naming it', () => {
    writeFileSync(join(cwd, 'notes.txt'), 'not json');
    const r = runCli(['sample', 'notes.txt'], { cwd });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('notes.txt is not valid JSON');
    expect(r.stderr).not.toContain('internal error');
  });
});
