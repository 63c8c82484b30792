/**
 * Issue 11, `rnnlab gradcheck` and `train --gradcheck` end to end: the check passes for every model, fails with exit 4
 * when a backward pass is wrong (a real wrong gradient: ./fixtures/break-backward.cjs, preloaded into the built CLI,
 * breaks one), prints cs231n's and grad-check.py's relative errors side by side, and checks the unclipped gradients.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { CLI_PATH, type CliResult, TINY, readJson, runCli, tempDirs } from './run-cli';

const dirs = tempDirs();
afterAll(() => dirs.removeAll());

const BREAK_HOOK = fileURLToPath(new URL('./fixtures/break-backward.cjs', import.meta.url));
/** min-char-rnn kept small: the names corpus, 16 hidden units, 8 steps. */
const MIN_CHAR = ['--model', 'min-char-rnn', '--data', 'names', '--hidden', '16', '--seq-length', '8'];
const MODEL_ARGS: Record<string, string[]> = {
  'min-char-rnn': MIN_CHAR,
  rnn: ['--model', 'rnn', ...TINY],
  lstm: ['--model', 'lstm', ...TINY],
  gru: ['--model', 'gru', ...TINY],
  esn: ['--model', 'esn', ...TINY],
};

/** The CLI with one gradient broken (`what`: Class.param, see the hook). */
function runBroken(what: string, args: string[], cwd: string): CliResult {
  const r = spawnSync(process.execPath, ['-r', BREAK_HOOK, CLI_PATH, ...args], {
    cwd, encoding: 'utf8', timeout: 50_000, env: { ...process.env, RNNLAB_TEST_BREAK: what, NODE_OPTIONS: '' },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A printed entry: parameter, numerical, analytic, cs231n's and grad-check.py's relative errors (as printed). */
interface PrintedRow { param: string; numerical: number; analytic: number; relError: number; original: string }

function printedRows(stdout: string): PrintedRow[] {
  return [...stdout.matchAll(/^(\S+)\s+\d+ \[[\d, ]+\]\s+(\S+)\s+(\S+)\s+(\S+)\s+(\S+)$/gm)].map((m) => ({
    param: m[1], numerical: Number(m[2]), analytic: Number(m[3]), relError: Number(m[4]), original: m[5],
  }));
}

describe('rnnlab gradcheck', () => {
  it.each(Object.keys(MODEL_ARGS))('passes for %s, exit 0, every parameter checked', (model) => {
    const r = runCli(['gradcheck', ...MODEL_ARGS[model], '--num-checks', '4'], { cwd: dirs.make() });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^PASSED: all \d+ checked entries agree\.$/m);
    expect(r.stdout).toContain('unclipped gradients');
    const params = new Set(printedRows(r.stdout).map((row) => row.param));
    const expected = model === 'min-char-rnn' ? ['Wxh', 'Whh', 'Why', 'bh', 'by'] : model === 'esn' ? ['cell0.Win', 'cell0.W', 'cell0.b', 'out.w', 'out.b'] : ['cell0.Wx', 'cell0.Wh', 'out.w', 'out.b'];
    for (const p of expected) expect(params).toContain(p);
    if (model === 'esn') expect(r.stdout).toContain('the fixed reservoir, checked although training never changes it');
  });

  it("prints cs231n's relative error and grad-check.py's |a − n| / |a + n| side by side, and the rule", () => {
    const r = runCli(['gradcheck', ...MIN_CHAR], { cwd: dirs.make() });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^param\s+index\s+numerical\s+analytic\s+rel error\s+\|a−n\|\/\|a\+n\|$/m);
    expect(r.stdout).toContain('rule: an entry passes when its rel error is at most 1e-5, or |a − n| is at most');
    const rows = printedRows(r.stdout);
    expect(rows).toHaveLength(50);
    // Where both gradients are 0 (a character absent from the chunk), cs231n's error is 0 and grad-check.py's is 0/0.
    const zeros = rows.filter((row) => row.numerical === 0 && row.analytic === 0);
    expect(zeros.length).toBeGreaterThan(0);
    for (const row of zeros) expect([row.relError, row.original]).toEqual([0, 'NaN']);
    // Elsewhere a and n have one sign, so |a + n| = |a| + |n| and the two formulas print the same number.
    for (const row of rows.filter((x) => x.analytic * x.numerical > 0)) expect(Number(row.original)).toBe(row.relError);
  });

  it.each([
    ['min-char-rnn', 'MinCharRnn.Whh', 'Whh'],
    ['lstm', 'LSTM.Wh', 'cell0.Wh'],
    ['gru', 'GRU.bh', 'cell0.bh'],
  ])('fails for %s when a backward pass is wrong (%s 2%% off): exit 4, the parameter named, one line on stderr', (model, broken, param) => {
    const r = runBroken(broken, ['gradcheck', ...MODEL_ARGS[model], '--num-checks', '5'], dirs.make());
    expect(r.status).toBe(4);
    expect(r.stdout).toMatch(new RegExp(`^FAILED: \\d+ of \\d+ checked entries disagree \\(${param.replace('.', '\\.')}\\)\\.$`, 'm'));
    expect(r.stderr).toMatch(new RegExp(`^rnnlab gradcheck: the gradient check failed: \\d+ of \\d+ entries disagree \\(${param.replace('.', '\\.')}\\); the backward pass does not match the loss\\.\\n$`));
    const wrong = printedRows(r.stdout).filter((row) => row.param === param && row.analytic !== 0);
    expect(wrong.length).toBeGreaterThan(0);
    for (const row of wrong) expect(row.relError).toBeGreaterThan(5e-3); // 2% off: |a − n| / (|a| + |n|) ≈ 0.0099
  });

  it('checks a run at its checkpoint, on the chunk its next step would train on', () => {
    const cwd = dirs.make();
    expect(runCli(['train', ...MIN_CHAR, '--iterations', '7', '--out', 'run'], { cwd }).status).toBe(0);
    const r = runCli(['gradcheck', 'run', '--num-checks', '3'], { cwd });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Gradient check of min-char-rnn: 3 random entries of each of its 5 parameters on the next training chunk (8 characters from the carried hidden state), at iteration 7');
  });
});

describe('the gradients checked are the unclipped ones', () => {
  it.each([
    ['min-char-rnn', [...MIN_CHAR, '--clip', '0.01']],
    ['lstm', ['--model', 'lstm', ...TINY, '--clip', '0.001']],
  ])('%s with a clip far below its gradients passes, where the clipped gradients would fail', (_model, args) => {
    const cwd = dirs.make();
    const r = runCli(['train', ...args, '--gradcheck', '--iterations', '2', '--out', 'run'], { cwd });
    expect(r.status).toBe(0);
    const clip = Number(args[args.length - 1]);
    const stored = readJson<{ check: { passed: boolean; report: { rows: { numerical: number; analytic: number }[] } } }>(join(cwd, 'run', 'gradcheck.json'));
    expect(stored.check.passed).toBe(true);
    const beyond = stored.check.report.rows.filter((row) => Math.abs(row.analytic) > 2 * clip);
    expect(beyond.length).toBeGreaterThan(0);
    for (const { numerical, analytic } of beyond) {
      const clipped = Math.max(-clip, Math.min(clip, analytic));
      expect(Math.abs(clipped - numerical) / (Math.abs(clipped) + Math.abs(numerical))).toBeGreaterThan(0.1);
    }
  });
});

describe('rnnlab train --gradcheck', () => {
  it('checks before training, keeps the table in gradcheck.json and shows it in report.html', () => {
    const cwd = dirs.make();
    const r = runCli(['train', '--model', 'gru', ...TINY, '--gradcheck', '--iterations', '3', '--out', 'run'], { cwd });
    expect(r.status).toBe(0);
    expect(r.stdout.indexOf('PASSED: all')).toBeGreaterThan(-1);
    expect(r.stdout.indexOf('PASSED: all')).toBeLessThan(r.stdout.indexOf('Training gru'));
    const stored = readJson<{ model: string; seed: number; check: { report: { rows: { numerical: number; analytic: number }[] } } }>(join(cwd, 'run', 'gradcheck.json'));
    expect(stored).toMatchObject({ format: 'rnnlab-gradcheck', version: 1, model: 'gru', seed: 42 });
    const html = readFileSync(join(cwd, 'run', 'report.html'), 'utf8');
    expect(html).toContain('<p class="pass"><strong>Passed</strong>: all');
    // Each stored entry is a row of the report's table, grad-check.py's relative error beside cs231n's.
    for (const { numerical, analytic } of stored.check.report.rows) {
      expect(html).toContain(`<td>${numerical.toExponential(6)}</td><td>${analytic.toExponential(6)}</td>`);
      const original = Math.abs(analytic - numerical) / Math.abs(analytic + numerical);
      expect(html).toContain(`<td>${Number.isFinite(original) ? original.toExponential(2) : String(original)}</td><td>passes</td>`);
    }
  });

  it('trains nothing and writes nothing when the check fails: exit 4, one line on stderr', () => {
    const cwd = dirs.make();
    const r = runBroken('MinCharRnn.by', ['train', ...MIN_CHAR, '--gradcheck', '--iterations', '3', '--out', 'run'], cwd);
    expect(r.status).toBe(4);
    expect(r.stderr).toMatch(/^rnnlab train: the gradient check failed: \d+ of 50 entries disagree \(by\); the backward pass does not match the loss\. Nothing was trained or written\.\n$/);
    expect(existsSync(join(cwd, 'run'))).toBe(false);
    expect(readdirSync(cwd)).toEqual([]);
  });

  it('on --resume, a failed check leaves the run as it was', () => {
    const cwd = dirs.make();
    expect(runCli(['train', ...MIN_CHAR, '--iterations', '3', '--out', 'run'], { cwd }).status).toBe(0);
    const before = Object.fromEntries(readdirSync(join(cwd, 'run')).map((f) => [f, readFileSync(join(cwd, 'run', f), 'utf8')]));
    const r = runBroken('MinCharRnn.Wxh', ['train', '--resume', 'run', '--gradcheck', '--iterations', '6'], cwd);
    expect(r.status).toBe(4);
    expect(r.stderr).toMatch(/the gradient check failed: .*\(Wxh\).* Nothing was trained\.\n$/);
    const after = Object.fromEntries(readdirSync(join(cwd, 'run')).map((f) => [f, readFileSync(join(cwd, 'run', f), 'utf8')]));
    expect(after).toEqual(before);
  });
});
