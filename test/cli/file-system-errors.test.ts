/**
 * Issue 9, defect 7: every file-system error is one line naming the path and the cause, exit 1, and nothing is left
 * half-made; a full disk during training says that the last checkpoint is intact. Errors a test cannot cause on a
 * real disk (as root, permissions do not bind; no test may fill a disk) are injected into node:fs for the rnnlab
 * command run in-process: the write that fails is the real call site's, everything else is the real file system.
 */
import * as realFs from 'node:fs';
import { mkdtempSync, readdirSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { loadCheckpoint } from '@rnnlab/core';
import { main } from '@rnnlab/cli';

/** The injected failure: which call on which path fails with which code, after how many matching calls. */
const fault = { call: '', pathPattern: /$^/, code: '', after: 0, seen: 0 };
const fdPaths = new Map<number, string>();

function failIfDue(call: string, path: string | undefined): void {
  if (call !== fault.call || path === undefined || !fault.pathPattern.test(path)) return;
  if (fault.seen++ < fault.after) return;
  const message = { ENOSPC: 'no space left on device', EACCES: 'permission denied', EROFS: 'read-only file system', EIO: 'i/o error' }[fault.code];
  // A write(2) error carries no path, as in Node; the others do.
  const syscall = call.replace(/Sync$/, '').replace('appendFile', 'write');
  throw Object.assign(new Error(`${fault.code}: ${message}, ${syscall}`), {
    code: fault.code, syscall, errno: -1, ...(call === 'writeSync' || call === 'appendFileSync' ? {} : { path }),
  });
}

vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs')>();
  const wrapped = {
    ...fs,
    openSync: (path: string, ...rest: unknown[]) => {
      failIfDue('openSync', String(path));
      const fd = (fs.openSync as (...a: unknown[]) => number)(path, ...rest);
      fdPaths.set(fd, String(path));
      return fd;
    },
    writeSync: (fd: number, ...rest: unknown[]) => {
      failIfDue('writeSync', fdPaths.get(fd));
      return (fs.writeSync as (...a: unknown[]) => number)(fd, ...rest);
    },
    appendFileSync: (path: string, ...rest: unknown[]) => {
      failIfDue('appendFileSync', String(path));
      return (fs.appendFileSync as (...a: unknown[]) => void)(path, ...rest);
    },
    mkdtempSync: (prefix: string, ...rest: unknown[]) => {
      failIfDue('mkdtempSync', String(prefix));
      return (fs.mkdtempSync as (...a: unknown[]) => string)(prefix, ...rest);
    },
    renameSync: (from: string, to: string) => {
      failIfDue('renameSync', String(to));
      return fs.renameSync(from, to);
    },
  };
  return { ...wrapped, default: wrapped };
});

const made: string[] = [];
afterAll(() => made.forEach((d) => rmSync(d, { recursive: true, force: true })));
const stderr: string[] = [];
beforeEach(() => {
  Object.assign(fault, { call: '', pathPattern: /$^/, code: '', after: 0, seen: 0 });
  stderr.length = 0;
  vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => (stderr.push(String(chunk)), true));
});
afterEach(() => vi.restoreAllMocks());

const TINY = ['--data', 'names', '--layers', '1', '--hidden', '8', '--seq-length', '8', '--batch-size', '4'];
const cli = (...args: string[]) => main(['node', 'rnnlab', ...args]);

function tempDir(): string {
  const d = realpathSync(mkdtempSync(join(tmpdir(), 'rnnlab-fs-')));
  made.push(d);
  return d;
}

/** The one line printed, which must name `path` and the cause. */
function expectOneLine(path: string, cause: string): void {
  const text = stderr.join('');
  expect(text.endsWith('\n')).toBe(true);
  expect(text.trim().split('\n')).toHaveLength(1);
  expect(text).not.toMatch(/internal error|\n\s+at /);
  expect(text).toContain(path);
  expect(text).toContain(cause);
}

