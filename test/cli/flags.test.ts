/**
 * End-to-end tests of the `rnnlab` command line's flags: the help texts, every flag's bad-value error, unknown
 * options and commands, and the flag combinations that cannot mean what the user wants. Every error must exit 1,
 * name the flag, say what was expected, and leave nothing behind (no run directory, no log file).
 */
import { readdirSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli, tempDirs } from './run-cli';

const dirs = tempDirs();
afterAll(() => dirs.removeAll());

const TRAIN_FLAGS = [
  '--data', '--model', '--level', '--layers', '--hidden', '--seq-length', '--batch-size', '--optimizer', '--lr', '--clip',
  '--dropout', '--iterations', '--epochs', '--sample-at', '--sample-every', '--sample-length', '--temperature',
  '--val-fraction', '--seed', '--out', '--resume', '--log', '--log-every',
];
const SAMPLE_FLAGS = ['--length', '--temperature', '--top-k', '--argmax', '--prime', '--seed'];

describe('help', () => {
  it('rnnlab --help exits 0 and lists the train, sample and data commands', () => {
    const r = runCli(['--help'], { cwd: dirs.make() });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/Usage: rnnlab/);
    for (const command of ['train', 'sample', 'data']) expect(r.stdout).toMatch(new RegExp(`^\\s+${command} `, 'm'));
  });

  it('rnnlab train --help exits 0 and lists every train flag, the models and the optimizers', () => {
    const r = runCli(['train', '--help'], { cwd: dirs.make() });
    expect(r.status).toBe(0);
    for (const flag of TRAIN_FLAGS) expect(r.stdout).toMatch(new RegExp(`^\\s+${flag} `, 'm'));
    for (const name of ['min-char-rnn', 'rnn', 'lstm', 'gru', 'esn', 'sgd', 'momentum', 'adagrad', 'rmsprop', 'adam']) {
      expect(r.stdout).toContain(`"${name}"`);
    }
  });

  it('rnnlab sample --help exits 0 and lists the checkpoint argument and every sample flag', () => {
    const r = runCli(['sample', '--help'], { cwd: dirs.make() });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('<checkpoint>');
    for (const flag of SAMPLE_FLAGS) expect(r.stdout).toMatch(new RegExp(`^\\s+${flag}\\b`, 'm'));
  });

  it('rnnlab data --help exits 0 and names the tinyshakespeare corpus and --url', () => {
    const r = runCli(['data', '--help'], { cwd: dirs.make() });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('tinyshakespeare');
    expect(r.stdout).toMatch(/^\s+--url /m);
  });

  it('rnnlab --version prints a semver version', () => {
    const r = runCli(['--version'], { cwd: dirs.make() });
    expect(r.status).toBe(0);
    expect(r.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('rnnlab without a command exits 1 and prints the usage', () => {
    const r = runCli([], { cwd: dirs.make() });
    expect(r.status).toBe(1);
    expect(r.stdout + r.stderr).toMatch(/Usage: rnnlab/);
  });
});

/** [flag, bad value, what the message must say was expected]. */
const BAD_TRAIN_VALUES: [string, string, string][] = [
  ['--layers', '0', 'expected an integer from 1 to 100'],
  ['--layers', '1.5', 'expected an integer from 1 to 100'],
  ['--layers', '100000', 'expected an integer from 1 to 100'],
  ['--hidden', 'abc', 'expected an integer >= 1'],
  ['--hidden', '0', 'expected an integer >= 1'],
  ['--seq-length', '-3', 'expected an integer >= 1'],
  ['--batch-size', '0', 'expected an integer >= 1'],
  ['--optimizer', 'nadam', 'Allowed choices are sgd, momentum, adagrad, rmsprop, adam'],
  ['--model', 'transformer', 'Allowed choices are min-char-rnn, rnn, lstm, gru, esn'],
  ['--level', 'byte', 'Allowed choices are char, word'],
  ['--lr', '0', 'expected a positive number'],
  ['--lr', '-1', 'expected a positive number'],
  ['--lr', 'Infinity', 'expected a positive number'],
  ['--lr', '1e999', 'expected a positive number'],
  ['--clip', '-1', 'expected a number >= 0'],
  ['--dropout', '1', 'expected a number in [0, 1)'],
  ['--dropout', '-0.1', 'expected a number in [0, 1)'],
  ['--lr-decay', '0', 'expected a number in (0, 1]'],
  ['--lr-decay', '1.5', 'expected a number in (0, 1]'],
  ['--lr-decay-after', '-1', 'expected an integer >= 0'],
  ['--forget-bias', 'x', 'expected a finite number'],
  ['--iterations', '-1', 'expected an integer >= 0'],
  ['--iterations', '10k', 'expected an integer >= 0'],
  ['--epochs', '0', 'expected a positive number'],
  ['--sample-at', '5,x', 'expected non-negative integers separated by commas'],
  ['--sample-at', '5,-50', 'expected non-negative integers separated by commas'],
  ['--sample-every', '-1', 'expected an integer >= 0'],
  ['--sample-length', '0', 'expected an integer from 1 to 100000'],
  ['--sample-length', '100001', 'expected an integer from 1 to 100000'],
  ['--temperature', '0', 'expected a positive number'],
  ['--val-fraction', '1', 'expected a number in [0, 1)'],
  ['--val-fraction', '-0.5', 'expected a number in [0, 1)'],
  ['--eval-every', '-1', 'expected an integer >= 0'],
  ['--checkpoint-every', '1.5', 'expected an integer >= 0'],
  ['--seed', '-1', 'expected an integer from 0 to 4294967295'],
  ['--seed', '4294967296', 'expected an integer from 0 to 4294967295'],
  ['--seed', '1.5', 'expected an integer from 0 to 4294967295'],
  ['--log-every', '0', 'expected an integer >= 1'],
  ['--precision', 'float16', 'Allowed choices are float64, float32'],
  ['--threads', '0', 'expected an integer from 1 to 64'],
  ['--threads', '65', 'expected an integer from 1 to 64'],
];

describe('rnnlab train: a bad flag value', () => {
  it.each(BAD_TRAIN_VALUES)('train %s %s exits 1 naming the flag and saying "%s", and writes nothing', (flag, value, expected) => {
    const cwd = dirs.make();
    const r = runCli(['train', '--data', 'names', '--iterations', '1', flag, value], { cwd });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`option '${flag} `);
    expect(r.stderr).toContain(`argument '${value}' is invalid`);
    expect(r.stderr).toContain(expected);
    expect(r.stdout).toBe('');
    expect(readdirSync(cwd)).toEqual([]);
  });

  it('a flag without its value exits 1 saying the argument is missing', () => {
    const cwd = dirs.make();
    const r = runCli(['train', '--layers'], { cwd });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("option '--layers <L>' argument missing");
    expect(readdirSync(cwd)).toEqual([]);
  });
});

const BAD_SAMPLE_VALUES: [string, string, string][] = [
  ['--length', '0', 'expected an integer from 1 to 1000000'],
  ['--length', 'many', 'expected an integer from 1 to 1000000'],
  ['--length', '1000001', 'expected an integer from 1 to 1000000'],
  ['--top-k', '0', 'expected an integer >= 1'],
  ['--top-k', '2.5', 'expected an integer >= 1'],
  ['--temperature', '-1', 'expected a positive number'],
  ['--temperature', '0', 'expected a positive number'],
  ['--seed', '1.5', 'expected an integer from 0 to 4294967295'],
  ['--seed', '4294967296', 'expected an integer from 0 to 4294967295'],
];

describe('rnnlab sample: a bad flag value', () => {
  it.each(BAD_SAMPLE_VALUES)('sample %s %s exits 1 naming the flag and saying "%s"', (flag, value, expected) => {
    const cwd = dirs.make();
    const r = runCli(['sample', 'run', flag, value], { cwd });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`option '${flag} `);
    expect(r.stderr).toContain(`argument '${value}' is invalid`);
    expect(r.stderr).toContain(expected);
    expect(r.stdout).toBe('');
  });

  it('sample without a checkpoint exits 1 saying the argument is missing', () => {
    const r = runCli(['sample'], { cwd: dirs.make() });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("missing required argument 'checkpoint'");
  });
});

