/**
 * Where things are on disk, seen from this package: the core the student's code imports (resolved as this package's
 * dependency, so a submission can sit anywhere), the child entry, and the folders the child may read.
 */
import { existsSync, realpathSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

function packageRoot(from: string): string {
  let dir = dirname(from);
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error(`@rnnlab/teaching: no package.json above ${from}`);
    dir = up;
  }
  return dir;
}

/** The @rnnlab/teaching package folder (holding package.json, dist/, templates/). */
export const teachingDir = packageRoot(fileURLToPath(import.meta.url));

const requireFromTeaching = createRequire(join(teachingDir, 'package.json'));

/** The @rnnlab/core package folder this package depends on (symlinks resolved). */
export const coreDir = realpathSync(dirname(requireFromTeaching.resolve('@rnnlab/core/package.json')));

/** The core's CommonJS entry, which the student's `@rnnlab/core` import is given. */
export const coreEntry = realpathSync(requireFromTeaching.resolve('@rnnlab/core'));

/** The core's type declarations, against which the student's file is type-checked. */
export const coreTypes = join(coreDir, 'dist', 'index.d.ts');

/** The child process entry (built: the grader always runs the compiled child). */
export const childEntry = join(teachingDir, 'dist', 'sandbox', 'child.js');

/** The top-most node_modules folder in a path, or undefined. */
function nodeModulesRoot(path: string): string | undefined {
  const at = path.indexOf(`${sep}node_modules${sep}`);
  return at < 0 ? undefined : path.slice(0, at + `${sep}node_modules${sep}`.length);
}

/**
 * What the child may read: this package's dist/ and package.json (the child entry and its module type), the core
 * package, and the node_modules folders holding the core's dependencies. Never the exercises, checks, fixtures or
 * submissions.
 */
export function childReadPaths(): string[] {
  const requireFromCore = createRequire(join(coreDir, 'package.json'));
  const deps = Object.keys((requireFromCore('./package.json') as { dependencies?: Record<string, string> }).dependencies ?? {});
  const roots = new Set<string>();
  for (const dep of deps) {
    const root = nodeModulesRoot(realpathSync(requireFromCore.resolve(dep)));
    if (root) roots.add(root);
  }
  return [join(teachingDir, 'dist') + sep, join(teachingDir, 'package.json'), coreDir + sep, ...roots];
}
