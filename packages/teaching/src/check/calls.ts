/**
 * The calls a check makes to the student's code, recorded while it runs: each call's key (function name and a hash of
 * its arguments) and its outcome in canonical JSON. A failed check compares them with the known mistakes' recorded
 * outcomes (../mistakes/signatures.ts); `teach mistakes` records them for the mutants.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { StudentError } from '../sandbox/student-process.js';
import { hashJson, toJson } from './canonical.js';
import type { Json } from './canonical.js';

/** One call of a check to the student's code. */
export interface RecordedCall {
  fn: string;
  /** `fn:hash-of-arguments`: the same inputs give the same key for every implementation. */
  key: string;
  /** The result, or `{ $error: … }` when the call failed. */
  outcome: Json;
}

const log = new AsyncLocalStorage<RecordedCall[]>();

/** Runs a check body, collecting the calls it makes into `calls`. */
export function collectCalls<T>(calls: RecordedCall[], body: () => T): T {
  return log.run(calls, body);
}

/** The canonical outcome of a failed call: what kind of failure, and for a throw, the error's class and message. */
export function errorOutcome(error: unknown): Json {
  if (error instanceof StudentError) {
    const thrown = error.thrown ? `${error.thrown.name}: ${error.thrown.message}` : error.kind;
    return { $error: error.kind === 'threw' ? thrown : error.kind };
  }
  return { $error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
}

/** Records one call, if a check is collecting. */
export function recordCall(fn: string, args: unknown[], outcome: { value: unknown } | { error: unknown }): void {
  const calls = log.getStore();
  if (!calls) return;
  const key = `${fn}:${hashJson(toJson(args))}`;
  calls.push({ fn, key, outcome: 'value' in outcome ? toJson(outcome.value) : errorOutcome(outcome.error) });
}
