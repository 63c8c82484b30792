/**
 * StudentProcess: one student file loaded in its own Node process, called by RPC. The process runs under Node's
 * permission model (reads only the core and this package; no file writes, child processes or workers), with a heap
 * limit, and a time budget for the whole exercise that the parent enforces by killing it. Whatever the file does —
 * loop forever, crash, run out of memory, call process.exit, throw at import, overwrite globals — only its own calls
 * fail, each with a message that says what happened; the parent that compares results is untouched.
 */
import { fork } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { basename, dirname, sep } from 'node:path';
import * as rnnlabCore from '@rnnlab/core';
import { decode, encode } from './codec.js';
import type { CoreClasses } from './codec.js';
import type { FromChild, SerializedError } from './child.js';
import { childEntry, childReadPaths, coreEntry } from './paths.js';

const core = rnnlabCore as unknown as CoreClasses;

/** How a call to the student's code went wrong. */
export type StudentErrorKind = 'not-implemented' | 'threw' | 'load' | 'timeout' | 'crash' | 'missing';

/** A call to the student's code failed; the message is written for the student. */
export class StudentError extends Error {
  override name = 'StudentError';
  constructor(readonly kind: StudentErrorKind, message: string, readonly thrown?: SerializedError) {
    super(message);
  }
}

/** Limits and names for one student file. */
export interface StudentProcessOptions {
  /** The exercise, e.g. `01-one-hot` (for messages). */
  exercise: string;
  /** The student's file (its path names it in stack traces; it is not read by the child). */
  file: string;
  /** The file transpiled to CommonJS. */
  code: string;
  /** Time budget for loading the file and all calls together, in milliseconds. */
  timeLimitMs: number;
  /** Heap limit of the process in MB (--max-old-space-size). */
  memoryMb: number;
}

/** Node's flag for the permission model: `--permission` since Node 22.13/23.5, `--experimental-permission` before. */
export function permissionFlag(): string {
  return process.allowedNodeEnvironmentFlags.has('--permission') ? '--permission' : '--experimental-permission';
}

/** What a crashed process wrote to stderr about the student's file (Node's own frames left out), shortened. */
function crashLines(stderr: string, file: string): string {
  const lines = [...new Set(stderr.split('\n').filter((line) => line.includes(file)).map((l) => l.trim()))];
  return lines.slice(0, 3).map((l) => `    ${l.replaceAll(dirname(file) + sep, '')}`).join('\n');
}

/** The top stack frames that point into the student's file (distinct, at most 3), so the message shows where it failed. */
export function studentFrames(error: SerializedError, file: string): string {
  const frames = [...new Set(error.stack.split('\n').filter((line) => line.includes(file)).map((line) => line.trim()))];
  return frames.slice(0, 3).map((f) => `    ${f.replaceAll(dirname(file) + sep, '')}`).join('\n');
}

/** `Name: message`, with what the usual suspects mean. */
function describeThrown(e: SerializedError): string {
  const why = e.name === 'RangeError' && /call stack/.test(e.message) ? ' (infinite recursion?)'
    : /Access to this API has been restricted/.test(e.message)
      ? ' (graded code may not write files, start processes or threads, or read outside the core)' : '';
  return `${e.name}: ${e.message}${why}`;
}

const LOADING = 'loading exercise.ts';
const LOAD_ID = 0;

const isError = (e: unknown): e is SerializedError => typeof e === 'object' && e !== null
  && typeof (e as SerializedError).name === 'string' && typeof (e as SerializedError).message === 'string' && typeof (e as SerializedError).stack === 'string';

/** Whether a message from the child is a well-formed answer to request `id` (0: the load). */
function isAnswerTo(message: unknown, id: number): message is FromChild {
  if (typeof message !== 'object' || message === null) return false;
  const m = message as Record<string, unknown>;
  if (id === LOAD_ID) return (m.type === 'loaded' && Array.isArray(m.exports)) || (m.type === 'load-error' && isError(m.error));
  return m.id === id && (m.type === 'result' || (m.type === 'error' && isError(m.error)));
}

type Pending = { doing: string; id: number; resolve: (v: unknown) => void; reject: (e: Error) => void };

