import { describe, expect, it } from 'vitest';
import { ValueError } from '@rnnlab/core';
import { type LogRecord, type ReportInput, MAX_PLOT_POINTS, decimateLog, readUplot, renderReportHtml } from './report';

const HOSTILE = '</script><script>alert(1)</script> <!-- & "quotes" \'too\'';
const uplotBundle = readUplot('uPlot.iife.min.js');
const uplotCss = readUplot('uPlot.min.css');

/** A log shaped like training: loss decaying from ln 65 with a deterministic wiggle; validation every `valEvery`. */
function makeLog(n: number, valEvery = 0): LogRecord[] {
  return Array.from({ length: n }, (_, i) => {
    const smoothLoss = 1.4 + 2.77 * Math.exp(-i / (n / 5));
    const r: LogRecord = { iter: i + 1, loss: smoothLoss + 0.3 * Math.sin(i * 1.7), smoothLoss };
    if (valEvery > 0 && (i + 1) % valEvery === 0) r.valLoss = smoothLoss + 0.05;
    return r;
  });
}

function makeInput(overrides: Partial<ReportInput> = {}): ReportInput {
  return {
    title: 'char-rnn on tiny-shakespeare',
    summary: { model: 'lstm', corpus: 'tiny-shakespeare.txt', 'vocab size': 65, parameters: 1234567, 'final smooth loss': 1.4123456, seed: 42, command: 'rnnlab train --model lstm --iterations 1000' },
    lossLabel: 'loss (nats per character, mean)',
    log: makeLog(50, 10),
    samples: [
      { iter: 0, text: 'zQ&x', temperature: 1 },
      { iter: 5, text: HOSTILE, temperature: 0.8, topK: 5, prime: 'The ' },
      { iter: 50, text: 'ROMEO:\n  What, ho!', argmax: true },
    ],
    ...overrides,
  };
}

/** The parsed JSON data block. */
function dataBlock(html: string): { log: LogRecord[]; samples: unknown[]; lossLabel: string; totalLogRecords: number } {
  const match = /<script type="application\/json" id="rnnlab-data">([\s\S]*?)<\/script>/.exec(html);
  expect(match).not.toBeNull();
  return JSON.parse(match![1]);
}

/** The page with the inlined uPlot script and CSS cut out, so checks look only at what the report itself wrote. */
function withoutBundle(html: string): string {
  expect(html).toContain(uplotBundle);
  expect(html).toContain(uplotCss);
  return html.replace(uplotBundle, '').replace(uplotCss, '');
}