describe('file-system errors while training (injected)', () => {
  it('a full disk when a checkpoint is written stops training with exit 1, naming the file and the intact checkpoint', async () => {
    const d = tempDir();
    const run = join(d, 'run');
    Object.assign(fault, { call: 'writeSync', pathPattern: /checkpoint\.json\.tmp/, code: 'ENOSPC', after: 3 });
    expect(await cli('train', ...TINY, '--iterations', '30', '--checkpoint-every', '5', '--out', run)).toBe(1);
    // Checkpoints: 0 (at creation), 5, 10 (and its best copy) are written; the next one fails.
    expectOneLine(`cannot write ${join(run, 'checkpoint.json')}: no space left on device (ENOSPC)`, 'training stopped after iteration 15');
    expect(stderr.join('')).toContain(`the last good checkpoint is ${join(run, 'checkpoint.json')} (iteration 10)`);
    expect(stderr.join('')).toContain('intact');
    expect(loadCheckpoint(join(run, 'checkpoint.json')).iteration).toBe(10);
    expect(readdirSync(run).filter((f) => f.includes('tmp') || f.includes('lock'))).toEqual([]);
  });

  it('a full disk when the log is appended stops training the same way', async () => {
    const run = join(tempDir(), 'run');
    Object.assign(fault, { call: 'appendFileSync', pathPattern: /log\.jsonl$/, code: 'ENOSPC', after: 7 });
    expect(await cli('train', ...TINY, '--iterations', '30', '--checkpoint-every', '4', '--out', run)).toBe(1);
    expectOneLine(`cannot write ${join(run, 'log.jsonl')}: no space left on device (ENOSPC)`, `the last good checkpoint is ${join(run, 'checkpoint.json')} (iteration 4)`);
  });

  it('a read-only file system when the report is written names the report, after training is saved', async () => {
    const run = join(tempDir(), 'run');
    Object.assign(fault, { call: 'renameSync', pathPattern: /report\.html$/, code: 'EROFS' });
    expect(await cli('train', ...TINY, '--iterations', '6', '--out', run)).toBe(1);
    expectOneLine(`${join(run, 'report.html')}: read-only file system (EROFS)`, '(iteration 6)');
    expect(loadCheckpoint(join(run, 'checkpoint.json')).iteration).toBe(6);
  });

  it.each([
    ['EACCES', 'permission denied'],
    ['EROFS', 'read-only file system'],
  ])('%s where the run directory is made: exit 1, one line naming it, nothing made (not even --log)', async (code, cause) => {
    const d = tempDir();
    const run = join(d, 'run');
    Object.assign(fault, { call: 'mkdtempSync', pathPattern: /\.run\.partial-$/, code });
    expect(await cli('train', ...TINY, '--iterations', '2', '--out', run, '--log', join(d, 'loss.jsonl'))).toBe(1);
    expectOneLine(`rnnlab train: cannot create the folder ${run}: ${cause} (${code})`, code);
    expect(readdirSync(d)).toEqual([]);
  });

  it('an i/o error inside the half-made run directory removes it', async () => {
    const d = tempDir();
    Object.assign(fault, { call: 'openSync', pathPattern: /\.run\.partial-.*checkpoint\.json\.tmp/, code: 'EIO' });
    expect(await cli('train', ...TINY, '--iterations', '2', '--out', join(d, 'run'))).toBe(1);
    expectOneLine(`cannot open ${join(d, 'run', 'checkpoint.json')}: input/output error (EIO)`, 'EIO');
    expect(readdirSync(d)).toEqual([]);
  });

  it('a full disk while exporting leaves no file', async () => {
    const d = tempDir();
    expect(await cli('train', ...TINY, '--iterations', '2', '--out', join(d, 'run'))).toBe(0);
    Object.assign(fault, { call: 'writeSync', pathPattern: /model\.safetensors\.tmp/, code: 'ENOSPC' });
    expect(await cli('export', join(d, 'run'), join(d, 'model.safetensors'), '--format', 'torch')).toBe(1);
    expectOneLine(`cannot write ${join(d, 'model.safetensors')}: no space left on device (ENOSPC)`, 'ENOSPC');
    expect(readdirSync(d)).toEqual(['run']);
  });
});

describe('file-system errors of real paths', () => {
  it('a --data path through a file (ENOTDIR) is one line naming it', async () => {
    const d = tempDir();
    realFs.writeFileSync(join(d, 'notes.txt'), 'x');
    expect(await cli('train', '--data', join(d, 'notes.txt', 'corpus.txt'), '--iterations', '1', '--out', join(d, 'run'))).toBe(1);
    expectOneLine(join(d, 'notes.txt', 'corpus.txt'), 'cannot read');
    expect(readdirSync(d)).toEqual(['notes.txt']);
  });
});
