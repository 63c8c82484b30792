/**
 * `rnnlab data tinyshakespeare`: fetches tiny Shakespeare (1,115,394 characters, the corpus of char-rnn and of the
 * course assignment) from Karpathy's char-rnn repository into data/tinyshakespeare.txt and verifies its sha256.
 *
 * Nothing half-written is ever left at the target: the body streams into a temporary file in the same folder (so the
 * final rename is atomic), and only a matching hash renames it into place; any failure removes the temporary file.
 * Offline, the error says where to get the file and where to put it. The corpus is never committed (.gitignore).
 * Uses Node's built-in fetch (Node ≥ 20).
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { ValueError } from '../errors';
import { DataError, TINY_SHAKESPEARE, resolveDataDir } from './files';

export interface DownloadOptions {
  /** Target folder; default $RNNLAB_DATA_DIR, else the repo's data/ folder. */
  dataDir?: string;
  /** Where to fetch from; default the char-rnn address (tests point it at a local server). */
  url?: string;
  /** The sha256 (hex) the bytes must have; default tiny Shakespeare's. */
  expectedSha256?: string;
  /** Give up after this many milliseconds (default 60 000). */
  timeoutMs?: number;
}

export interface DownloadResult {
  /** Absolute path of data/tinyshakespeare.txt. */
  path: string;
  url: string;
  bytes: number;
  sha256: string;
  /** False when a file with the right hash was already there (nothing was fetched). */
  downloaded: boolean;
}

/** The sha256 of `bytes` as lower-case hex. */
export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * Downloads tiny Shakespeare into `<dataDir>/tinyshakespeare.txt` and checks its sha256. A file already there with
 * the right hash is kept; one with another hash is an error (delete it first). Throws a DataError when the address
 * cannot be reached (saying where to get the file and where to copy it), on an HTTP error, or on a hash mismatch
 * (giving both hashes; nothing is left behind).
 */
export async function downloadTinyShakespeare(options: DownloadOptions = {}): Promise<DownloadResult> {
  const fn = 'downloadTinyShakespeare';
  const url = options.url ?? TINY_SHAKESPEARE.url;
  const expected = (options.expectedSha256 ?? TINY_SHAKESPEARE.sha256).toLowerCase();
  const timeoutMs = options.timeoutMs ?? 60_000;
  if (!/^[0-9a-f]{64}$/.test(expected)) {
    throw new ValueError(`${fn}: expectedSha256 is ${JSON.stringify(options.expectedSha256)}, expected 64 hex digits`);
  }
  if (!(Number.isFinite(timeoutMs) && timeoutMs > 0)) {
    throw new ValueError(`${fn}: timeoutMs is ${String(timeoutMs)}, expected a positive number of milliseconds`);
  }
  const dataDir = resolveDataDir(options.dataDir);
  const path = join(dataDir, TINY_SHAKESPEARE.fileName);
  const manual = `download ${TINY_SHAKESPEARE.url} by other means and copy it to ${path}`;

  if (existsSync(path)) {
    const bytes = await readFile(path);
    const sha256 = sha256Hex(bytes);
    if (sha256 === expected) return { path, url, bytes: bytes.length, sha256, downloaded: false };
    throw new DataError(
      `${fn}: ${path} already exists but its sha256 is ${sha256}, expected ${expected}; delete it and run again`,
    );
  }

  let response: Response;
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
  } catch (err) {
    throw new DataError(
      `${fn}: could not download ${url} (${describeFetchError(err, timeoutMs)}). If this machine is offline, ${manual}`,
    );
  }
  if (!response.ok || response.body === null) {
    throw new DataError(
      `${fn}: ${url} answered HTTP ${response.status} ${response.statusText}, expected 200 with the file; ` +
        `check the address, or ${manual}`,
    );
  }

  await mkdir(dataDir, { recursive: true });
  const temp = join(dataDir, `.${TINY_SHAKESPEARE.fileName}.${randomBytes(6).toString('hex')}.part`);
  const hash = createHash('sha256');
  let bytes = 0;
  try {
    const file = await open(temp, 'wx');
    try {
      for await (const chunk of response.body) {
        hash.update(chunk);
        bytes += chunk.length;
        await file.write(chunk);
      }
    } finally {
      await file.close();
    }
  } catch (err) {
    await rm(temp, { force: true });
    throw new DataError(`${fn}: downloading ${url} failed after ${bytes} bytes (${describeFetchError(err, timeoutMs)}); ${manual}`);
  }
  const sha256 = hash.digest('hex');
  if (sha256 !== expected) {
    await rm(temp, { force: true });
    throw new DataError(
      `${fn}: ${url} sent ${bytes} bytes with sha256 ${sha256}, expected ${expected}; nothing was written. ` +
        `The file at that address may have changed; ${manual}`,
    );
  }
  await rename(temp, path);
  return { path, url, bytes, sha256, downloaded: true };
}

/** The most useful part of a fetch failure: `ECONNREFUSED 127.0.0.1:9`, `timed out after 60000 ms`, ... */
function describeFetchError(err: unknown, timeoutMs: number): string {
  if (err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError')) {
    return `timed out after ${timeoutMs} ms`;
  }
  type Cause = NodeJS.ErrnoException & { address?: string; port?: number; hostname?: string };
  const cause = err instanceof Error ? (err.cause as Cause | undefined) : undefined;
  if (cause && typeof cause === 'object') {
    const where = cause.address ? ` ${cause.address}${cause.port ? `:${cause.port}` : ''}` : cause.hostname ? ` ${cause.hostname}` : '';
    return cause.code ? `${cause.code}${where}` : cause.message;
  }
  return err instanceof Error ? err.message : String(err);
}
