import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CELL_TYPES, OPTIMIZER_NAMES } from '@rnnlab/core';
import { RunError } from '../errors';
import type { LMSettings, MinCharSettings } from '../train/plan';
import { minCharRnnCorrespondence, modelSourcePaths, readModelSources } from './source-appendix';

const CORE = fileURLToPath(new URL('../../../core', import.meta.url));
const MIN_CHAR: MinCharSettings = { model: 'min-char-rnn', level: 'char', hiddenSize: 100, seqLength: 25, learningRate: 0.1, clip: 5, seed: 42 };
const lm = (overrides: Partial<LMSettings>): LMSettings => ({
  model: 'lstm', level: 'char', layers: 2, hiddenSize: 128, embeddingSize: null, seqLength: 50, batchSize: 50, optimizer: 'adam', learningRate: 2e-3,
  clip: 5, dropout: 0, lrDecay: 0.97, lrDecayAfter: 10, forgetBias: 1, valFraction: 0.05, seed: 42, precision: 'float64', ...overrides,
});

describe('the source-code appendix', () => {
  it('finds, in the files it prints, the line of every statement of min-char-rnn.py it maps', () => {
    const sources = readModelSources(MIN_CHAR, CORE);
    expect(sources.map((s) => s.path)).toEqual(['src/lm/min-char-rnn.ts', 'src/lm/min-char-readable.ts', 'src/optim/adagrad.ts']);
    const table = minCharRnnCorrespondence(sources);
    expect(table).toHaveLength(19);
    for (const row of table) {
      const source = sources.find((s) => s.path === row.file);
      if (source === undefined) {
        expect(row).toMatchObject({ file: 'src/data/vocab.ts', line: null }); // named, not printed
        continue;
      }
      expect(row.line, `${row.original} → ${row.file}`).not.toBeNull();
      expect(source.text.split('\n')[(row.line as number) - 1]).toContain(row.anchor);
    }
  });

  it.each(CELL_TYPES.flatMap((cell) => OPTIMIZER_NAMES.map((optimizer) => [cell, optimizer] as const)))('has every file of a %s trained with %s', (cell, optimizer) => {
    const sources = readModelSources(lm({ model: cell, optimizer, embeddingSize: 16, dropout: 0.1 }), CORE);
    expect(sources.map((s) => s.path)).toContain(`src/layers/${cell}-recurrence.ts`);
    expect(sources.map((s) => s.path)).toContain('src/layers/dropout.ts');
    for (const s of sources) expect(s.text.length).toBeGreaterThan(500);
  });

  it('prints no embedding or dropout the model does not have', () => {
    expect(modelSourcePaths(lm({}))).not.toContain('src/layers/embedding.ts');
    expect(modelSourcePaths(lm({}))).not.toContain('src/layers/dropout.ts');
  });

  it('refuses a core package without its sources in one line naming the file', () => {
    expect(() => readModelSources(MIN_CHAR, '/nonexistent')).toThrow(
      new RunError('the source of the model, /nonexistent/src/lm/min-char-rnn.ts, is missing from the installed @rnnlab/core; expected the package with its src/ folder.'),
    );
  });
});
