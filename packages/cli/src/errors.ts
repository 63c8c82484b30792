/**
 * The errors the rnnlab command reports as one line and exit 1 (bad input, a broken file, a full disk), and how a
 * file-system error becomes such a line: what was being done, the path, and the cause in words,
 *
 *     cannot write runs/a/checkpoint.json: no space left on device (ENOSPC)
 *
 * Anything else is a bug in rnnlab: `main` prints it with its stack as an internal error, exit 2.
 */
import { ShapeError, ValueError } from '@rnnlab/core';

/** A flag the user gave that is out of range or does not go with the others: the message names it. */
export class FlagError extends Error {
  override name = 'FlagError';
}

/** A run directory that cannot be used as asked (in use by another training, not a run, already a run). */
export class RunError extends Error {
  override name = 'RunError';
}

const CAUSES: Record<string, string> = {
  ENOSPC: 'no space left on device',
  EDQUOT: 'disk quota exceeded',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'read-only file system',
  ENOTDIR: 'a part of the path is not a folder',
  EISDIR: 'it is a folder',
  ENOENT: 'no such file or folder',
  EEXIST: 'it already exists',
  ENOTEMPTY: 'the folder is not empty',
  ENAMETOOLONG: 'the name is too long',
  ELOOP: 'too many symbolic links',
  EMFILE: 'too many open files',
  EIO: 'input/output error',
  EFBIG: 'the file is too large',
  EXDEV: 'the paths are on different file systems',
  EBUSY: 'the resource is busy',
};

const VERBS: Record<string, string> = {
  open: 'open', write: 'write', read: 'read', mkdir: 'create the folder', rename: 'rename', unlink: 'remove',
  rmdir: 'remove the folder', fsync: 'flush', close: 'close', stat: 'read', lstat: 'read', scandir: 'list', mkdtemp: 'create a folder in',
};

/** Whether `error` is a Node file-system error (it has an errno code). */
export function isFsError(error: unknown): error is NodeJS.ErrnoException {
  return error instanceof Error && typeof (error as NodeJS.ErrnoException).code === 'string' && typeof (error as NodeJS.ErrnoException).syscall === 'string';
}

/** One line for a file-system error: `cannot write PATH: no space left on device (ENOSPC)`. */
export function describeFsError(error: NodeJS.ErrnoException, path?: string): string {
  const code = error.code ?? 'EUNKNOWN';
  const verb = VERBS[error.syscall ?? ''] ?? error.syscall ?? 'use';
  const target = path ?? error.path ?? '(unknown path)';
  const cause = CAUSES[code] ?? error.message.replace(/^[A-Z]+: /, '').replace(/, \w+ '.*'$/, '');
  const destination = (error as { dest?: string }).dest;
  const dest = error.syscall === 'rename' && destination !== undefined ? ` to ${destination}` : '';
  return `cannot ${verb} ${target}${dest}: ${cause} (${code})`;
}

/** Errors caused by the user's input or environment: printed as one line, exit code 1. */
export function isUserError(error: unknown): error is Error {
  return error instanceof ValueError || error instanceof ShapeError || error instanceof FlagError || error instanceof RunError || isFsError(error);
}

/** The one line `main` prints for a user error. */
export function userErrorLine(error: Error): string {
  return isFsError(error) ? describeFsError(error) : error.message;
}
