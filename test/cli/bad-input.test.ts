/**
 * Issue 9, defects 6, 8 and 9, end to end: damaged checkpoints are refused by `sample` and `--resume` naming the file
 * and the field (no stack trace, nothing changed); values that pass the parser but used to fail mid-run or hang are
 * handled or refused before training; and the smaller ones (flags that were silently ignored, a report of 4.8 MB).
 */
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TINY, runCli, tempDirs } from './run-cli';

const dirs = tempDirs();
afterAll(() => dirs.removeAll());

let cwd = '';
beforeAll(() => {
  cwd = dirs.make();
  const r = runCli(['train', ...TINY, '--iterations', '6', '--out', 'run'], { cwd });
  if (r.status !== 0) throw new Error(r.stderr);
});

const snapshot = (dir: string) => readdirSync(dir).sort().map((f) => [f, statSync(join(dir, f)).mtimeMs]);

describe('defect 6: a damaged checkpoint is refused by sample and --resume, naming the file and the field', () => {
  const damage: [string, (text: string) => string, string][] = [
    // A one-byte change inside a weight's base64: formerly a weight of 4e306 that both commands accepted.
    ['one byte of a weight changed', (t) => t.replace(/("out\.b":\{"shape":\[\d+\],"float64":")(.)/, (_m, a, c) => a + (c === 'A' ? 'B' : 'A')), 'does not match its checksum'],
    ['a number made a string (checksum fixed)', (t) => resum(t.replace('"seqLength":8', '"seqLength":"8"')), 'body.training.seqLength is "8", expected an integer >= 1'],
    ['a field deleted (checksum fixed)', (t) => resum(t.replace('"hiddenSize":16,', '')), 'body.model.hiddenSize is missing'],
    ['cut short', (t) => t.slice(0, t.length - 100), 'is not valid JSON'],
  ];
  it.each(damage)('%s', (_what, edit, message) => {
    const run = join(cwd, 'damaged');
    runCli(['train', ...TINY, '--iterations', '2', '--out', 'damaged'], { cwd: cwd });
    const path = join(run, 'checkpoint.json');
    writeFileSync(path, edit(readFileSync(path, 'utf8')));
    const before = snapshot(run);
    for (const args of [['sample', 'damaged'], ['train', '--resume', 'damaged', '--iterations', '5']]) {
      const r = runCli(args, { cwd });
      expect(r.status).toBe(1);
      expect(r.stderr).toContain(`rnnlab ${args[0]}: ${join('damaged', 'checkpoint.json')}`);
      expect(r.stderr).toContain(message);
      expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
    expect(snapshot(run)).toEqual(before);
    for (const f of readdirSync(run)) if (f !== 'checkpoint.json') expect(f).not.toMatch(/tmp/);
    require('node:fs').rmSync(run, { recursive: true });
  });
});

/** The checkpoint text with its sha256 recomputed (a consistent writer's edit). */
function resum(text: string): string {
  const { createHash } = require('node:crypto') as typeof import('node:crypto');
  const { sha256: _old, ...rest } = JSON.parse(text) as Record<string, unknown>;
  const sha256 = createHash('sha256').update(JSON.stringify(rest)).digest('hex');
  return JSON.stringify({ format: rest.format, version: rest.version, sha256, ...rest });
}

describe('defect 8: values that pass the parser', () => {
  it('--temperature 1e-320 samples the most likely token instead of failing with NaN, in sample and in train', () => {
    const tiny = runCli(['sample', 'run', '--temperature', '1e-320', '--prime', 'an', '--length', '20'], { cwd });
    expect(tiny.stderr).toBe('');
    expect(tiny.status).toBe(0);
    expect(tiny.stdout).toBe(runCli(['sample', 'run', '--argmax', '--prime', 'an', '--length', '20'], { cwd }).stdout);
    const d = dirs.make();
    const r = runCli(['train', ...TINY, '--iterations', '2', '--sample-at', '2', '--temperature', '1e-320', '--out', 'run'], { cwd: d });
    expect(r.status).toBe(0);
  });

  it.each([
    [['--lr-decay', '1e-300', '--lr-decay-after', '0', '--iterations', '3000'], '--lr-decay 1e-300: after 1 decays'],
    [['--layers', '64', '--hidden', '4000'], 'training this model would need about'],
    [['--hidden', '1000000000'], 'training this model would need about'],
    [['--batch-size', '100000000'], '--batch-size 100000000 × --seq-length 8'],
    [['--epochs', '1e300'], '--epochs 1e+300: that is'],
  ])('refuses %j before training, naming the flag', (args, message) => {
    const d = dirs.make();
    const started = Date.now();
    const r = runCli(['train', ...TINY, ...args, '--out', 'run'], { cwd: d, timeoutMs: 30_000 });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(readdirSync(d)).toEqual([]);
    expect(Date.now() - started).toBeLessThan(20_000);
  });

  it('--out /proc/x exits 1 at once naming the folder it cannot create', () => {
    const d = dirs.make();
    const r = runCli(['train', ...TINY, '--iterations', '2', '--out', '/proc/rnnlab-run'], { cwd: d, timeoutMs: 20_000 });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^rnnlab train: cannot create the folder \/proc\/rnnlab-run: .* \(E[A-Z]+\)\n$/);
  });

  it('--out under a file exits 1 naming the file (not an EEXIST from deep inside)', () => {
    const d = dirs.make();
    writeFileSync(join(d, 'notes.txt'), 'keep');
    const r = runCli(['train', ...TINY, '--iterations', '2', '--out', 'notes.txt/run'], { cwd: d });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`--out notes.txt/run: ${join(d, 'notes.txt')} is a file, not a folder`);
  });
});

describe('defect 9: flags that were silently ignored, and the report\'s size', () => {
  it.each(['gru', 'rnn', 'esn'])('--forget-bias with --model %s is refused', (model) => {
    const r = runCli(['train', ...TINY, '--model', model, '--forget-bias', '2'], { cwd: dirs.make() });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`--forget-bias sets the LSTM's forget-gate bias; it does not apply to --model ${model}.`);
  });

  it.each([
    [['--temperature', '0.5'], '--temperature'],
    [['--top-k', '3'], '--top-k'],
    [['--temperature', '2', '--top-k', '3'], '--temperature and --top-k'],
  ])('sample --argmax with %j is refused instead of ignoring them', (args, named) => {
    const r = runCli(['sample', 'run', '--argmax', ...args], { cwd });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`--argmax always takes the most likely token, so ${named} would be ignored; give one or the other.`);
  });

  it('--resume RUN/checkpoint.json resumes the run (it used to misreport)', () => {
    const d = dirs.make();
    expect(runCli(['train', ...TINY, '--iterations', '3', '--out', 'r'], { cwd: d }).status).toBe(0);
    const r = runCli(['train', '--resume', join('r', 'checkpoint.json'), '--iterations', '5'], { cwd: d });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(`→ ${join(d, 'r')}`);
  });

  it('a 20-iteration run writes a report.html under 150 kB (it was 4.8 MB)', () => {
    const d = dirs.make();
    expect(runCli(['train', ...TINY, '--iterations', '20', '--sample-at', '0,20', '--out', 'r'], { cwd: d }).status).toBe(0);
    // Measured 97 kB: uPlot and its CSS 53 kB, the static plot for print 16 kB, the unrolled diagram 9 kB, the rest text.
    expect(statSync(join(d, 'r', 'report.html')).size).toBeLessThan(150_000);
  });
});
