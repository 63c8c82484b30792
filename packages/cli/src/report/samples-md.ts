/**
 * samples.md — the text a model produced at each requested iteration (the assignment's "outputs after 5, 50 and
 * 500 iterations"), as Markdown a student can read raw or hand in. Also the pieces both run writers share (this
 * file and report.ts): checking and ordering sample records, describing the sampling settings, headings, and
 * formatting the run summary.
 *
 * Layout of the file:
 *
 *     # <title>
 *     - **model**: `lstm`            (the summary, when given; strings in code spans, numbers plain)
 *     ## Before training (iteration 0)
 *     Settings: temperature 1, top-k 5, primed with `"The "`
 *     ````text                       (fence one backtick longer than the longest run inside the sample)
 *     <sample text>
 *     ````
 *     ## After 5 iterations
 *     ...
 *
 * Samples are shown in increasing iteration order (a stable sort, so several samples taken at one iteration keep the
 * order given and share one heading). Text is written as generated, except that CRLF becomes LF and the other control
 * characters (NUL..US but tab and newline, and DEL) are shown as their Unicode control pictures (U+2400..U+2421), so a
 * stray NUL or carriage return cannot garble the page or make the file look binary.
 */
import { ValueError, checkInteger } from '@rnnlab/core';

/** One generated sample. `iter`: training iterations done when it was taken (0 = before training). */
export interface SampleRecord {
  iter: number;
  text: string;
  temperature?: number;
  topK?: number;
  argmax?: boolean;
  prime?: string;
}

/** Options of `renderSamplesMarkdown`. `summary`: run facts (model, corpus, seed, ...) listed under the title. */
export interface SamplesMarkdownOptions {
  title: string;
  summary?: Record<string, string | number>;
}

/**
 * Renders samples.md: a heading per iteration ("## Before training (iteration 0)", "## After 5 iterations"), a
 * settings line per sample and the sample in a fenced code block that no backtick run in the text can close.
 * `samples`: any order (shown sorted by iteration); `options.title`: a non-empty string.
 */
export function renderSamplesMarkdown(samples: SampleRecord[], options: SamplesMarkdownOptions): string {
  const fn = 'renderSamplesMarkdown';
  if (options === null || typeof options !== 'object') throw new ValueError(`${fn}: options is ${String(options)}, expected an object`);
  checkTitle(fn, 'options.title', options.title);
  const summary = options.summary === undefined ? [] : checkSummary(fn, 'options.summary', options.summary);
  const sorted = checkSamples(fn, 'samples', samples);

  const lines = [`# ${markdownInline(options.title)}`, ''];
  for (const [key, value] of summary) lines.push(`- **${markdownInline(key)}**: ${markdownSummaryValue(value)}`);
  if (summary.length > 0) lines.push('');
  if (sorted.length === 0) lines.push('No samples were recorded.', '');
  sorted.forEach((sample, i) => {
    if (i === 0 || sorted[i - 1].iter !== sample.iter) lines.push(`## ${iterationHeading(sample.iter)}`, '');
    const { sampling, prime } = describeSampling(sample);
    lines.push(`Settings: ${sampling}${prime === undefined ? '' : `, primed with ${codeSpan(prime)}`}`, '');
    const text = showControlCharacters(sample.text);
    const fence = '`'.repeat(Math.max(3, longestRun(text, '`') + 1));
    lines.push(`${fence}text`, text, fence, '');
  });
  return lines.join('\n');
}

/** "Before training (iteration 0)", "After 1 iteration", "After 500 iterations". */
export function iterationHeading(iter: number): string {
  if (iter === 0) return 'Before training (iteration 0)';
  return `After ${iter} iteration${iter === 1 ? '' : 's'}`;
}

/**
 * The sampling settings in words: `sampling` is "argmax (greedy)" or "temperature 0.8, top-k 5" (or "default
 * settings" when none were recorded); `prime` is the priming text JSON-quoted (so whitespace shows), when given.
 */
export function describeSampling(sample: SampleRecord): { sampling: string; prime?: string } {
  const parts: string[] = [];
  if (sample.argmax === true) parts.push('argmax (greedy)');
  else if (sample.temperature !== undefined) parts.push(`temperature ${sample.temperature}`);
  if (sample.topK !== undefined && sample.argmax !== true) parts.push(`top-k ${sample.topK}`);
  const sampling = parts.length > 0 ? parts.join(', ') : 'default settings';
  return sample.prime === undefined || sample.prime === '' ? { sampling } : { sampling, prime: JSON.stringify(sample.prime) };
}

/** CRLF → LF; other control characters except tab and newline → their Unicode control pictures (U+2400..U+2421). */
export function showControlCharacters(text: string): string {
  return text
    .replace(/\r\n/g, '\n')
    .replace(/[\x00-\x08\x0b-\x1f\x7f]/g, (c) => String.fromCharCode(c === '\x7f' ? 0x2421 : 0x2400 + c.charCodeAt(0)));
}

