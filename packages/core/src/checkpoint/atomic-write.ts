/**
 * Durable, atomic file replacement: the contents go to a temporary sibling, which is flushed to disk (fsync), closed
 * and renamed over the target; then the folder is flushed so the rename itself survives a power cut. A reader — or a
 * process killed at any moment — sees the old file or the new one, never a mix; a failed write (a full disk) leaves
 * the old file as it was and removes the temporary one. With `exclusive`, the temporary file is hard-linked to the
 * target instead of renamed over it, which creates the file whole or, when one is there already, leaves it alone.
 *
 * Written here rather than taken from npm's write-file-atomic: that package does not flush the folder after the
 * rename, and its current major needs Node 22; this is the whole of what it would do for us.
 */
import { closeSync, fsyncSync, linkSync, openSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';

let counter = 0;

/**
 * Replaces `path` with `contents` atomically and durably, or with `exclusive` creates it only where there is no such
 * file (then false, nothing written). Throws the file system's error (the target untouched).
 */
export function writeFileAtomic(path: string, contents: string | Uint8Array, options: { exclusive?: boolean } = {}): boolean {
  const tmp = `${path}.tmp-${process.pid}-${counter++}`;
  const bytes = typeof contents === 'string' ? Buffer.from(contents, 'utf8') : contents;
  let fd: number | null = null;
  let linking = false;
  try {
    fd = openSync(tmp, 'wx', 0o644);
    for (let done = 0; done < bytes.length; ) done += writeSync(fd, bytes, done, bytes.length - done);
    fsyncSync(fd);
    closeSync(fd);
    fd = null;
    if (options.exclusive === true) {
      linking = true;
      linkSync(tmp, path);
      unlinkSync(tmp);
    } else {
      renameSync(tmp, path);
    }
  } catch (error) {
    if (fd !== null) closeQuietly(fd);
    try {
      unlinkSync(tmp);
    } catch {
      // the temporary file was never made, or is already gone
    }
    const failed = error as NodeJS.ErrnoException;
    if (linking && failed.code === 'EEXIST') return false;
    // Name the file the caller asked for, not the temporary one (a full disk is reported as "cannot write PATH");
    // a failed write(2) carries no path at all.
    if (failed.path === undefined || failed.path === tmp) Object.assign(failed, { path });
    throw error;
  }
  syncFolder(dirname(path));
  return true;
}

/** Flushes a folder's entries (a rename, a new file) to disk, where the platform allows it. */
export function syncFolder(folder: string): void {
  let fd: number | null = null;
  try {
    fd = openSync(folder, 'r');
    fsyncSync(fd);
  } catch {
    // Some platforms and file systems cannot open or flush a folder; the rename is still atomic there.
  } finally {
    if (fd !== null) closeQuietly(fd);
  }
}

function closeQuietly(fd: number): void {
  try {
    closeSync(fd);
  } catch {
    // already closed or invalid: nothing left to release
  }
}
