import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ValueError } from '../errors';
import { downloadTinyShakespeare, sha256Hex } from './download';
import { DataError, TINY_SHAKESPEARE } from './files';

// Never touches the internet: a local server on 127.0.0.1 serves the payloads, and a port that was just closed
// stands in for being offline.
const good = Buffer.from('First Citizen:\nBefore we proceed any further, hear me speak.\n');
const goodSha = sha256Hex(good);
const bad = Buffer.from('First Citizen:\nThis is not the file you are looking for.\n');

let server: Server;
let base = '';
let closedPort = 0;
const tmp = mkdtempSync(join(tmpdir(), 'rnnlab-download-'));
let dirCount = 0;
const freshDir = () => join(tmp, `d${dirCount++}`);

beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === '/good') res.end(good);
    else if (req.url === '/bad') res.end(bad);
    else if (req.url === '/cut') {
      res.writeHead(200, { 'content-length': '1000' });
      res.write(good, () => res.destroy());
    } else if (req.url === '/hang') {
      // never answers; the client's timeout must fire
    } else {
      res.writeHead(404, 'Not Found');
      res.end('no such file');
    }
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const probe = createServer();
  await new Promise<void>((done) => probe.listen(0, '127.0.0.1', done));
  closedPort = (probe.address() as AddressInfo).port;
  await new Promise<void>((done) => probe.close(() => done()));
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((done) => server.close(() => done()));
  rmSync(tmp, { recursive: true, force: true });
});

describe('downloadTinyShakespeare', () => {
  it('downloads into <dataDir>/tinyshakespeare.txt, verifies the sha256, and leaves no temporary file', async () => {
    const dataDir = freshDir();
    const result = await downloadTinyShakespeare({ dataDir, url: `${base}/good`, expectedSha256: goodSha });
    const path = join(dataDir, TINY_SHAKESPEARE.fileName);
    expect(result).toEqual({ path, url: `${base}/good`, bytes: good.length, sha256: goodSha, downloaded: true });
    expect(readFileSync(path)).toEqual(good);
    expect(readdirSync(dataDir)).toEqual([TINY_SHAKESPEARE.fileName]);
  });

  it('keeps a file that is already there with the right hash, without fetching', async () => {
    const dataDir = freshDir();
    await downloadTinyShakespeare({ dataDir, url: `${base}/good`, expectedSha256: goodSha });
    const again = await downloadTinyShakespeare({
      dataDir,
      url: `http://127.0.0.1:${closedPort}/input.txt`,
      expectedSha256: goodSha,
    });
    expect(again.downloaded).toBe(false);
    expect(again.sha256).toBe(goodSha);
  });

  it('rejects a payload with the wrong hash, giving both hashes and writing nothing', async () => {
    const dataDir = freshDir();
    const url = `${base}/bad`;
    const attempt = downloadTinyShakespeare({ dataDir, url, expectedSha256: goodSha });
    await expect(attempt).rejects.toThrow(DataError);
    await expect(downloadTinyShakespeare({ dataDir, url, expectedSha256: goodSha })).rejects.toThrow(
      `downloadTinyShakespeare: ${url} sent ${bad.length} bytes with sha256 ${sha256Hex(bad)}, expected ${goodSha}; ` +
        'nothing was written.',
    );
    expect(readdirSync(dataDir)).toEqual([]);
  });

  it('checks against the published tiny-Shakespeare hash by default', async () => {
    const dataDir = freshDir();
    await expect(downloadTinyShakespeare({ dataDir, url: `${base}/good` })).rejects.toThrow(
      `with sha256 ${goodSha}, expected ${TINY_SHAKESPEARE.sha256}`,
    );
  });

  it('reports an HTTP error status and writes nothing', async () => {
    const dataDir = freshDir();
    const url = `${base}/missing.txt`;
    await expect(downloadTinyShakespeare({ dataDir, url, expectedSha256: goodSha })).rejects.toThrow(
      `downloadTinyShakespeare: ${url} answered HTTP 404 Not Found, expected 200 with the file; check the address, or ` +
        `download ${TINY_SHAKESPEARE.url} by other means and copy it to ${join(dataDir, TINY_SHAKESPEARE.fileName)}`,
    );
    expect(existsSync(dataDir)).toBe(false);
  });

  it('when offline, says where to get the file and where to put it', async () => {
    const dataDir = freshDir();
    const url = `http://127.0.0.1:${closedPort}/input.txt`;
    const attempt = downloadTinyShakespeare({ dataDir, url, expectedSha256: goodSha });
    await expect(attempt).rejects.toThrow(DataError);
    await expect(downloadTinyShakespeare({ dataDir, url, expectedSha256: goodSha })).rejects.toThrow(
      `downloadTinyShakespeare: could not download ${url} (ECONNREFUSED 127.0.0.1:${closedPort}). ` +
        `If this machine is offline, download ${TINY_SHAKESPEARE.url} by other means and copy it to ` +
        join(dataDir, TINY_SHAKESPEARE.fileName),
    );
    expect(existsSync(dataDir)).toBe(false);
  });

  it('removes the partial file when the connection drops mid-body', async () => {
    const dataDir = freshDir();
    await expect(
      downloadTinyShakespeare({ dataDir, url: `${base}/cut`, expectedSha256: goodSha }),
    ).rejects.toThrow(`downloadTinyShakespeare: downloading ${base}/cut failed after`);
    expect(readdirSync(dataDir)).toEqual([]);
  });

  it('gives up after timeoutMs when the server does not answer', async () => {
    const dataDir = freshDir();
    await expect(
      downloadTinyShakespeare({ dataDir, url: `${base}/hang`, expectedSha256: goodSha, timeoutMs: 200 }),
    ).rejects.toThrow(`could not download ${base}/hang (timed out after 200 ms)`);
  });

  it('refuses to overwrite an existing file whose hash differs', async () => {
    const dataDir = freshDir();
    await downloadTinyShakespeare({ dataDir, url: `${base}/good`, expectedSha256: goodSha });
    const path = join(dataDir, TINY_SHAKESPEARE.fileName);
    writeFileSync(path, bad);
    await expect(downloadTinyShakespeare({ dataDir, url: `${base}/good`, expectedSha256: goodSha })).rejects.toThrow(
      `downloadTinyShakespeare: ${path} already exists but its sha256 is ${sha256Hex(bad)}, expected ${goodSha}; ` +
        'delete it and run again',
    );
    expect(readFileSync(path)).toEqual(bad);
  });

  it('rejects a malformed expected hash and a bad timeout', async () => {
    await expect(downloadTinyShakespeare({ dataDir: freshDir(), expectedSha256: 'abc' })).rejects.toThrow(ValueError);
    await expect(downloadTinyShakespeare({ dataDir: freshDir(), expectedSha256: 'abc' })).rejects.toThrow(
      'downloadTinyShakespeare: expectedSha256 is "abc", expected 64 hex digits',
    );
    await expect(downloadTinyShakespeare({ dataDir: freshDir(), timeoutMs: 0 })).rejects.toThrow(
      'downloadTinyShakespeare: timeoutMs is 0, expected a positive number of milliseconds',
    );
  });
});
