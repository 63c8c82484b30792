/**
 * Running a student's file transpiled to CommonJS (./transpile.ts) as a module whose only imports are `@rnnlab/core`
 * — the core it is given — and Node's built-in modules. The child process loads every graded file this way; the
 * in-process mode loads trusted ones (the catalogue's mutants) the same way, with the checks' own core.
 */
import Module, { createRequire } from 'node:module';

/** Runs `code` (the transpiled `file`) and returns its exports. Throws what the file throws while loading. */
export function loadTranspiled(file: string, code: string, core: unknown): Record<string, unknown> {
  const mod = new Module(file);
  mod.filename = file;
  mod.require = ((id: string) => {
    if (id === '@rnnlab/core') return core;
    if (Module.isBuiltin(id)) return createRequire(import.meta.url)(id);
    throw new Error(`exercise.ts may import only '@rnnlab/core' and Node's built-in modules, not '${id}'`);
  }) as NodeJS.Require;
  (mod as unknown as { _compile(code: string, file: string): void })._compile(code, file);
  return mod.exports as Record<string, unknown>;
}
