/**
 * Issue 11, `rnnlab summary` end to end: the parameter counts it prints are those of the model `rnnlab train` builds
 * from the same flags (and of a run's model), and `--svg` draws the unrolled network from the configuration — its
 * layers, hidden size, vocabulary and time steps — as an SVG that renders.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, readJson, runCli, tempDirs, wordCorpus } from './run-cli';

// The renderer the Word document's images go through (a dependency of the CLI package).
const { Resvg } = createRequire(join(REPO_ROOT, 'packages/cli/package.json'))('@resvg/resvg-js') as {
  Resvg: new (svg: string, options: object) => { render(): { pixels: Buffer; width: number } };
};

const dirs = tempDirs();
afterAll(() => dirs.removeAll());

/** The totals a summary prints. */
function totals(stdout: string): { total: number; trainable: number; nonTrainable: number } {
  const read = (label: string) => Number(new RegExp(`^${label}: ([\\d,]+)$`, 'm').exec(stdout)?.[1].replace(/,/g, ''));
  return { total: read('Total params'), trainable: read('Trainable params'), nonTrainable: read('Non-trainable params') };
}

describe('rnnlab summary', () => {
  it.each([
    ['min-char-rnn', ['--model', 'min-char-rnn', '--data', 'names', '--hidden', '20']],
    ['a 2-layer lstm', ['--model', 'lstm', '--data', 'names', '--layers', '2', '--hidden', '24', '--batch-size', '4', '--seq-length', '8']],
    ['a word-level gru with dropout', ['--model', 'gru', '--level', 'word', '--data', 'words.txt', '--layers', '2', '--hidden', '12', '--dropout', '0.3', '--batch-size', '2', '--seq-length', '4']],
  ])('counts the parameters of %s as the trained model has them', (_what, flags) => {
    const cwd = dirs.make();
    writeFileSync(join(cwd, 'words.txt'), wordCorpus());
    const r = runCli(['summary', ...flags], { cwd });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const trained = runCli(['train', ...flags, '--iterations', '1', '--out', 'run'], { cwd });
    expect(trained.status).toBe(0);
    const parameters = readJson<{ parameters: number }>(join(cwd, 'run', 'config.json')).parameters;
    expect(totals(r.stdout)).toEqual({ total: parameters, trainable: parameters, nonTrainable: 0 });
    expect(trained.stdout).toContain(`${parameters.toLocaleString('en-US')} parameters`);
    // The summary of the run itself is the same.
    expect(runCli(['summary', 'run'], { cwd }).stdout).toBe(r.stdout);
  });

  it('counts the echo state reservoir as non-trainable: what the optimizer updates is the rest', () => {
    const r = runCli(['summary', '--model', 'esn', '--data', 'names', '--layers', '1', '--hidden', '30'], { cwd: dirs.make() });
    expect(r.status).toBe(0);
    const V = 28; // the names corpus: \n, -, a–z
    expect(totals(r.stdout)).toEqual({ total: V * 30 + 30 * 30 + 30 + 30 * V + V, trainable: 30 * V + V, nonTrainable: V * 30 + 30 * 30 + 30 });
  });

  it('prints the equations of the cell', () => {
    const r = runCli(['summary', '--model', 'gru', '--data', 'names'], { cwd: dirs.make() });
    expect(r.stdout).toContain('Equations:');
    expect(r.stdout).toMatch(/n = tanh\(.*r ⊙/);
  });
});

describe('rnnlab summary --svg: the network unrolled in time, drawn from the configuration', () => {
  const draw = (flags: string[]) => {
    const cwd = dirs.make();
    const r = runCli(['summary', '--data', 'names', ...flags, '--svg', 'net.svg'], { cwd });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Diagram of the unrolled network: net.svg');
    return readFileSync(join(cwd, 'net.svg'), 'utf8');
  };
  const count = (svg: string, text: string) => svg.split(`>${text}<`).length - 1;

  it('a 3-layer LSTM of 37 over 6 steps: 3 rows of cells carrying h and c, steps 1, 2, 3, …, T', () => {
    const svg = draw(['--model', 'lstm', '--layers', '3', '--hidden', '37', '--seq-length', '6']);
    expect(svg).toContain('<title>lstm, unrolled over T = 6 steps, 3 layers</title>');
    expect(count(svg, 'lstm, 37')).toBe(3 * 4); // 3 layers × the columns 1, 2, 3 and T (then an ellipsis)
    expect(count(svg, '…')).toBe(1 + 3 + 1 + 1); // the ellipsis column: input, 3 layers, scores, loss
    expect(count(svg, 'one-hot, 28')).toBe(4);
    expect(count(svg, 'c;  h · Wh')).toBe(3 * 2); // the state (c and h) between the drawn neighbouring steps
    for (const l of [1, 2, 3]) expect(count(svg, `(${l})`)).toBe(4);
  });

  it('a 1-layer GRU of 9 over 3 steps: every step drawn, h alone carried', () => {
    const svg = draw(['--model', 'gru', '--layers', '1', '--hidden', '9', '--seq-length', '3']);
    expect(count(svg, 'gru, 9')).toBe(3);
    expect(count(svg, '…')).toBe(0);
    expect(count(svg, 'h · Wh')).toBe(2);
    expect(count(svg, 'c;  h · Wh')).toBe(0);
  });

  it('6 layers are drawn as 1, 2, ⋮, 6; min-char-rnn with its own weight names', () => {
    const deep = draw(['--model', 'rnn', '--layers', '6', '--hidden', '8', '--seq-length', '2']);
    expect(count(deep, 'rnn, 8')).toBe(3 * 2);
    expect(count(deep, '⋮')).toBe(2);
    expect(count(deep, '(6)')).toBe(2);
    const min = draw(['--model', 'min-char-rnn', '--hidden', '50', '--seq-length', '25']);
    expect(count(min, 'tanh, 50')).toBe(4);
    for (const w of ['Wxh', 'Why']) expect(count(min, w)).toBe(4);
    expect(count(min, 'h · Whh')).toBe(2);
  });

  it('is an SVG that renders (resvg, as the Word document does) to a picture that is not blank', () => {
    const svg = draw(['--model', 'lstm', '--layers', '2', '--hidden', '16', '--seq-length', '4']);
    const image = new Resvg(svg, { fitTo: { mode: 'width', value: 600 }, background: '#ffffff' }).render();
    const pixels = image.pixels;
    let dark = 0;
    for (let i = 0; i < pixels.length; i += 4) if (pixels[i] + pixels[i + 1] + pixels[i + 2] < 3 * 128) dark++;
    expect(image.width).toBe(600);
    expect(dark / (pixels.length / 4)).toBeGreaterThan(0.005);
  });
});
