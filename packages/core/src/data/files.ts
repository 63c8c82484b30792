/**
 * Where corpora live on disk and how a text file becomes a corpus: the repo's `data/` folder, the tiny-Shakespeare
 * constants, `DataError`, and the checks every corpus text passes (UTF-8, no NUL bytes, at least 2 characters and
 * 2 distinct symbols — a language model needs something to predict).
 *
 * The data folder is, in order: the `dataDir` option; the environment variable RNNLAB_DATA_DIR; the repo's `data/`
 * folder found from this module's own location. The module sits at packages/core/src/data/files.ts when vitest runs
 * the sources and at packages/core/dist/data/files.js after the tsc build; both are four levels below the repo root,
 * so `<module dir>/../../../../data` is the repo's `data/` in either case.
 */
import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { ValueError } from '../errors';

/** A corpus file is missing, unreadable, not UTF-8 text, too small, or failed its checksum. */
export class DataError extends ValueError {
  override name = 'DataError';
}

/** Environment variable that overrides the default data folder. */
export const DATA_DIR_ENV = 'RNNLAB_DATA_DIR';

/** Tiny Shakespeare: where it comes from (Karpathy's char-rnn repository), its file name in `data/`, its sha256. */
export const TINY_SHAKESPEARE = Object.freeze({
  url: 'https://raw.githubusercontent.com/karpathy/char-rnn/master/data/tinyshakespeare/input.txt',
  fileName: 'tinyshakespeare.txt',
  sha256: '86c4e6aa9db7c042ec79f339dcb96d42b0075e16b8fc2e86bf0ca57e2dc565ed',
});

/** The data folder: `dataDir` if given, else $RNNLAB_DATA_DIR if set, else the repo's `data/` (absolute path). */
export function resolveDataDir(dataDir?: string): string {
  if (dataDir !== undefined) {
    if (typeof dataDir !== 'string' || dataDir.length === 0) {
      throw new ValueError(`resolveDataDir: dataDir is ${JSON.stringify(dataDir)}, expected a non-empty folder path`);
    }
    return resolve(dataDir);
  }
  const fromEnv = process.env[DATA_DIR_ENV];
  if (fromEnv !== undefined && fromEnv.length > 0) return resolve(fromEnv);
  return resolve(__dirname, '..', '..', '..', '..', 'data');
}

/**
 * Reads a UTF-8 text file and checks it is usable as a corpus. Throws a DataError naming `path` when it is missing,
 * a directory or not a regular file (a device such as /dev/zero, a pipe), contains NUL bytes (binary), is not valid UTF-8, or is too small (see `checkCorpusText`).
 * A leading byte-order mark is dropped; line endings are kept as they are.
 */
export function readTextFile(fn: string, path: string): string {
  let bytes: Buffer;
  try {
    const stat = statSync(path);
    if (stat.isDirectory()) {
      throw new DataError(`${fn}: ${path} is a directory, expected a UTF-8 text file`);
    }
    // A device or a pipe (/dev/zero, /dev/stdin) could be read forever.
    if (!stat.isFile()) throw new DataError(`${fn}: ${path} is not a regular file (a device, a pipe or a socket), expected a UTF-8 text file`);
    bytes = readFileSync(path);
  } catch (err) {
    if (err instanceof DataError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new DataError(`${fn}: file ${path} does not exist, expected a UTF-8 text file`);
    throw new DataError(`${fn}: cannot read ${path} (${(err as Error).message}), expected a readable UTF-8 text file`);
  }
  const utf16 = bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff));
  if (utf16) {
    throw new DataError(`${fn}: ${path} is UTF-16 (it starts with a UTF-16 byte-order mark), expected UTF-8 text; convert it, e.g. iconv -f UTF-16 -t UTF-8`);
  }
  const nul = bytes.indexOf(0);
  if (nul >= 0) {
    throw new DataError(`${fn}: ${path} contains a NUL byte at offset ${nul} (a binary file?), expected UTF-8 text`);
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new DataError(`${fn}: ${path} is not valid UTF-8 (${bytes.length} bytes), expected a UTF-8 text file`);
  }
  checkCorpusText(fn, path, text);
  return text;
}

/** Throws a DataError unless `text` has at least 2 characters and at least 2 distinct ones. */
export function checkCorpusText(fn: string, label: string, text: string): void {
  const distinct = new Set(text);
  const chars = countCodePoints(text);
  if (chars < 2 || distinct.size < 2) {
    const got = chars === 0 ? 'is empty' : `has ${chars} character(s), ${distinct.size} distinct`;
    throw new DataError(
      `${fn}: ${label} ${got}, expected a text with at least 2 characters and at least 2 distinct symbols to model`,
    );
  }
}

/** The number of characters (code points; a surrogate pair counts once) in `text`. */
export function countCodePoints(text: string): number {
  let n = text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xdc00 && c <= 0xdfff && i > 0) {
      const p = text.charCodeAt(i - 1);
      if (p >= 0xd800 && p <= 0xdbff) n--;
    }
  }
  return n;
}
