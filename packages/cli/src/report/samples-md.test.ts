import { describe, expect, it } from 'vitest';
import { ValueError } from '@rnnlab/core';
import { type SampleRecord, formatSummaryValue, renderSamplesMarkdown } from './samples-md';

/** The fenced code blocks of a Markdown text: opening fence (a backtick run of 3+), its content up to the same fence. */
function codeBlocks(md: string): { fence: string; content: string }[] {
  return [...md.matchAll(/^(`{3,})text\n([\s\S]*?)\n\1$/gm)].map((m) => ({ fence: m[1], content: m[2] }));
}

describe('renderSamplesMarkdown', () => {
  it('writes a heading per iteration, in iteration order', () => {
    const samples: SampleRecord[] = [
      { iter: 500, text: 'c' }, { iter: 0, text: 'z' }, { iter: 5, text: 'a' }, { iter: 1, text: 'b' }, { iter: 50, text: 'd' },
    ];
    const headings = renderSamplesMarkdown(samples, { title: 'Samples' }).match(/^## .*$/gm);
    expect(headings).toEqual([
      '## Before training (iteration 0)', '## After 1 iteration', '## After 5 iterations', '## After 50 iterations', '## After 500 iterations',
    ]);
  });

  it('groups several samples of one iteration under one heading, in the order given', () => {
    const md = renderSamplesMarkdown([{ iter: 5, text: 'hot', temperature: 2 }, { iter: 5, text: 'cold', temperature: 0.5 }], { title: 'T' });
    expect(md.match(/^## /gm)).toHaveLength(1);
    expect(codeBlocks(md).map((b) => b.content)).toEqual(['hot', 'cold']);
  });

  it('uses a fence longer than any backtick run in the sample, so the text comes back whole', () => {
    const text = 'a ``` b\n````\n```js\n`inline` x `` y';
    const md = renderSamplesMarkdown([{ iter: 5, text }, { iter: 6, text: 'plain' }], { title: 'T' });
    expect(codeBlocks(md)).toEqual([{ fence: '`````', content: text }, { fence: '```', content: 'plain' }]);
  });

  it('writes the settings line of each sample', () => {
    const md = renderSamplesMarkdown(
      [
        { iter: 1, text: 'x', temperature: 0.8, topK: 5, prime: 'The `x`\n' },
        { iter: 2, text: 'y', argmax: true, topK: 3 },
        { iter: 3, text: 'z' },
      ],
      { title: 'T' },
    );
    expect(md).toContain('Settings: temperature 0.8, top-k 5, primed with ``"The `x`\\n"``\n');
    expect(md).toContain('Settings: argmax (greedy)\n');
    expect(md).toContain('Settings: default settings\n');
  });

  it('writes the title and the summary, escaping Markdown and quoting strings as code', () => {
    const md = renderSamplesMarkdown([{ iter: 0, text: 'x' }], {
      title: 'char_rnn *run*',
      summary: { model: 'lstm', parameters: 123456, 'smooth loss': 1.23456789, command: 'rnnlab train --lr `1`', note: '' },
    });
    expect(md.startsWith('# char\\_rnn \\*run\\*\n\n')).toBe(true);
    expect(md).toContain('- **model**: `lstm`\n');
    expect(md).toContain('- **parameters**: 123,456\n');
    expect(md).toContain('- **smooth loss**: 1.23457\n');
    expect(md).toContain('- **command**: `` rnnlab train --lr `1` ``\n');
    expect(md).toContain('- **note**: *(empty)*\n');
  });

  it('shows control characters as control pictures and turns CRLF into LF', () => {
    const md = renderSamplesMarkdown([{ iter: 1, text: 'a\r\nb\x00c\x1b' }], { title: 'T' });
    expect(codeBlocks(md)[0].content).toBe('a\nb\u2400c\u241b');
  });

  it('says so when there are no samples', () => {
    expect(renderSamplesMarkdown([], { title: 'T' })).toBe('# T\n\nNo samples were recorded.\n');
  });

  const bad: { name: string; call: () => string; message: string }[] = [
    { name: 'an empty title', call: () => renderSamplesMarkdown([], { title: '' }), message: 'renderSamplesMarkdown: options.title is "", expected a non-empty string' },
    { name: 'missing options', call: () => renderSamplesMarkdown([], undefined as never), message: 'renderSamplesMarkdown: options is undefined, expected an object' },
    { name: 'samples that are not an array', call: () => renderSamplesMarkdown({} as never, { title: 'T' }), message: 'renderSamplesMarkdown: samples is object, expected an array' },
    { name: 'a null sample', call: () => renderSamplesMarkdown([null as never], { title: 'T' }), message: 'renderSamplesMarkdown: samples[0] is null, expected a sample record' },
    { name: 'a NaN iteration', call: () => renderSamplesMarkdown([{ iter: 1, text: 'a' }, { iter: NaN, text: 'b' }], { title: 'T' }), message: 'renderSamplesMarkdown: samples[1].iter is NaN, expected an integer >= 0' },
    { name: 'a missing text', call: () => renderSamplesMarkdown([{ iter: 1 } as SampleRecord], { title: 'T' }), message: 'renderSamplesMarkdown: samples[0].text is undefined, expected a string' },
    { name: 'an infinite temperature', call: () => renderSamplesMarkdown([{ iter: 1, text: 'a', temperature: Infinity }], { title: 'T' }), message: 'renderSamplesMarkdown: samples[0].temperature is Infinity, expected a finite number >= 0' },
    { name: 'a non-boolean argmax', call: () => renderSamplesMarkdown([{ iter: 1, text: 'a', argmax: 1 as never }], { title: 'T' }), message: 'renderSamplesMarkdown: samples[0].argmax is 1, expected a boolean' },
    { name: 'a non-string prime', call: () => renderSamplesMarkdown([{ iter: 1, text: 'a', prime: 3 as never }], { title: 'T' }), message: 'renderSamplesMarkdown: samples[0].prime is number, expected a string' },
    { name: 'a summary that is an array', call: () => renderSamplesMarkdown([], { title: 'T', summary: [] as never }), message: 'renderSamplesMarkdown: options.summary is an array, expected an object of strings and numbers' },
    { name: 'a boolean summary value', call: () => renderSamplesMarkdown([], { title: 'T', summary: { ok: true as never } }), message: 'renderSamplesMarkdown: options.summary["ok"] is boolean, expected a string or a number' },
  ];
  it.each(bad)('rejects $name with a ValueError naming the field', ({ call, message }) => {
    expect(call).toThrow(ValueError);
    expect(call).toThrow(message);
  });
});

describe('formatSummaryValue', () => {
  it('groups large integers, rounds other numbers to 6 significant digits and keeps non-finite values', () => {
    expect([1234, 12345, -1234567, 0.000123456789, 4.174387, 1e-9, NaN, -Infinity, 'x'].map(formatSummaryValue)).toEqual([
      '1234', '12,345', '-1,234,567', '0.000123457', '4.17439', '1e-9', 'NaN', '-Infinity', 'x',
    ]);
  });
});