describe('renderReportHtml', () => {
  it('inlines uPlot and loads nothing from the network', () => {
    const html = renderReportHtml(makeInput());
    expect(html).toContain(`<script>${uplotBundle}</script>`);
    expect(html).toContain(`<style>${uplotCss}</style>`);
    const own = withoutBundle(html);
    expect(own).not.toMatch(/<script[^>]*\ssrc=/i);
    expect(own).not.toMatch(/<link\b/i);
    expect(own).not.toMatch(/(src|href)\s*=\s*["']?(https?:)?\/\//i);
    expect(own).not.toMatch(/@import|url\(/i);
  });

  it('escapes hostile sample text in the table and in the JSON block', () => {
    const html = renderReportHtml(makeInput());
    const own = withoutBundle(html);
    expect(own).not.toContain('<script>alert(1)');
    expect(own).not.toContain('<!--');
    expect(own).toContain('&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt; &lt;!-- &amp; &quot;quotes&quot; &#39;too&#39;');
    // Exactly three script elements open and close: data, uPlot, the plot.
    expect(own.match(/<script\b/gi)).toHaveLength(3);
    expect(own.match(/<\/script/gi)).toHaveLength(3);
    expect(dataBlock(html).samples[1]).toEqual(makeInput().samples[1]);
  });

  it('shows one card per sample, sorted by iteration, keeping the order within an iteration', () => {
    const samples = [
      { iter: 500, text: 'c' },
      { iter: 5, text: 'a1', temperature: 0.5 },
      { iter: 0, text: 'z' },
      { iter: 5, text: 'a2', temperature: 1.5 },
    ];
    const html = renderReportHtml(makeInput({ samples }));
    const iters = [...html.matchAll(/<figure class="sample" data-iter="(\d+)"><figcaption><strong class="iter">([^<]*)<\/strong>/g)].map((m) => [Number(m[1]), m[2]]);
    expect(iters).toEqual([[0, 'Before training (iteration 0)'], [5, 'After 5 iterations'], [5, 'After 5 iterations'], [500, 'After 500 iterations']]);
    expect(html.indexOf('temperature 0.5')).toBeLessThan(html.indexOf('temperature 1.5'));
  });

  it('keeps whitespace in samples, including a leading newline the HTML parser would otherwise drop', () => {
    const html = renderReportHtml(makeInput({ samples: [{ iter: 3, text: '\n  two spaces\tand a tab\n' }] }));
    expect(html).toContain('<pre>\n\n  two spaces\tand a tab\n</pre>');
  });

  it('shows control characters as control pictures', () => {
    const html = renderReportHtml(makeInput({ samples: [{ iter: 1, text: 'a\x00b\r\nc\rd\x7f' }] }));
    expect(html).toContain('<pre>\na\u2400b\nc\u240dd\u2421</pre>');
  });

  it('describes the sampling settings of each sample', () => {
    const html = renderReportHtml(makeInput());
    expect(html).toContain('<span class="settings">temperature 1</span>');
    expect(html).toContain('<span class="settings">temperature 0.8, top-k 5<br>primed with <code>&quot;The &quot;</code></span>');
    expect(html).toContain('<span class="settings">argmax (greedy)</span>');
  });

  it('embeds the log as JSON that parses back to the records', () => {
    const input = makeInput();
    const data = dataBlock(renderReportHtml(input));
    expect(data.log).toEqual(input.log);
    expect(data.totalLogRecords).toBe(50);
    expect(data.lossLabel).toBe('loss (nats per character, mean)');
  });

  it('writes non-finite losses as null (a gap in the plot)', () => {
    const log: LogRecord[] = [{ iter: 1, loss: 4.1, smoothLoss: 4.1 }, { iter: 2, loss: NaN, smoothLoss: Infinity }];
    const data = dataBlock(renderReportHtml(makeInput({ log })));
    expect(data.log[1]).toEqual({ iter: 2, loss: null, smoothLoss: null });
  });

  it('lists every summary field with its value', () => {
    const own = withoutBundle(renderReportHtml(makeInput()));
    expect(own).toContain('<tr><th scope="row">model</th><td>lstm</td></tr>');
    expect(own).toContain('<tr><th scope="row">vocab size</th><td>65</td></tr>');
    expect(own).toContain('<tr><th scope="row">parameters</th><td>1,234,567</td></tr>');
    expect(own).toContain('<tr><th scope="row">final smooth loss</th><td>1.41235</td></tr>');
    expect(own).toContain('<tr><th scope="row">seed</th><td>42</td></tr>');
    expect(own).toContain('<td><code>rnnlab train --model lstm --iterations 1000</code></td>');
    expect(own).toContain('<title>char-rnn on tiny-shakespeare</title>');
  });

  it('notes an early stop, and says nothing of one otherwise', () => {
    const stopped = renderReportHtml(makeInput({ stoppedEarly: { iteration: 37, reason: 'loss is NaN <b>' } }));
    expect(stopped).toContain('<strong>Training stopped early</strong> at iteration 37: loss is NaN &lt;b&gt;');
    expect(dataBlock(stopped)).toMatchObject({ stoppedEarly: { iteration: 37, reason: 'loss is NaN <b>' } });
    expect(renderReportHtml(makeInput())).not.toContain('stopped early</strong>');
  });

  it('says so when there is no log or no sample, and then does not inline uPlot', () => {
    const html = renderReportHtml(makeInput({ log: [], samples: [] }));
    expect(html).toContain('No loss was logged for this run.');
    expect(html).toContain('No samples were recorded.');
    expect(html).not.toContain(uplotBundle);
    expect(html.length).toBeLessThan(20_000);
  });

  it('caps the embedded log of a long run', () => {
    const data = dataBlock(renderReportHtml(makeInput({ log: makeLog(20_000, 1000) })));
    expect(data.totalLogRecords).toBe(20_000);
    expect(data.log.length).toBeLessThanOrEqual(MAX_PLOT_POINTS);
    expect(data.log.filter((r) => r.valLoss !== undefined)).toHaveLength(20);
  });

  it('has a noscript note for the plot', () => {
    expect(renderReportHtml(makeInput())).toMatch(/<noscript>[\s\S]*needs JavaScript[\s\S]*<\/noscript>/);
  });

  const bad: { name: string; input: ReportInput; message: string }[] = [
    { name: 'an empty title', input: makeInput({ title: '  ' }), message: 'renderReportHtml: input.title is "  ", expected a non-empty string' },
    { name: 'an empty loss label', input: makeInput({ lossLabel: '' }), message: 'renderReportHtml: input.lossLabel is "", expected a non-empty string' },
    { name: 'a summary value that is an object', input: makeInput({ summary: { model: {} as unknown as string } }), message: 'renderReportHtml: input.summary["model"] is object, expected a string or a number' },
    { name: 'a log that is not an array', input: makeInput({ log: null as unknown as LogRecord[] }), message: 'renderReportHtml: input.log is null, expected an array of log records' },
    { name: 'a non-finite log iteration', input: makeInput({ log: [{ iter: NaN, loss: 1, smoothLoss: 1 }] }), message: 'renderReportHtml: input.log[0].iter is NaN, expected an integer >= 0' },
    { name: 'a log out of order', input: makeInput({ log: [{ iter: 5, loss: 1, smoothLoss: 1 }, { iter: 5, loss: 1, smoothLoss: 1 }] }), message: 'renderReportHtml: input.log[1].iter is 5, expected more than input.log[0].iter = 5 (the log must be in increasing iteration order)' },
    { name: 'a missing loss', input: makeInput({ log: [{ iter: 1, smoothLoss: 1 } as LogRecord] }), message: 'renderReportHtml: input.log[0].loss is undefined, expected a number' },
    { name: 'a string validation loss', input: makeInput({ log: [{ iter: 1, loss: 1, smoothLoss: 1, valLoss: '2' as unknown as number }] }), message: 'renderReportHtml: input.log[0].valLoss is string, expected a number' },
    { name: 'a negative sample iteration', input: makeInput({ samples: [{ iter: -1, text: 'x' }] }), message: 'renderReportHtml: input.samples[0].iter is -1, expected an integer >= 0' },
    { name: 'an infinite sample iteration', input: makeInput({ samples: [{ iter: Infinity, text: 'x' }] }), message: 'renderReportHtml: input.samples[0].iter is Infinity, expected an integer >= 0' },
    { name: 'a sample text that is not a string', input: makeInput({ samples: [{ iter: 1, text: 5 as unknown as string }] }), message: 'renderReportHtml: input.samples[0].text is number, expected a string' },
    { name: 'a negative temperature', input: makeInput({ samples: [{ iter: 1, text: 'x', temperature: -1 }] }), message: 'renderReportHtml: input.samples[0].temperature is -1, expected a finite number >= 0' },
    { name: 'a zero top-k', input: makeInput({ samples: [{ iter: 1, text: 'x', topK: 0 }] }), message: 'renderReportHtml: input.samples[0].topK is 0, expected an integer >= 1' },
    { name: 'a fractional stop iteration', input: makeInput({ stoppedEarly: { iteration: 1.5, reason: 'NaN' } }), message: 'renderReportHtml: input.stoppedEarly.iteration is 1.5, expected an integer >= 0' },
    { name: 'an empty stop reason', input: makeInput({ stoppedEarly: { iteration: 1, reason: '' } }), message: 'renderReportHtml: input.stoppedEarly.reason is "", expected a non-empty string' },
  ];
  it.each(bad)('rejects $name with a ValueError naming the field', ({ input, message }) => {
    expect(() => renderReportHtml(input)).toThrow(ValueError);
    expect(() => renderReportHtml(input)).toThrow(message);
  });

  it('rejects an input that is not an object', () => {
    expect(() => renderReportHtml(undefined as unknown as ReportInput)).toThrow(
      new ValueError('renderReportHtml: input is undefined, expected a ReportInput object'),
    );
  });

  it('keeps a report small: a 20-iteration run under 100 kB, a 1,000-point one under 250 kB', () => {
    expect(renderReportHtml(makeInput({ log: makeLog(20) })).length).toBeLessThan(100_000);
    const html = renderReportHtml(makeInput({ log: makeLog(1000, 100), stoppedEarly: undefined }));
    expect(dataBlock(html).log).toHaveLength(1000);
    expect(html.length).toBeLessThan(250_000);
  });
});

describe('decimateLog', () => {
  it('returns a short log whole (as a copy)', () => {
    const log = makeLog(100, 10);
    const out = decimateLog(log, 100);
    expect(out).toEqual(log);
    expect(out).not.toBe(log);
  });

  it('keeps the first, the last and every validation record, in order, within the cap', () => {
    const log = makeLog(100_003, 997);
    const out = decimateLog(log);
    expect(out.length).toBeLessThanOrEqual(MAX_PLOT_POINTS);
    expect(out.length).toBeGreaterThan(MAX_PLOT_POINTS * 0.9);
    expect(out[0]).toBe(log[0]);
    expect(out[out.length - 1]).toBe(log[log.length - 1]);
    expect(out.filter((r) => r.valLoss !== undefined)).toEqual(log.filter((r) => r.valLoss !== undefined));
    expect(out.every((r, i) => i === 0 || r.iter > out[i - 1].iter)).toBe(true);
  });

  it('keeps every validation record even when they alone exceed the cap', () => {
    const log = makeLog(1000, 2);
    const out = decimateLog(log, 100);
    expect(out).toHaveLength(501); // 500 validation records + the first
    expect(out[0]).toBe(log[0]);
  });

  it('rejects a cap below 2 and a log out of order', () => {
    expect(() => decimateLog(makeLog(10), 1)).toThrow(new ValueError('decimateLog: maxPoints is 1, expected an integer >= 2'));
    expect(() => decimateLog([{ iter: 2, loss: 1, smoothLoss: 1 }, { iter: 1, loss: 1, smoothLoss: 1 }])).toThrow(
      new ValueError('decimateLog: log[1].iter is 1, expected more than log[0].iter = 2 (the log must be in increasing iteration order)'),
    );
  });
});
