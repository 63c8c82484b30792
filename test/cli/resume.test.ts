/**
 * End-to-end tests of checkpoint save/load through `rnnlab train --resume DIR --iterations M`: the run continues from
 * the checkpoint's iteration to M, log.jsonl then holds iterations 1..M without gaps or repeats, and the split run
 * equals a straight run to M — losses bit for bit, samples, and the final checkpoint — for a batched model with
 * dropout (its generator state, optimizer state and carried hidden state all round-trip) and for min-char-rnn.
 */
import { existsSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TINY, readJson, readJsonLines, reportData, runCli, tempDirs } from './run-cli';
import type { CliResult, LogLine, SampleLine } from './run-cli';

const dirs = tempDirs();
afterAll(() => dirs.removeAll());

interface CheckpointFile {
  iteration: number;
  kind: string;
  body: unknown;
}

const iters = (n: number, from = 1) => Array.from({ length: n - from + 1 }, (_, i) => from + i);

describe.each([
  ['lstm, 2 layers, dropout 0.3', [...TINY, '--model', 'lstm', '--layers', '2', '--dropout', '0.3', '--seed', '5']],
  ['min-char-rnn', ['--data', 'names', '--model', 'min-char-rnn', '--hidden', '16', '--seq-length', '8', '--seed', '5']],
])('--resume with %s', (_name, modelArgs) => {
  let cwd = '';
  let first: CliResult;
  let second: CliResult;
  let straight: CliResult;
  beforeAll(() => {
    cwd = dirs.make();
    first = runCli(['train', ...modelArgs, '--iterations', '12', '--sample-at', '0,6', '--sample-length', '20', '--out', 'split'], { cwd });
    second = runCli(['train', '--resume', 'split', '--iterations', '30', '--sample-at', '20,30', '--sample-length', '20'], { cwd });
    straight = runCli(['train', ...modelArgs, '--iterations', '30', '--sample-at', '0,6,20,30', '--sample-length', '20', '--out', 'straight'], { cwd });
  });

  it('both parts and the straight run succeed, and the second part says it resumes from iteration 12', () => {
    expect([first.status, second.status, straight.status]).toEqual([0, 0, 0]);
    expect(second.stderr).toBe('');
    expect(second.stdout).toMatch(/^Resuming /m);
    expect(second.stdout).toContain(`→ ${join(cwd, 'split')}`);
    expect(second.stdout).toContain('Done: 30 iterations.');
  });

  it('log.jsonl holds iterations 1..30 once each, and the checkpoint is at 30', () => {
    expect(readJsonLines<LogLine>(join(cwd, 'split', 'log.jsonl')).map((l) => l.iter)).toEqual(iters(30));
    expect(readJson<CheckpointFile>(join(cwd, 'split', 'checkpoint.json')).iteration).toBe(30);
  });

  it('the losses equal those of a straight run to 30, bit for bit', () => {
    const pick = (dir: string) => readJsonLines<LogLine>(join(cwd, dir, 'log.jsonl')).map((l) => [l.iter, l.loss, l.smoothLoss]);
    expect(pick('split')).toEqual(pick('straight'));
  });

  it('the samples of both parts equal the straight run\'s, and samples.md shows all of them', () => {
    const pick = (dir: string) => readJsonLines<SampleLine>(join(cwd, dir, 'samples.jsonl')).map((s) => [s.iter, s.text]);
    expect(pick('split').map((s) => s[0])).toEqual([0, 6, 20, 30]);
    expect(pick('split')).toEqual(pick('straight'));
    const markdown = readFileSync(join(cwd, 'split', 'samples.md'), 'utf8');
    for (const h of ['## Before training (iteration 0)', '## After 6 iterations', '## After 20 iterations', '## After 30 iterations']) {
      expect(markdown).toContain(h);
    }
  });

  it('the final checkpoint equals the straight run\'s (parameters, optimizer, generator, data position)', () => {
    const split = readJson<CheckpointFile>(join(cwd, 'split', 'checkpoint.json'));
    const whole = readJson<CheckpointFile>(join(cwd, 'straight', 'checkpoint.json'));
    expect(split.kind).toBe(whole.kind);
    expect(split.body).toEqual(whole.body);
  });

  it('config.json keeps the first part\'s settings', () => {
    const config = readJson<{ command: string; plan: { seed: number } }>(join(cwd, 'split', 'config.json'));
    expect(config.plan.seed).toBe(5);
    expect(config.command).toContain('--out split');
  });
});

