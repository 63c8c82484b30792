import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeFileAtomic } from './atomic-write';

let dir = '';
beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'rnnlab-atomic-'))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('writeFileAtomic', () => {
  it('replaces a file and leaves no temporary file', () => {
    const path = join(dir, 'a.json');
    writeFileSync(path, 'old');
    expect(writeFileAtomic(path, 'new')).toBe(true);
    expect(readFileSync(path, 'utf8')).toBe('new');
    expect(readdirSync(dir)).toEqual(['a.json']);
  });

  it('with exclusive, creates a missing file, and leaves an existing one as it was (returning false)', () => {
    const path = join(dir, 'answers.md');
    expect(writeFileAtomic(path, 'template', { exclusive: true })).toBe(true);
    expect(readFileSync(path, 'utf8')).toBe('template');
    writeFileSync(path, 'my answers');
    expect(writeFileAtomic(path, 'template', { exclusive: true })).toBe(false);
    expect(readFileSync(path, 'utf8')).toBe('my answers');
    expect(readdirSync(dir)).toEqual(['answers.md']);
  });

  it('throws the file system error naming the target, not the temporary file, and leaves nothing behind', () => {
    const path = join(dir, 'missing', 'a.json');
    expect(() => writeFileAtomic(path, 'x')).toThrow(expect.objectContaining({ code: 'ENOENT', path }));
    expect(() => writeFileAtomic(path, 'x', { exclusive: true })).toThrow(expect.objectContaining({ code: 'ENOENT', path }));
    expect(readdirSync(dir)).toEqual([]);
  });
});
