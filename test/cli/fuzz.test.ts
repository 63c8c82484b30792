/**
 * Property tests (fast-check) of `rnnlab train` as a whole, run in-process: random combinations of flags — valid
 * values, boundary values and bad ones, as a hostile user would type them — and random corpus bytes. Whatever the
 * input, the command ends with exit 0 (a complete run), 3 (divergence, reported) or 1 (one line saying what was
 * wrong, nothing written); never an internal error, a stack trace, a hang or a half-made run directory.
 */
import { existsSync, mkdtempSync, readdirSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { loadCheckpoint } from '@rnnlab/core';
import { main } from '@rnnlab/cli';
import { readJsonLines } from './run-cli';

/** Cases per property; the README's Reliability section quotes their total. */
export const FLAG_RUNS = 150;
export const CORPUS_RUNS = 150;

/** Values per flag: valid ones, boundaries, and values that must be refused. */
const FLAG_VALUES: Record<string, string[]> = {
  '--model': ['lstm', 'gru', 'rnn', 'esn', 'min-char-rnn', 'transformer'],
  '--level': ['char', 'word', 'byte'],
  '--layers': ['1', '2', '0', '101', '1.5'],
  '--hidden': ['1', '4', '12', '0', '1e9', '-3', 'abc'],
  '--seq-length': ['1', '5', '8', '0', '100000000'],
  '--batch-size': ['1', '3', '8', '0', '100000000'],
  '--optimizer': ['sgd', 'momentum', 'adagrad', 'rmsprop', 'adam', 'nadam'],
  '--lr': ['1e-3', '0.1', '1e6', '1e308', '0', '-1', 'Infinity', '1e-320'],
  '--clip': ['0', '5', '1e-300', '-1'],
  '--dropout': ['0', '0.5', '0.99', '1'],
  '--lr-decay': ['1', '0.5', '1e-300', '0', '2'],
  '--lr-decay-after': ['0', '1', '-1'],
  '--forget-bias': ['0', '1', '-5', 'x', '1e308'],
  '--iterations': ['0', '1', '3', '5', '-1'],
  '--epochs': ['0.0001', '0.001', '0', '1e300'],
  '--sample-at': ['0', '0,2', '1,x'],
  '--sample-every': ['0', '2', '-1'],
  '--sample-length': ['1', '7', '0', '100001'],
  '--temperature': ['1', '1e-320', '1e308', '0'],
  '--val-fraction': ['0', '0.5', '0.99', '1'],
  '--eval-every': ['0', '1', '2'],
  '--checkpoint-every': ['0', '1', '2'],
  '--seed': ['0', '42', '4294967295', '4294967296', '-1'],
  '--log-every': ['1', '2', '0'],
  '--log': ['loss.jsonl', 'loss.txt', 'run/extra.jsonl', 'run/log.jsonl', 'no-such-folder/loss.jsonl'],
};

const made: string[] = [];
afterAll(() => made.forEach((d) => rmSync(d, { recursive: true, force: true })));
let stderr: string[] = [];
beforeEach(() => {
  vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => (stderr.push(String(chunk)), true));
});
afterEach(() => vi.restoreAllMocks());

function tempDir(): string {
  const d = realpathSync(mkdtempSync(join(tmpdir(), 'rnnlab-fuzz-')));
  made.push(d);
  return d;
}

