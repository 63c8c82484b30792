/**
 * Issue 9, defects 1–4, end to end: a resume after any interruption (the log ahead of the checkpoint) succeeds and
 * rebuilds the report; Ctrl-C and SIGTERM save a checkpoint and the report and say how to resume (exit 130/143), a
 * second signal ends the run at once leaving the last checkpoint, and a closed standard output stops it the same way
 * (exit 141); --out and --log never overwrite; one training per run directory.
 */
import { appendFileSync, existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CLI_PATH, TINY, readJson, readJsonLines, reportData, runCli, runCliAsync, startCli, tempDirs } from './run-cli';
import type { LogLine, SampleLine } from './run-cli';

const dirs = tempDirs();
afterAll(() => dirs.removeAll());

const iters = (n: number, from = 1) => Array.from({ length: n - from + 1 }, (_, i) => from + i);

describe('defect 1: resuming after an interruption', () => {
  it('cuts a log that runs ahead of the checkpoint back to it, and ends with the straight run\'s log and a whole report', () => {
    const cwd = dirs.make();
    const args = [...TINY, '--seed', '3', '--sample-every', '4', '--sample-length', '10', '--checkpoint-every', '5'];
    expect(runCli(['train', ...args, '--iterations', '12', '--out', 'run'], { cwd }).status).toBe(0);
    expect(runCli(['train', ...args, '--iterations', '20', '--out', 'straight'], { cwd }).status).toBe(0);
    // What a kill after iteration 14 leaves: the checkpoint at 12, the log and samples at 14, a line cut short.
    const log = readJsonLines<LogLine>(join(cwd, 'run', 'log.jsonl'));
    appendFileSync(join(cwd, 'run', 'log.jsonl'), `${JSON.stringify({ ...log[11], iter: 13 })}\n${JSON.stringify({ ...log[11], iter: 14 })}\n{"iter": 15, "lo`);
    appendFileSync(join(cwd, 'run', 'samples.jsonl'), `${JSON.stringify({ iter: 14, text: 'stale', temperature: 1 })}\n`);
    const r = runCli(['train', '--resume', 'run', '--iterations', '20'], { cwd });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const pick = (dir: string) => readJsonLines<LogLine>(join(cwd, dir, 'log.jsonl')).map((l) => [l.iter, l.loss, l.smoothLoss]);
    expect(pick('run')).toEqual(pick('straight'));
    const samples = readJsonLines<SampleLine>(join(cwd, 'run', 'samples.jsonl'));
    expect(samples.map((s) => s.iter)).toEqual([4, 8, 12, 16, 20]);
    expect(samples.map((s) => s.text)).toEqual(readJsonLines<SampleLine>(join(cwd, 'straight', 'samples.jsonl')).map((s) => s.text));
    expect(reportData(readFileSync(join(cwd, 'run', 'report.html'), 'utf8')).log.map((l) => l.iter)).toEqual(iters(20));
    // ... and on every later resume too.
    expect(runCli(['train', '--resume', 'run', '--iterations', '24'], { cwd }).status).toBe(0);
    expect(readJsonLines<LogLine>(join(cwd, 'run', 'log.jsonl')).map((l) => l.iter)).toEqual(iters(24));
  });

  it('--resume without --iterations continues to the run\'s own target, keeping its schedule (min-char-rnn\'s sampling flags too)', () => {
    const cwd = dirs.make();
    const args = ['--data', 'names', '--model', 'min-char-rnn', '--hidden', '8', '--sample-every', '5', '--sample-length', '7', '--temperature', '0.5'];
    expect(runCli(['train', ...args, '--iterations', '10', '--out', 'run'], { cwd }).status).toBe(0);
    const config = readJson<{ schedule: { iterations: number } }>(join(cwd, 'run', 'config.json'));
    config.schedule.iterations = 20; // as if the first part had been stopped at 10 of 20
    writeFileSync(join(cwd, 'run', 'config.json'), JSON.stringify(config));
    const r = runCli(['train', '--resume', 'run'], { cwd });
    expect(r.status).toBe(0);
    const samples = readJsonLines<SampleLine>(join(cwd, 'run', 'samples.jsonl'));
    expect(samples.map((s) => [s.iter, s.temperature, Array.from(s.text).length])).toEqual([[5, 0.5, 7], [10, 0.5, 7], [15, 0.5, 7], [20, 0.5, 7]]);
    const done = runCli(['train', '--resume', 'run'], { cwd });
    expect(done.status).toBe(0);
    expect(done.stdout).toContain('is at its target, iteration 20; rewriting its report.');
    expect(readJsonLines<SampleLine>(join(cwd, 'run', 'samples.jsonl'))).toEqual(samples);
  });

  it('config.json of min-char-rnn holds every resolved setting, defaults included', () => {
    const cwd = dirs.make();
    expect(runCli(['train', '--data', 'names', '--model', 'min-char-rnn', '--iterations', '2', '--out', 'run'], { cwd }).status).toBe(0);
    const config = readJson<{ plan: Record<string, unknown>; schedule: Record<string, unknown> }>(join(cwd, 'run', 'config.json'));
    expect(config.plan).toEqual({ model: 'min-char-rnn', level: 'char', hiddenSize: 100, seqLength: 25, learningRate: 0.1, clip: 5, seed: 42 });
    expect(config.schedule).toEqual({
      iterations: 2, sampleAt: [], sampleEvery: 0, sampleLength: 200, temperature: 1, evalEvery: null, checkpointEvery: null, log: null, logEvery: 1,
    });
  });

  it('--resume RUN/checkpoint-best.json continues from the best checkpoint', () => {
    const cwd = dirs.make();
    expect(runCli(['train', ...TINY, '--iterations', '12', '--eval-every', '4', '--out', 'run'], { cwd }).status).toBe(0);
    const best = readJson<{ iteration: number; valLoss: number }>(join(cwd, 'run', 'checkpoint-best.json'));
    expect([4, 8, 12]).toContain(best.iteration);
    const r = runCli(['train', '--resume', join('run', 'checkpoint-best.json'), '--iterations', '14'], { cwd });
    expect(r.stdout).toContain(`Resuming from iteration ${best.iteration}:`);
    expect(r.status).toBe(0);
    expect(readJsonLines<LogLine>(join(cwd, 'run', 'log.jsonl')).map((l) => l.iter)).toEqual(iters(14));
  });
});