describe('--resume errors', () => {
  it('--iterations below the checkpoint\'s exits 1 and leaves the run untouched', () => {
    const cwd = dirs.make();
    expect(runCli(['train', ...TINY, '--iterations', '4', '--out', 'run'], { cwd }).status).toBe(0);
    const snapshot = () => readdirSync(join(cwd, 'run')).sort().map((f) => [f, statSync(join(cwd, 'run', f)).mtimeMs]);
    const before = snapshot();
    const r = runCli(['train', '--resume', 'run', '--iterations', '3'], { cwd });
    expect(r.status).toBe(1);
    expect(r.stderr).toBe('rnnlab train: --resume run: the checkpoint is at iteration 4; give --iterations at or above it (got 3).\n');
    expect(snapshot()).toEqual(before);
  });

  it('a run at its target trains nothing and rewrites its report (what a kill after the last checkpoint leaves to do)', () => {
    const cwd = dirs.make();
    expect(runCli(['train', ...TINY, '--iterations', '4', '--out', 'run'], { cwd }).status).toBe(0);
    const log = readFileSync(join(cwd, 'run', 'log.jsonl'), 'utf8');
    rmSync(join(cwd, 'run', 'report.html'));
    rmSync(join(cwd, 'run', 'samples.md'));
    const r = runCli(['train', '--resume', 'run', '--iterations', '4'], { cwd });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Nothing to train: ');
    expect(r.stdout).toContain('is at its target, iteration 4; rewriting its report.');
    expect(readFileSync(join(cwd, 'run', 'log.jsonl'), 'utf8')).toBe(log);
    const html = readFileSync(join(cwd, 'run', 'report.html'), 'utf8');
    expect(reportData(html).log.map((l) => l.iter)).toEqual([1, 2, 3, 4]);
    // The time is the training's, from the log, not the moment this rewrite took.
    expect(html).toContain('training time');
    expect(html).not.toContain('wall time (this part)');
    expect(existsSync(join(cwd, 'run', 'samples.md'))).toBe(true);
  });

  it('a run directory whose checkpoint.json is gone exits 1 naming the checkpoint path', () => {
    const cwd = dirs.make();
    expect(runCli(['train', ...TINY, '--iterations', '2', '--out', 'run'], { cwd }).status).toBe(0);
    rmSync(join(cwd, 'run', 'checkpoint.json'));
    const r = runCli(['train', '--resume', 'run', '--iterations', '5'], { cwd });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`rnnlab train: ${join('run', 'checkpoint.json')} does not exist, expected a checkpoint file`);
  });

  // BUG: train-run.ts restores the session from the checkpoint without flags.lr, and --lr is not among the flags
  // FIXED_WHEN_RESUMING (train-command.ts), so `--resume DIR --lr X` is accepted and silently ignored.
  it('--lr given with --resume is applied (or rejected), not silently ignored', () => {
    const cwd = dirs.make();
    expect(runCli(['train', ...TINY, '--iterations', '3', '--out', 'run'], { cwd }).status).toBe(0);
    const r = runCli(['train', '--resume', 'run', '--iterations', '6', '--lr', '0.05'], { cwd });
    if (r.status === 1) {
      expect(r.stderr).toContain('--lr');
      return;
    }
    expect(r.status).toBe(0);
    const log = readJsonLines<LogLine>(join(cwd, 'run', 'log.jsonl'));
    expect(log.slice(3).map((l) => l.lr)).toEqual([0.05, 0.05, 0.05]);
  });
});
