/**
 * Student stubs from reference solutions, nbgrader's way: in solution.ts every solution region sits between a
 * `// BEGIN SOLUTION` line and an `// END SOLUTION` line; the stub (exercise.ts) is the same file with each region
 * replaced by one line that throws core's NotImplementedError naming the exercise and the enclosing function. So
 * signatures, types and doc comments (with every shape) come from one source of truth.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';

export const BEGIN_SOLUTION = '// BEGIN SOLUTION';
export const END_SOLUTION = '// END SOLUTION';

/** A solution region: its lines (1-based, the markers excluded) and the function it is in. */
export interface SolutionRegion {
  /** Line of the BEGIN marker (1-based). */
  begin: number;
  /** Line of the END marker (1-based). */
  end: number;
  /** `buildVocab`, or `Class.method` for a method. */
  fn: string;
  /** The solution lines between the markers. */
  lines: string[];
}

/** A malformed solution file; the message names the file and line. */
export class SolutionFormatError extends Error {
  override name = 'SolutionFormatError';
}

function functionName(node: ts.Node): string | undefined {
  if ((ts.isFunctionDeclaration(node) || ts.isMethodDeclaration(node)) && node.name) {
    const own = node.name.getText();
    const cls = ts.isMethodDeclaration(node) && ts.isClassLike(node.parent) && node.parent.name ? `${node.parent.name.text}.` : '';
    return `${cls}${own}`;
  }
  if (ts.isConstructorDeclaration(node) && ts.isClassLike(node.parent) && node.parent.name) return `${node.parent.name.text} constructor`;
  if ((ts.isArrowFunction(node) || ts.isFunctionExpression(node)) && ts.isVariableDeclaration(node.parent)) {
    return node.parent.name.getText();
  }
  return undefined;
}

/** The innermost named function around position `pos`. */
function enclosingFunction(source: ts.SourceFile, pos: number): string | undefined {
  let found: string | undefined;
  const visit = (node: ts.Node): void => {
    if (pos < node.getStart(source) || pos >= node.getEnd()) return;
    found = functionName(node) ?? found;
    node.forEachChild(visit);
  };
  source.forEachChild(visit);
  return found;
}

/** The solution regions of a solution file, checked: paired markers, not nested, each inside a named function. */
export function findRegions(fileName: string, text: string): SolutionRegion[] {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.ES2022, true);
  const lines = text.split('\n');
  const regions: SolutionRegion[] = [];
  let open: number | undefined;
  let offset = 0;
  let openOffset = 0;
  lines.forEach((line, i) => {
    const marker = line.trim();
    if (marker === BEGIN_SOLUTION) {
      if (open !== undefined) throw new SolutionFormatError(`${fileName}:${i + 1}: ${BEGIN_SOLUTION} inside the region opened on line ${open}`);
      open = i + 1;
      openOffset = offset + line.indexOf('/');
    } else if (marker === END_SOLUTION) {
      if (open === undefined) throw new SolutionFormatError(`${fileName}:${i + 1}: ${END_SOLUTION} without a ${BEGIN_SOLUTION}`);
      const fn = enclosingFunction(source, openOffset);
      if (!fn) throw new SolutionFormatError(`${fileName}:${open}: a solution region must be inside a named function`);
      regions.push({ begin: open, end: i + 1, fn, lines: lines.slice(open, i) });
      open = undefined;
    }
    offset += line.length + 1;
  });
  if (open !== undefined) throw new SolutionFormatError(`${fileName}:${open}: ${BEGIN_SOLUTION} is never closed`);
  if (regions.length === 0) throw new SolutionFormatError(`${fileName}: no ${BEGIN_SOLUTION} … ${END_SOLUTION} region`);
  if (!/import\s*{[^}]*\bNotImplementedError\b[^}]*}\s*from\s*'@rnnlab\/core'/.test(text)) {
    throw new SolutionFormatError(`${fileName}: import NotImplementedError from '@rnnlab/core' (the stub's regions throw it)`);
  }
  return regions;
}

/** The stub (exercise.ts) of exercise `exercise` made from its solution.ts text. */
export function makeStub(exercise: string, fileName: string, solution: string): string {
  const regions = findRegions(fileName, solution);
  const lines = solution.split('\n');
  for (const region of [...regions].reverse()) {
    const indent = lines[region.begin - 1].match(/^\s*/)?.[0] ?? '';
    const stub = `${indent}throw new NotImplementedError('${exercise}: ${region.fn} is not implemented yet');`;
    lines.splice(region.begin - 1, region.end - region.begin + 1, stub);
  }
  return lines.join('\n');
}

/** An exercise whose committed exercise.ts differs from the stub its solution.ts makes. */
export interface StubStatus {
  exercise: string;
  inSync: boolean;
}

/**
 * Regenerates exercise.ts from solution.ts for every exercise of `root` that has a solution; with `check`, writes
 * nothing and only reports which are out of sync.
 */
export function syncStubs(root: string, exercises: string[], check: boolean): StubStatus[] {
  return exercises.filter((e) => existsSync(join(root, e, 'solution.ts'))).map((exercise) => {
    const solutionFile = join(root, exercise, 'solution.ts');
    const stubFile = join(root, exercise, 'exercise.ts');
    const stub = makeStub(exercise, solutionFile, readFileSync(solutionFile, 'utf8'));
    const inSync = existsSync(stubFile) && readFileSync(stubFile, 'utf8') === stub;
    if (!check && !inSync) writeFileSync(stubFile, stub);
    return { exercise, inSync };
  });
}
