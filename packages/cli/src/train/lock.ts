/**
 * One training per run directory: `rnnlab train` holds `<run>/rnnlab.lock` (its pid, host and start time) while it
 * writes the run, and a second writer is refused with a message naming the holder. A lock left by a process that no
 * longer exists (killed with SIGKILL, a power cut) is stale and taken over.
 *
 * The lock file is made complete in a temporary file and then hard-linked to its name, which fails when the name
 * exists: so a lock is never seen half-written, and of two processes only one can create it. (proper-lockfile, the
 * usual npm choice, renews a lock by a timer every few seconds: a training iteration that runs longer than its stale
 * time without yielding would lose the lock to a second writer; and it does not record who holds it.)
 */
import { linkSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { RunError } from '../errors';

/** Who holds a lock. */
export interface LockHolder {
  pid: number;
  host: string;
  since: string;
}

/** This process, as a lock holder. */
export function thisProcess(): LockHolder {
  return { pid: process.pid, host: hostname(), since: new Date().toISOString() };
}

/** Writes a lock file for `holder` at `path`; false when one exists already. */
export function createLock(path: string, holder: LockHolder): boolean {
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(holder)}\n`);
  try {
    linkSync(tmp, path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    unlinkSync(tmp);
  }
}

/** The holder recorded in a lock file, or null when it cannot be read as one. */
export function readLock(path: string): LockHolder | null {
  try {
    const holder = JSON.parse(readFileSync(path, 'utf8')) as Partial<LockHolder>;
    return typeof holder.pid === 'number' && typeof holder.host === 'string' ? (holder as LockHolder) : null;
  } catch {
    return null;
  }
}

/** Whether the holder may still be running (on another host we cannot tell, so we assume it is). */
export function isAlive(holder: LockHolder): boolean {
  if (holder.host !== hostname()) return true;
  try {
    process.kill(holder.pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Takes the lock of run directory `dir` at `path`, taking over a stale one; RunError when a live process has it. */
export function acquireLock(path: string, dir: string): void {
  for (let attempt = 0; attempt < 3; attempt++) {
    if (createLock(path, thisProcess())) return;
    const holder = readLock(path);
    if (holder !== null && holder.pid !== process.pid && isAlive(holder)) throw heldBy(dir, path, holder);
    try {
      unlinkSync(path); // stale: its process is gone
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
  throw new RunError(`${dir} is being locked and unlocked by other processes; try again (the lock is ${path}).`);
}

/** The error for a run directory in use. */
export function heldBy(dir: string, path: string, holder: LockHolder): RunError {
  return new RunError(
    `${dir} is in use by another rnnlab train (pid ${holder.pid} on ${holder.host}, since ${holder.since}); ` +
      `wait for it to finish or stop it. If no training is running there, delete ${path}.`,
  );
}

/** Releases the lock if this process holds it. */
export function releaseLock(path: string): void {
  if (readLock(path)?.pid !== process.pid) return;
  try {
    unlinkSync(path);
  } catch {
    // already gone: nothing to release
  }
}