describe('unknown options and commands', () => {
  it.each([
    [['train', '--bogus'], "unknown option '--bogus'"],
    [['train', '--data', 'names', '--hiden', '16'], "unknown option '--hiden'"],
    [['sample', 'run', '--bogus'], "unknown option '--bogus'"],
    [['data', 'tinyshakespeare', '--bogus'], "unknown option '--bogus'"],
    [['frobnicate'], "unknown command 'frobnicate'"],
  ])('rnnlab %j exits 1 with %s', (args, message) => {
    const cwd = dirs.make();
    const r = runCli(args, { cwd });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(message);
    expect(readdirSync(cwd)).toEqual([]);
  });
});

/** [args, what stderr must say]. Each is checked before anything is written. */
const BAD_COMBINATIONS: [string[], string][] = [
  [['--iterations', '5', '--epochs', '1'], '--iterations and --epochs both given; expected one of them.'],
  [['--resume', 'prev', '--hidden', '4'], '--hidden cannot be changed when resuming'],
  [['--resume', 'prev', '--model', 'gru', '--seed', '3'], '--model, --seed cannot be changed when resuming'],
  [['--resume', 'prev', '--out', 'elsewhere'], '--out cannot be changed when resuming'],
  [['--model', 'min-char-rnn', '--layers', '2'], '--layers do not apply to --model min-char-rnn'],
  [['--model', 'min-char-rnn', '--batch-size', '4'], '--batch-size do not apply to --model min-char-rnn'],
  [['--model', 'min-char-rnn', '--optimizer', 'adam'], '--optimizer do not apply to --model min-char-rnn'],
  [['--model', 'min-char-rnn', '--dropout', '0.5'], '--dropout do not apply to --model min-char-rnn'],
  [['--model', 'min-char-rnn', '--val-fraction', '0.1'], '--val-fraction do not apply to --model min-char-rnn'],
  [['--model', 'min-char-rnn', '--level', 'word'], '--level word does not apply to --model min-char-rnn'],
  [['--model', 'min-char-rnn', '--threads', '2'], '--threads do not apply to --model min-char-rnn'],
  [['--model', 'min-char-rnn', '--precision', 'float32'], '--precision do not apply to --model min-char-rnn'],
  [['--resume', 'prev', '--precision', 'float32'], '--precision cannot be changed when resuming'],
  [['--log-every', '5'], '--log-every needs --log FILE.jsonl.'],
  [['--log', 'loss.txt'], '--log loss.txt: expected a file name ending in .jsonl'],
  [['--resume', 'no-such-run', '--iterations', '5'], '--resume no-such-run: no config.json there'],
];

describe('rnnlab train: flags that do not go together', () => {
  it.each(BAD_COMBINATIONS)('train %j exits 1 saying "%s", and writes nothing', (args, message) => {
    const cwd = dirs.make();
    const r = runCli(['train', '--data', 'names', ...args], { cwd });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(message);
    expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
    expect(readdirSync(cwd)).toEqual([]);
  });
});