describe('defect 2: Ctrl-C and SIGTERM', () => {
  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const)('%s finishes the iteration, saves a checkpoint and the report, says how to resume, and exits %i', async (signal, code) => {
    const cwd = dirs.make();
    const run = startCli(['train', ...TINY, '--iterations', '1000000', '--sample-every', '40', '--sample-length', '5', '--out', 'run'], { cwd });
    await run.waitForOutput(/---- sample after 80 iterations/);
    run.child.kill(signal);
    const r = await run.done;
    expect(r.status).toBe(code);
    const at = Number(/interrupted by \w+ after iteration (\d+)/.exec(r.stderr)?.[1]);
    expect(r.stderr).toContain(`rnnlab train: interrupted by ${signal} after iteration ${at}: checkpoint saved to ${join(cwd, 'run', 'checkpoint.json')}. Continue with: rnnlab train --resume ${join(cwd, 'run')}`);
    expect(r.stdout).toContain(`Interrupted (${signal}): finishing this iteration, then saving a checkpoint and the report.`);
    expect(at).toBeGreaterThanOrEqual(80);
    expect(readJson<{ iteration: number }>(join(cwd, 'run', 'checkpoint.json')).iteration).toBe(at);
    expect(readJsonLines<LogLine>(join(cwd, 'run', 'log.jsonl')).map((l) => l.iter)).toEqual(iters(at));
    expect(reportData(readFileSync(join(cwd, 'run', 'report.html'), 'utf8')).log).toHaveLength(at);
    expect(existsSync(join(cwd, 'run', 'rnnlab.lock'))).toBe(false);
    const resumed = runCli(['train', '--resume', 'run', '--iterations', String(at + 3)], { cwd });
    expect(resumed.status).toBe(0);
    expect(readJsonLines<LogLine>(join(cwd, 'run', 'log.jsonl')).map((l) => l.iter)).toEqual(iters(at + 3));
  });

  it('a second Ctrl-C ends the run at once, even while it saves, and leaves the last good checkpoint', async () => {
    const cwd = dirs.make();
    // A model big enough that saving its checkpoint (about 20 MB) takes a while, so the second signal lands during it.
    const run = startCli(['train', '--data', 'names', '--layers', '1', '--hidden', '384', '--batch-size', '2', '--seq-length', '4', '--iterations', '1000000', '--checkpoint-every', '1000000', '--out', 'run'], { cwd });
    await run.waitForOutput(/^Training /m);
    run.child.kill('SIGINT');
    await run.waitForOutput(/Interrupted \(SIGINT\)/);
    run.child.kill('SIGINT');
    const r = await run.done;
    expect(r.status).toBeNull();
    expect(r.signal).toBe('SIGINT');
    expect(readJson<{ iteration: number }>(join(cwd, 'run', 'checkpoint.json')).iteration).toBe(0);
    expect(runCli(['sample', 'run', '--length', '5'], { cwd }).status).toBe(0);
  });
});