/** The outcome's invariants: exit 0/3 with a complete, loadable run; or exit 1 with one line and nothing written. */
function expectCleanOutcome(code: number, cwd: string, before: string[]): void {
  const text = stderr.join('');
  expect(text).not.toMatch(/internal error|\n\s+at /);
  expect([0, 1, 3]).toContain(code);
  const run = join(cwd, 'run');
  if (code === 1) {
    const lines = text.trim().split('\n');
    // Commander adds its usage hint on a second line; rnnlab's own errors are one line.
    expect(lines[0]).toMatch(/^(rnnlab train: |error: )/);
    expect(lines.length).toBe(lines[0].startsWith('error: ') ? 2 : 1);
    expect(readdirSync(cwd).sort()).toEqual(before);
    return;
  }
  const checkpoint = loadCheckpoint(join(run, 'checkpoint.json'));
  const log = readJsonLines<{ iter: number }>(join(run, 'log.jsonl'));
  expect(log.map((l) => l.iter)).toEqual(Array.from({ length: log.length }, (_, i) => i + 1));
  if (code === 0) {
    expect(text).toBe('');
    expect(checkpoint.iteration).toBe(log.length);
  } else {
    expect(text).toMatch(/^rnnlab train: stopped early: .*; the last good checkpoint is .* \(iteration \d+\)/);
  }
  expect(existsSync(join(run, 'report.html'))).toBe(true);
}

/** A small corpus (3,000 characters, with spaces for --level word), so that a case costs milliseconds. */
let corpus = '';
beforeAll(() => {
  corpus = join(tempDir(), 'corpus.txt');
  writeFileSync(corpus, Array.from({ length: 75 }, (_, i) => `line ${i % 9}: to be or not to be`).join('\n'));
});

describe('rnnlab train, fuzzed', () => {
  it(`random flag combinations end cleanly (${FLAG_RUNS} cases)`, { timeout: 600_000 }, async () => {
    const flag = fc.constantFrom(...Object.keys(FLAG_VALUES)).chain((name) => fc.constantFrom(...FLAG_VALUES[name]).map((value) => [name, value] as const));
    await fc.assert(
      fc.asyncProperty(fc.uniqueArray(flag, { minLength: 1, maxLength: 7, selector: ([name]) => name }), async (flags) => {
        stderr = [];
        const cwd = tempDir();
        const args = flags.flatMap(([name, value]) => [name, name === '--log' ? join(cwd, value) : value]);
        if (!flags.some(([name]) => name === '--iterations' || name === '--epochs')) args.push('--iterations', '3');
        if (!flags.some(([name]) => name === '--hidden')) args.push('--hidden', '6');
        const code = await main(['node', 'rnnlab', 'train', '--data', corpus, '--out', join(cwd, 'run'), ...args]);
        expectCleanOutcome(code, cwd, []);
      }),
      { numRuns: FLAG_RUNS, seed: 4 },
    );
  });

  it(`random corpus bytes end cleanly (${CORPUS_RUNS} cases)`, { timeout: 600_000 }, async () => {
    const bytes = fc.oneof(
      fc.uint8Array({ maxLength: 400 }),
      fc.string({ unit: 'binary', maxLength: 300 }).map((s) => new Uint8Array(Buffer.from(s, 'utf8'))),
      fc.string({ unit: fc.constantFrom('a', 'b', ' ', '\n', 'é', '\r', '\t', '\u2028', '😀'), maxLength: 300 }).map((s) => new Uint8Array(Buffer.from(s, 'utf8'))),
    );
    await fc.assert(
      fc.asyncProperty(bytes, fc.constantFrom('lstm', 'min-char-rnn'), fc.constantFrom('char', 'word'), async (content, model, level) => {
        stderr = [];
        const cwd = tempDir();
        writeFileSync(join(cwd, 'corpus.txt'), content);
        const shape = model === 'min-char-rnn' ? ['--seq-length', '3'] : ['--layers', '1', '--batch-size', '2', '--seq-length', '3', '--level', level];
        const code = await main(['node', 'rnnlab', 'train', '--data', join(cwd, 'corpus.txt'), '--model', model, '--hidden', '4', ...shape, '--iterations', '2', '--sample-at', '0,2', '--sample-length', '5', '--out', join(cwd, 'run')]);
        expectCleanOutcome(code, cwd, ['corpus.txt']);
      }),
      { numRuns: CORPUS_RUNS, seed: 5 },
    );
  });
});