/** A summary value as shown: integers of 10,000 or more get thousands separators, other numbers 6 significant digits. */
export function formatSummaryValue(value: string | number): string {
  if (typeof value === 'string') return value;
  if (!Number.isFinite(value)) return String(value);
  if (Number.isInteger(value)) return Math.abs(value) >= 10_000 ? value.toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',') : String(value);
  return String(Number(value.toPrecision(6)));
}

/** Checks a title argument: a non-empty string. */
export function checkTitle(fn: string, arg: string, title: unknown): asserts title is string {
  if (typeof title !== 'string' || title.trim() === '') {
    throw new ValueError(`${fn}: ${arg} is ${JSON.stringify(title) ?? String(title)}, expected a non-empty string`);
  }
}

/** Checks a run summary (values strings or numbers; non-finite numbers allowed, a diverged run has them). */
export function checkSummary(fn: string, arg: string, summary: unknown): [string, string | number][] {
  if (summary === null || typeof summary !== 'object' || Array.isArray(summary)) {
    throw new ValueError(`${fn}: ${arg} is ${Array.isArray(summary) ? 'an array' : String(summary)}, expected an object of strings and numbers`);
  }
  const entries = Object.entries(summary as Record<string, unknown>);
  for (const [key, value] of entries) {
    if (typeof value !== 'string' && typeof value !== 'number') {
      throw new ValueError(`${fn}: ${arg}[${JSON.stringify(key)}] is ${value === null ? 'null' : typeof value}, expected a string or a number`);
    }
  }
  return entries as [string, string | number][];
}

/** Checks every sample record and returns them stably sorted by iteration. */
export function checkSamples(fn: string, arg: string, samples: unknown): SampleRecord[] {
  if (!Array.isArray(samples)) throw new ValueError(`${fn}: ${arg} is ${samples === null ? 'null' : typeof samples}, expected an array`);
  samples.forEach((s: SampleRecord, i) => {
    const at = `${arg}[${i}]`;
    if (s === null || typeof s !== 'object') throw new ValueError(`${fn}: ${at} is ${String(s)}, expected a sample record`);
    checkInteger(fn, `${at}.iter`, s.iter, 0);
    if (typeof s.text !== 'string') throw new ValueError(`${fn}: ${at}.text is ${s.text === null ? 'null' : typeof s.text}, expected a string`);
    if (s.temperature !== undefined && !(typeof s.temperature === 'number' && Number.isFinite(s.temperature) && s.temperature >= 0)) {
      throw new ValueError(`${fn}: ${at}.temperature is ${String(s.temperature)}, expected a finite number >= 0`);
    }
    if (s.topK !== undefined) checkInteger(fn, `${at}.topK`, s.topK, 1);
    if (s.argmax !== undefined && typeof s.argmax !== 'boolean') throw new ValueError(`${fn}: ${at}.argmax is ${String(s.argmax)}, expected a boolean`);
    if (s.prime !== undefined && typeof s.prime !== 'string') throw new ValueError(`${fn}: ${at}.prime is ${typeof s.prime}, expected a string`);
  });
  return samples.map((s: SampleRecord, i) => ({ s, i })).sort((a, b) => a.s.iter - b.s.iter || a.i - b.i).map(({ s }) => s);
}

/** Length of the longest run of `ch` in `text`. */
function longestRun(text: string, ch: string): number {
  let best = 0;
  let run = 0;
  for (const c of text) {
    run = c === ch ? run + 1 : 0;
    if (run > best) best = run;
  }
  return best;
}

/** A code span no backtick inside `text` can close (CommonMark: padded when the text starts or ends with a backtick or
 * with spaces on both sides, which the parser would strip). */
function codeSpan(text: string): string {
  const flat = text.replace(/\r?\n/g, ' ');
  const ticks = '`'.repeat(longestRun(flat, '`') + 1);
  const spaced = flat.startsWith(' ') && flat.endsWith(' ') && flat.trim() !== '';
  const pad = flat.startsWith('`') || flat.endsWith('`') || spaced ? ' ' : '';
  return `${ticks}${pad}${flat}${pad}${ticks}`;
}

/** Text on one line with the Markdown punctuation that could change its meaning backslash-escaped. */
function markdownInline(text: string): string {
  return text.replace(/\s*\r?\n\s*/g, ' ').replace(/[\\`*_[\]<>|~#]/g, (c) => `\\${c}`);
}

function markdownSummaryValue(value: string | number): string {
  if (typeof value === 'number') return formatSummaryValue(value);
  return value === '' ? '*(empty)*' : codeSpan(value);
}