describe('a closed standard output (rnnlab … | head)', () => {
  it('stops a training like a signal: checkpoint and report saved, one line on stderr, exit 141, and --resume continues', async () => {
    const cwd = dirs.make();
    const run = startCli(['train', ...TINY, '--iterations', '1000000', '--sample-every', '40', '--sample-length', '5', '--out', 'run'], { cwd });
    await run.waitForOutput(/---- sample after 80 iterations/);
    run.child.stdout?.destroy(); // what `| head` does once it has its lines
    const r = await run.done;
    expect(r.status).toBe(141);
    const at = Number(/after iteration (\d+)/.exec(r.stderr)?.[1]);
    expect(r.stderr).toBe(`rnnlab train: interrupted by SIGPIPE (standard output was closed) after iteration ${at}: checkpoint saved to ${join(cwd, 'run', 'checkpoint.json')}. Continue with: rnnlab train --resume ${join(cwd, 'run')}\n`);
    expect(readJson<{ iteration: number }>(join(cwd, 'run', 'checkpoint.json')).iteration).toBe(at);
    expect(readJsonLines<LogLine>(join(cwd, 'run', 'log.jsonl')).map((l) => l.iter)).toEqual(iters(at));
    expect(reportData(readFileSync(join(cwd, 'run', 'report.html'), 'utf8')).log).toHaveLength(at);
    expect(runCli(['train', '--resume', 'run', '--iterations', String(at + 3)], { cwd }).status).toBe(0);
  });

  it('lets sample end quietly when its reader goes away, and says so when standard output fails otherwise (exit 1)', async () => {
    const cwd = dirs.make();
    expect(runCli(['train', ...TINY, '--iterations', '2', '--out', 'run'], { cwd }).status).toBe(0);
    const sample = startCli(['sample', 'run', '--length', '50'], { cwd });
    sample.child.stdout?.destroy(); // gone before sample writes
    expect(await sample.done).toMatchObject({ status: 0, stderr: '' });
    if (!existsSync('/dev/full')) return;
    const full = spawnSync('sh', ['-c', `"${process.execPath}" "${CLI_PATH}" sample run --length 50 > /dev/full`], { cwd, encoding: 'utf8' });
    expect({ status: full.status, stderr: full.stderr }).toEqual({ status: 1, stderr: 'rnnlab: cannot write to standard output (ENOSPC); the rest of the output is dropped\n' });
  });
});

