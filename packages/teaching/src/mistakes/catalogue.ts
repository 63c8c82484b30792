/**
 * The known-mistakes catalogue of an exercise (its mistakes.ts, instructors only): realistic wrong implementations,
 * each a search/replace patch of solution.ts and the message a student with that bug should read. Every search
 * string must occur exactly once in solution.ts, so a mutant cannot silently drift out of sync with its solution.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import ts from 'typescript';
import { MISTAKES_FILE } from '../check/names.js';

/** Replace the one occurrence of `search` in solution.ts by `replace`. */
export interface Patch {
  search: string;
  replace: string;
}

/** A realistic wrong implementation. */
export interface Mistake {
  /** Unique within the exercise, kebab-case: `softmax-without-max`. */
  id: string;
  /** The function the mistake is in. */
  fn: string;
  /** What the student is told when their output matches this mistake's: name the bug and the fix. */
  message: string;
  /** The change to solution.ts that makes the mutant (several patches apply in order). */
  patch: Patch | Patch[];
}


/** A catalogue entry that cannot be applied; the message names the exercise, the mistake and the problem. */
export class MistakeError extends Error {
  override name = 'MistakeError';
}

const occurrences = (text: string, search: string) => (search === '' ? 0 : text.split(search).length - 1);

/** solution.ts with the mistake's patches applied, each checked to find its search string exactly once. */
export function applyMistake(exercise: string, solution: string, mistake: Mistake): string {
  let text = solution;
  for (const { search, replace } of [mistake.patch].flat()) {
    const n = occurrences(text, search);
    if (n !== 1) throw new MistakeError(`${exercise}/${mistake.id}: the search string occurs ${n} times in solution.ts, expected once: ${JSON.stringify(search)}`);
    if (search === replace) throw new MistakeError(`${exercise}/${mistake.id}: replace equals search, so the mutant is the solution`);
    text = text.replace(search, () => replace);
  }
  return text;
}

/** The mistakes of an exercise (an empty list when it has no mistakes.ts), checked for unique kebab-case ids. */
export function loadMistakes(exerciseDir: string, exercise: string): Mistake[] {
  const file = join(exerciseDir, MISTAKES_FILE);
  if (!existsSync(file)) return [];
  const code = ts.transpileModule(readFileSync(file, 'utf8'), { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 } }).outputText;
  const module = { exports: {} as { mistakes?: Mistake[] } };
  new Function('module', 'exports', 'require', code)(module, module.exports, createRequire(file));
  const list = module.exports.mistakes;
  if (!Array.isArray(list)) throw new MistakeError(`${exercise}/${MISTAKES_FILE}: export const mistakes: Mistake[] = [...] is missing`);
  const seen = new Set<string>();
  for (const m of list) {
    if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(m.id)) throw new MistakeError(`${exercise}/${MISTAKES_FILE}: id ${JSON.stringify(m.id)} is not kebab-case`);
    if (seen.has(m.id)) throw new MistakeError(`${exercise}/${MISTAKES_FILE}: id ${m.id} is used twice`);
    seen.add(m.id);
  }
  return list;
}
