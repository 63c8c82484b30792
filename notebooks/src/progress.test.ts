import { describe, expect, it } from 'vitest';
import type { MimeBundle } from './display';
import { progressBundle, trainingProgress } from './progress';

/** A display that records what it was asked to show. */
function recorder() {
  const shown: MimeBundle[] = [];
  return { shown, output: { show: (b: MimeBundle) => void shown.push(b) } };
}

describe('trainingProgress', () => {
  it('draws at the start, then at most every everyMs and always at the last step and at done()', async () => {
    const { shown, output } = recorder();
    const progress = trainingProgress({ total: 100, everyMs: 1e9 }, output);
    for (let step = 1; step <= 100; step++) await progress.update(step, { loss: 10 / step });
    progress.done();
    expect(shown.length).toBe(3); // the start, step 100 (the last), done()
    expect(progress.redraws).toBe(3);
    expect(shown[1]['text/plain']).toMatch(/^step 100 \/ 100 · loss 0\.1000 · \d+\.\d s$/);
  });

  it('redraws on every update when everyMs is 0', async () => {
    const { shown, output } = recorder();
    const progress = trainingProgress({ total: 5, everyMs: 0, title: 'fit' }, output);
    for (let step = 1; step <= 5; step++) await progress.update(step, { loss: 1 });
    expect(shown.map((b) => (b['text/plain'] as string).split(' · ')[0])).toEqual(
      ['fit: step 0 / 5', 'fit: step 1 / 5', 'fit: step 2 / 5', 'fit: step 3 / 5', 'fit: step 4 / 5', 'fit: step 5 / 5'],
    );
  });
});

describe('progressBundle', () => {
  it('shows a bar, the numbers and a sparkline of the history as HTML, and the numbers as text', () => {
    const history = [{ step: 1, value: 3 }, { step: 2, value: 2 }, { step: 3, value: 1.5 }];
    const bundle = progressBundle({ total: 10, title: 'a <b>' }, 3, { loss: 1.5, lr: 0.1 }, history, 2.04);
    expect(bundle['text/plain']).toBe('a <b>: step 3 / 10 · loss 1.5000 · lr 0.1000 · 2.0 s');
    expect(bundle['text/html']).toContain('<progress value="3" max="10"');
    expect(bundle['text/html']).toContain('data-step="3"');
    expect(bundle['text/html']).toContain('a &lt;b&gt;');
    expect(bundle['text/html']).toMatch(/<polyline [^>]*points="2\.0,2\.0 [\d.]+,[\d.]+ 158\.0,30\.0"/);
  });
});