describe('defect 3: --out and --log never overwrite', () => {
  it('refuses a folder that is not empty and not a run, and leaves its files as they were', () => {
    const cwd = dirs.make();
    mkdirSync(join(cwd, 'mine'));
    writeFileSync(join(cwd, 'mine', 'config.json'.replace('config', 'notes')), 'keep');
    writeFileSync(join(cwd, 'mine', 'log.jsonl'), '{"mine": true}\n');
    const r = runCli(['train', ...TINY, '--iterations', '2', '--out', 'mine'], { cwd });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('--out mine is a folder that is not empty (log.jsonl, notes.json) and not a run; expected a new or empty directory.');
    expect(readdirSync(join(cwd, 'mine')).sort()).toEqual(['log.jsonl', 'notes.json']);
    expect(readFileSync(join(cwd, 'mine', 'log.jsonl'), 'utf8')).toBe('{"mine": true}\n');
  });

  it.each([
    [[''], "--out '': expected a directory path for the run."],
    [['.'], '--out . is the current directory; expected a new directory for the run'],
  ])('refuses --out %j', (out, message) => {
    const cwd = dirs.make();
    const r = runCli(['train', ...TINY, '--iterations', '2', '--out', ...out], { cwd });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(message);
    expect(readdirSync(cwd)).toEqual([]);
  });

  it('uses an empty folder', () => {
    const cwd = dirs.make();
    mkdirSync(join(cwd, 'empty'));
    expect(runCli(['train', ...TINY, '--iterations', '2', '--out', 'empty'], { cwd }).status).toBe(0);
    expect(readJson<{ iteration: number }>(join(cwd, 'empty', 'checkpoint.json')).iteration).toBe(2);
  });

  it('refuses an existing --log file instead of truncating it', () => {
    const cwd = dirs.make();
    writeFileSync(join(cwd, 'loss.jsonl'), '{"precious": 1}\n');
    const r = runCli(['train', ...TINY, '--iterations', '2', '--out', 'run', '--log', 'loss.jsonl'], { cwd });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('--log loss.jsonl already exists; expected a new file (rnnlab does not overwrite it).');
    expect(readFileSync(join(cwd, 'loss.jsonl'), 'utf8')).toBe('{"precious": 1}\n');
    expect(existsSync(join(cwd, 'run'))).toBe(false);
  });

  it('refuses --log naming the run\'s own log.jsonl, and accepts another name inside the new --out folder', () => {
    const cwd = dirs.make();
    const own = runCli(['train', ...TINY, '--iterations', '2', '--out', 'run', '--log', join('run', 'log.jsonl')], { cwd });
    expect(own.status).toBe(1);
    expect(own.stderr).toContain(`--log ${join('run', 'log.jsonl')} is the run's own log.jsonl; choose another name`);
    const inside = runCli(['train', ...TINY, '--iterations', '4', '--out', 'run', '--log', join('run', 'every-2.jsonl'), '--log-every', '2'], { cwd });
    expect(inside.status).toBe(0);
    expect(readJsonLines<LogLine>(join(cwd, 'run', 'every-2.jsonl')).map((l) => l.iter)).toEqual([2, 4]);
    expect(runCli(['train', '--resume', 'run', '--iterations', '6'], { cwd }).status).toBe(0);
    expect(readJsonLines<LogLine>(join(cwd, 'run', 'every-2.jsonl')).map((l) => l.iter)).toEqual([2, 4, 6]);
  });
});

describe('defect 4: one training per run directory', () => {
  it('of two trainings started together into one --out, one runs and the other is refused, naming the holder\'s pid', async () => {
    const cwd = dirs.make();
    const args = (seed: string) => ['train', ...TINY, '--iterations', '40', '--checkpoint-every', '1', '--seed', seed, '--out', 'run'];
    const [a, b] = await Promise.all([runCliAsync(args('1'), { cwd }), runCliAsync(args('2'), { cwd })]);
    const results = [a, b].map((r) => r.status).sort();
    expect(results).toEqual([0, 1]);
    const loser = a.status === 1 ? a : b;
    expect(loser.stderr).toMatch(/in use by another rnnlab train \(pid \d+ on .*\)|already holds a run|another process created it/);
    const winnerSeed = a.status === 0 ? 1 : 2;
    expect(readJson<{ plan: { seed: number } }>(join(cwd, 'run', 'config.json')).plan.seed).toBe(winnerSeed);
    expect(readJsonLines<LogLine>(join(cwd, 'run', 'log.jsonl')).map((l) => l.iter)).toEqual(iters(40));
  });

  it('a resume while another training holds the run is refused, naming its pid; a lock left by a dead process is taken over', async () => {
    const cwd = dirs.make();
    const run = startCli(['train', ...TINY, '--iterations', '1000000', '--sample-every', '20', '--sample-length', '3', '--out', 'run'], { cwd });
    await run.waitForOutput(/---- sample after 20 iterations/);
    const second = runCli(['train', '--resume', 'run', '--iterations', '2000000'], { cwd });
    expect(second.status).toBe(1);
    expect(second.stderr).toContain(`is in use by another rnnlab train (pid ${run.child.pid} on `);
    run.child.kill('SIGKILL');
    await run.done;
    expect(existsSync(join(cwd, 'run', 'rnnlab.lock'))).toBe(true);
    const third = runCli(['train', '--resume', 'run', '--iterations', '3'], { cwd });
    expect(third.stderr).toBe('');
    expect(third.status).toBe(0);
  });
});