export class StudentProcess {
  private child?: ChildProcess;
  private ready?: Promise<void>;
  private failure?: StudentError;
  private pending?: Pending;
  private stderr = '';
  private budgetMs: number;
  private lastId = LOAD_ID;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: StudentProcessOptions) {
    this.budgetMs = options.timeLimitMs;
  }

  /** Calls the exported function `fn` with `args`; resolves to its (decoded) result, or rejects with a StudentError. */
  call(fn: string, args: unknown[]): Promise<unknown> {
    const result = this.queue.then(() => this.callNow(fn, args));
    this.queue = result.catch(() => undefined);
    return result;
  }

  /** Ends the process. */
  close(): void {
    this.child?.kill('SIGKILL');
    this.child = undefined;
  }

  private async callNow(fn: string, args: unknown[]): Promise<unknown> {
    if (this.failure) throw this.failure;
    if (!this.child) this.start();
    await this.ready;
    if (this.failure) throw this.failure;
    if (!this.child) throw new StudentError('crash', `${this.options.exercise}: the student's code ended its process before ${fn} was called`);
    const id = ++this.lastId;
    const value = await this.timed(`running ${fn}`, id, () => this.child?.send({ type: 'call', id, fn, args: encode(args, core) }));
    try {
      return decode(value, core);
    } catch (e) {
      throw new StudentError('threw', `the result of ${fn} could not be read: ${(e as Error).message}`);
    }
  }

  private start(): void {
    const { memoryMb, file, code } = this.options;
    const execArgv = [
      permissionFlag(), ...childReadPaths().map((p) => `--allow-fs-read=${p}`),
      `--max-old-space-size=${memoryMb}`, '--enable-source-maps', '--no-warnings',
    ];
    this.stderr = '';
    const child = fork(childEntry, [coreEntry], { execArgv, serialization: 'advanced', stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
    this.child = child;
    child.stderr?.on('data', (chunk: Buffer) => {
      this.stderr = (this.stderr + chunk.toString()).slice(-4000);
    });
    child.on('message', (message: FromChild) => this.receive(message));
    child.on('exit', (exitCode, signal) => this.exited(child, exitCode, signal));
    // A message sent as the process dies fails to send; its 'exit' answers the pending call.
    child.on('error', () => undefined);
    this.ready = this.timed(LOADING, LOAD_ID, () => child.send({ type: 'load', file, code })).then(() => undefined);
  }

  /** Sends a request and waits for its answer within what is left of the time budget. */
  private timed(doing: string, id: number, send: () => void): Promise<unknown> {
    const started = Date.now();
    return new Promise<unknown>((resolve, reject) => {
      const timer = setTimeout(() => {
        const seconds = this.options.timeLimitMs / 1000;
        this.fail(new StudentError('timeout', `${this.options.exercise} timed out after ${seconds} s while ${doing} `
          + '(an infinite loop, or far too much work?); its remaining checks were not run'));
      }, Math.max(0, this.budgetMs));
      this.pending = {
        doing,
        id,
        resolve: (v) => { clearTimeout(timer); this.budgetMs -= Date.now() - started; resolve(v); },
        reject: (e) => { clearTimeout(timer); this.budgetMs -= Date.now() - started; reject(e); },
      };
      send();
    });
  }

  /** Answers the pending request; anything else the child sends (stale, forged or malformed) is ignored. */
  private receive(message: FromChild): void {
    const pending = this.pending;
    if (!pending || !isAnswerTo(message, pending.id)) return;
    this.pending = undefined;
    const { exercise, file } = this.options;
    if (message.type === 'loaded' || message.type === 'result') {
      pending.resolve(message.type === 'result' ? message.value : message.exports);
    } else if (message.type === 'load-error') {
      const e = message.error;
      this.failure = new StudentError('load', `${basename(file)} of ${exercise} threw while loading: ${describeThrown(e)}\n${studentFrames(e, file)}`.trimEnd(), e);
      pending.reject(this.failure);
    } else {
      const e = message.error;
      const kind = e.name === 'NotImplementedError' ? 'not-implemented' : 'threw';
      const fn = pending.doing.replace(/^running /, '');
      const what = kind === 'not-implemented' ? `not implemented: ${e.message}`
        : e.name === 'MissingExportError' ? e.message : `${fn} threw ${describeThrown(e)}`;
      pending.reject(new StudentError(kind, `${what}\n${studentFrames(e, file)}`.trimEnd(), e));
    }
  }

  private exited(child: ChildProcess, exitCode: number | null, signal: NodeJS.Signals | null): void {
    if (this.child !== child) return;
    this.child = undefined;
    const pending = this.pending;
    if (!pending) return;
    const oom = /heap limit|heap out of memory/i.test(this.stderr);
    const how = oom ? `ran out of memory (heap limit ${this.options.memoryMb} MB)`
      : exitCode !== null ? `ended the process with exit code ${exitCode}${exitCode === 0 ? ' (process.exit?)' : ''}`
        : `was killed by ${signal}`;
    const stderr = oom ? '' : crashLines(this.stderr, this.options.file);
    const error = new StudentError('crash', `${this.options.exercise}: the student's code ${how} while ${pending.doing}${stderr ? `\n${stderr}` : ''}`);
    // A crash while loading fails every call; a crash in one call fails that call, and the next call starts afresh.
    if (pending.doing === LOADING) this.failure = error;
    this.pending = undefined;
    pending.reject(error);
  }

  private fail(error: StudentError): void {
    this.failure = error;
    const pending = this.pending;
    this.pending = undefined;
    this.close();
    pending?.reject(error);
  }
}
