/**
 * The process a student's file runs in (started by ./student-process.ts under Node's permission model: it may read
 * the core and this package, and may not write files, start processes or workers). It runs the transpiled file as a
 * CommonJS module, answers calls `{ id, fn, args }` with `{ id, value }` or `{ id, error }`, and never decides
 * anything about grading: the checks, in the parent, compare what it returns.
 *
 *   argv: [corePath]   the core's CommonJS entry the student's `import … from '@rnnlab/core'` gets
 *   first message:     { type: 'load', file, code }  → { type: 'loaded', exports } or { type: 'load-error', error }
 *   then:              { type: 'call', id, fn, args } → { type: 'result', id, value } or { type: 'error', id, error }
 */
import { createRequire } from 'node:module';
import { decode, encode, functionFromSource } from './codec.js';
import type { CoreClasses } from './codec.js';
import { loadTranspiled } from './load-transpiled.js';

/** An error as it crosses to the parent: its class name, message and stack (stack lines point into exercise.ts). */
export interface SerializedError {
  name: string;
  message: string;
  stack: string;
}

/** Messages the parent sends. */
export type ToChild =
  | { type: 'load'; file: string; code: string }
  | { type: 'call'; id: number; fn: string; args: unknown[] };

/** Messages the child sends. */
export type FromChild =
  | { type: 'loaded'; exports: string[] }
  | { type: 'load-error'; error: SerializedError }
  | { type: 'result'; id: number; value: unknown }
  | { type: 'error'; id: number; error: SerializedError };

const send = process.send?.bind(process);
const core = createRequire(import.meta.url)(process.argv[2]) as CoreClasses & Record<string, unknown>;
let exported: Record<string, unknown> = {};

function serializeError(e: unknown): SerializedError {
  if (e instanceof Error) return { name: e.name, message: e.message, stack: e.stack ?? '' };
  return { name: 'Error', message: `a non-Error value was thrown: ${String(e)}`, stack: '' };
}

function load(file: string, code: string): string[] {
  // The student's file may import the core and Node's built-in modules (which the permission model fences).
  exported = loadTranspiled(file, code, core);
  return Object.keys(exported).filter((k) => typeof exported[k] === 'function');
}

async function call(fn: string, args: unknown[]): Promise<unknown> {
  const f = exported[fn];
  if (typeof f !== 'function') {
    const functions = Object.keys(exported).filter((k) => typeof exported[k] === 'function');
    const error = new Error(`exercise.ts does not export a function named ${fn} (it exports ${functions.join(', ') || 'none'})`);
    error.name = 'MissingExportError';
    throw error;
  }
  const decoded = decode(args, core, functionFromSource(core)) as unknown[];
  return encode(await (f as (...a: unknown[]) => unknown)(...decoded), core);
}

process.on('message', (message: ToChild) => {
  if (message.type === 'load') {
    try {
      send?.({ type: 'loaded', exports: load(message.file, message.code) } satisfies FromChild);
    } catch (e) {
      send?.({ type: 'load-error', error: serializeError(e) } satisfies FromChild);
    }
    return;
  }
  const { id } = message;
  call(message.fn, message.args).then(
    (value) => {
      try {
        send?.({ type: 'result', id, value } satisfies FromChild);
      } catch (e) {
        send?.({ type: 'error', id, error: serializeError(e) } satisfies FromChild);
      }
    },
    (e: unknown) => send?.({ type: 'error', id, error: serializeError(e) } satisfies FromChild),
  );
});
// The parent going away (its test file finished, or it was killed) ends this process.
process.on('disconnect', () => process.exit(0));
