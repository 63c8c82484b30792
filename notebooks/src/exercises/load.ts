/**
 * loadExercise — the student's exercise module inside the notebook, compiled afresh from the file on every call, so a
 * cell that calls it after an edit runs the edited code (no kernel restart, no build). It runs in the kernel, not
 * isolated: the grader's checks (checkExercise) are the isolated judgement; this is for looking at one's own results.
 * With RNNLAB_NOTEBOOK_SOURCE=solution it loads the reference solution instead.
 */
import { existsSync, readFileSync } from 'node:fs';
import Module from 'node:module';
import { dirname, join } from 'node:path';
import ts from 'typescript';
import { gradingSolutions } from './check';
import { teachingPaths } from './grader';

/** The file a notebook works with for `exercise`: exercise.ts, or solution.ts when grading the references. */
export function exerciseFile(exercise: string): string {
  const file = join(teachingPaths().exercisesDir, exercise, gradingSolutions() ? 'solution.ts' : 'exercise.ts');
  if (!existsSync(file)) throw new Error(`loadExercise: there is no ${file}`);
  return file;
}

/**
 * The exports of the exercise's file, compiled now (TypeScript → CommonJS) and evaluated as a fresh module. Untyped by
 * default (the notebook cannot import the file's types from outside its folder); pass the type to get them.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function loadExercise<T = Record<string, any>>(exercise: string): T {
  const file = exerciseFile(exercise);
  const { outputText } = ts.transpileModule(readFileSync(file, 'utf8'), {
    fileName: file,
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true, inlineSourceMap: true, inlineSources: true },
  });
  const mod = new Module(file, module);
  mod.filename = file;
  mod.paths = (Module as unknown as { _nodeModulePaths(dir: string): string[] })._nodeModulePaths(dirname(file));
  (mod as unknown as { _compile(code: string, filename: string): void })._compile(outputText, file);
  return mod.exports as T;
}
