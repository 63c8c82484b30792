/**
 * loadStudent: the checks' handle on the implementation being graded. `student.fn(...args)` is an asynchronous call
 * into a child process (../sandbox/student-process.ts) that runs the student's file; arguments and results are copied
 * across (Tensors revived on both sides), so nothing the student's code does can reach the checks. Which file runs is
 * the grader's choice (./context.ts): the student's exercise.ts, a submission's, or the reference solution.
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as rnnlabCore from '@rnnlab/core';
import { afterAll } from 'vitest';
import { decode, encode, functionFromSource } from '../sandbox/codec.js';
import type { CoreClasses } from '../sandbox/codec.js';
import { loadTranspiled } from '../sandbox/load-transpiled.js';
import { StudentError, StudentProcess } from '../sandbox/student-process.js';
import { recordCall } from './calls.js';
import { gradingContext } from './context.js';

const core = rnnlabCore as unknown as CoreClasses;

/** The student's functions as the checks call them: every exported function of `M`, made asynchronous. */
export type Student<M> = {
  [K in keyof M as M[K] extends (...args: never[]) => unknown ? K : never]:
  M[K] extends (...args: infer A) => infer R ? (...args: A) => Promise<Awaited<R>> : never;
};

/** Limits for one exercise; the defaults suit quick exercises. */
export interface StudentLimits {
  /** Time for loading the file and all the checks' calls together, default 10 s (or the grader's --time-limit). */
  timeLimitSeconds?: number;
  /** Heap limit of the child process, default 512 MB (or the grader's --memory-limit). */
  memoryMb?: number;
}

type Caller = (fn: string, args: unknown[]) => Promise<unknown>;

/**
 * Calls into the checks' own process (trusted code only): copies arguments and results as the child process would,
 * and rebuilds childFunctions as it does. The file is loaded as the child loads it when the grader transpiled it
 * (`compiled`: the checks run on the built packages, whose dynamic import would not take TypeScript), else by import
 * (a plain vitest run, which transforms it — and sees what a mutation tester wrote into it).
 */
function inProcessCaller(file: string, compiled: string | undefined): Caller {
  let loaded: Promise<Record<string, unknown>> | undefined;
  const load = () => (compiled !== undefined
    ? Promise.resolve().then(() => loadTranspiled(file, readFileSync(compiled, 'utf8'), core))
    : import(/* @vite-ignore */ file) as Promise<Record<string, unknown>>);
  return async (fn, args) => {
    const f = (await (loaded ??= load()))[fn];
    if (typeof f !== 'function') throw new StudentError('threw', `${basename(file)} does not export a function named ${fn}`);
    try {
      const result = await (f as (...a: unknown[]) => unknown)(...(decode(structuredClone(encode(args, core)), core, functionFromSource(core)) as unknown[]));
      return decode(structuredClone(encode(result, core)), core);
    } catch (e) {
      const error = e as Error;
      const thrown = { name: error.name, message: error.message, stack: error.stack ?? '' };
      if (error.name === 'NotImplementedError') throw new StudentError('not-implemented', `not implemented: ${error.message}`, thrown);
      throw new StudentError('threw', `${fn} threw ${error.name}: ${error.message}`, thrown);
    }
  };
}

async function processCaller(exercise: string, file: string, compiled: string | undefined, limits: StudentLimits): Promise<Caller> {
  const timeLimitSeconds = limits.timeLimitSeconds ?? gradingContext().timeLimitSeconds ?? 10;
  // The grader passes the file already transpiled; a plain vitest run transpiles it here (TypeScript loads only then).
  const transpile = async () => (compiled !== undefined ? readFileSync(compiled, 'utf8')
    : (await import('../sandbox/transpile.js')).transpileStudentFile(file, readFileSync(file, 'utf8')));
  const student = new StudentProcess({
    exercise,
    file,
    code: await transpile(),
    timeLimitMs: timeLimitSeconds * 1000,
    memoryMb: limits.memoryMb ?? gradingContext().memoryMb ?? 512,
  });
  try {
    afterAll(() => student.close());
  } catch {
    // Called inside a test: the child ends by itself when this worker goes away.
  }
  return (fn, args) => student.call(fn, args);
}

/**
 * The implementation of the exercise whose checks file is `checksFileUrl` (pass `import.meta.url`). Call it at the top
 * of the checks file; each function call returns a promise. Failures reject with a StudentError whose message is
 * written for the student (not implemented, threw, timed out, crashed, ran out of memory, missing file).
 */
export async function loadStudent<M>(checksFileUrl: string, limits: StudentLimits = {}): Promise<Student<M>> {
  const exerciseDir = dirname(fileURLToPath(checksFileUrl));
  const exercise = basename(exerciseDir);
  const context = gradingContext();
  const source = context.sources[exerciseDir] ?? { file: join(exerciseDir, 'exercise.ts') };
  let caller: Caller;
  if (!existsSync(source.file)) {
    const missing = new StudentError('missing', `${exercise}: no implementation to grade (${source.file} does not exist)`);
    caller = () => Promise.reject(missing);
  } else {
    caller = context.inProcess ? inProcessCaller(source.file, source.compiled) : await processCaller(exercise, source.file, source.compiled, limits);
  }
  const call: Caller = async (fn, args) => {
    try {
      const value = await caller(fn, args);
      recordCall(fn, args, { value });
      return value;
    } catch (error) {
      recordCall(fn, args, { error });
      throw error;
    }
  };
  return new Proxy({}, {
    // `then` too is looked up (by await): the handle itself is not a promise.
    get: (_, fn) => (typeof fn !== 'string' || fn === 'then' ? undefined : (...args: unknown[]) => call(fn, args)),
  }) as Student<M>;
}
