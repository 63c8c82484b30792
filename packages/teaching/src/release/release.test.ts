/**
 * `teach release OUT`: the student copy holds what a student needs and nothing an instructor keeps (no solution line
 * anywhere in it), and it grades itself from its own folder — 0 as released, full marks with the solutions copied in.
 * The packages come from vendor/ tarballs on install; here node_modules links them to the workspace instead, since
 * a test cannot count on the registry (the README's install was tried by hand: see the package README).
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exercisesDir, readJson, runCli, teachingDir, tempDir } from '../../test-support/cli';
import type { CliRun, JsonReport } from '../../test-support/cli';
import { listExercises } from '../grader/exercises';
import type { SignatureFile } from '../mistakes/signatures';
import { coreDir } from '../sandbox/paths';
import { findRegions } from '../stubs/stubs';

const work = tempDir('release');
const out = join(work, 'student-copy');
const exercises = listExercises(exercisesDir);
let released: CliRun;

/** Every file below `dir`, relative to it. */
function filesBelow(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => statSync(join(dir, f)).isFile()).sort();
}

/** Runs the copy's own grader, as `pnpm grade` would there. */
const gradeCopy = (args: string[]) => execFileSync(process.execPath, [join(out, 'node_modules', '@rnnlab', 'teaching', 'bin', 'grade.js'), ...args], { cwd: out, encoding: 'utf8', env: { ...process.env, NODE_PATH: '' } });

beforeAll(() => {
  released = runCli('teach', ['release', out]);
}, 120_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('teach release', () => {
  it('writes a project with the stubs, READMEs, public checks and fixtures, the workflow, and the packages in vendor/', () => {
    expect(released.stderr).toBe('');
    expect(released.code).toBe(0);
    const files = filesBelow(out);
    for (const e of exercises) {
      for (const f of ['exercise.ts', 'README.md', 'checks.test.ts', 'signatures.json']) expect(files).toContain(join('exercises', e, f));
    }
    expect(files).toEqual(expect.arrayContaining(['package.json', 'README.md', '.github/workflows/grade.yml', '.gitignore', 'tsconfig.json']));
    const manifest = readJson<{ scripts: Record<string, string>; dependencies: Record<string, string> }>(join(out, 'package.json'));
    expect(manifest.scripts.grade).toBe('rnnlab-grade');
    for (const spec of Object.values(manifest.dependencies)) expect(existsSync(join(out, spec.replace(/^file:/, '')))).toBe(true);
    const workflow = readFileSync(join(out, '.github/workflows/grade.yml'), 'utf8');
    expect(workflow).toContain('grade --junit grade-results.xml');
    expect(workflow).toContain('uses: mikepenz/action-junit-report@v5');
  });

  it('leaves out solutions, model answers, hidden checks and fixtures, the mistakes catalogue and the fixture scripts', () => {
    const files = filesBelow(out);
    expect(files.filter((f) => /solution\.ts$|ANSWERS\.md$|hidden\.test\.ts$|mistakes\.ts$|\.py$|fixtures\/hidden/.test(f))).toEqual([]);
    const tarball = readdirSync(join(out, 'vendor')).find((f) => f.startsWith('rnnlab-teaching')) as string;
    const packed = execFileSync('tar', ['tzf', join(out, 'vendor', tarball)], { encoding: 'utf8' });
    expect(packed).not.toMatch(/exercises\/|test-fixtures\/|\.test\.js/);
  });

  it('contains no line of any solution region, anywhere', () => {
    const texts = filesBelow(out).filter((f) => !f.endsWith('.tgz')).map((f) => [f, readFileSync(join(out, f), 'utf8')] as const);
    for (const e of exercises) {
      const solution = readFileSync(join(exercisesDir, e, 'solution.ts'), 'utf8');
      for (const region of findRegions('solution.ts', solution)) {
        for (const line of region.lines.map((l) => l.trim()).filter((l) => l.length >= 12)) {
          expect(texts.filter(([, text]) => text.includes(line)).map(([f]) => f), `${e}: ${line}`).toEqual([]);
        }
      }
    }
  });

  it('keeps only the public checks’ known-mistake signatures', () => {
    for (const e of exercises) {
      const signatures = readJson<SignatureFile>(join(out, 'exercises', e, 'signatures.json'));
      const keys = signatures.mistakes.flatMap((m) => Object.keys(m.checks));
      expect(keys.length).toBeGreaterThan(0);
      expect(keys.filter((k) => !k.startsWith('checks.test.ts > '))).toEqual([]);
    }
  });

  it('refuses to write into a folder that is not empty', () => {
    const run = runCli('teach', ['release', out]);
    expect(run).toEqual({ code: 1, stdout: '', stderr: `teach: release ${out}: exists and is not an empty folder (nothing is overwritten)\n` });
  });
});

describe('the student copy grades itself', () => {
  beforeAll(() => {
    mkdirSync(join(out, 'node_modules', '@rnnlab'), { recursive: true });
    symlinkSync(coreDir, join(out, 'node_modules', '@rnnlab', 'core'));
    symlinkSync(teachingDir, join(out, 'node_modules', '@rnnlab', 'teaching'));
  });

  it('as released: 0 points and exit 1, every check failing with "not implemented" naming exercise and function', () => {
    expect(() => gradeCopy(['--json', 'as-released.json'])).toThrow();
    const report = readJson<JsonReport>(join(out, 'as-released.json'));
    expect(report.exercises.map((e) => relative(out, e.source))).toEqual(exercises.map((e) => join('exercises', e, 'exercise.ts')));
    expect(report.points).toBe(0);
    expect(report.checks.filter((c) => c.hidden)).toEqual([]);
    for (const exercise of exercises) {
      const named = new Set<string>();
      for (const c of report.checks.filter((x) => x.exercise === exercise)) {
        const m = c.message.match(new RegExp(`^not implemented: ${exercise}: (\\w+) is not implemented yet\\n {4}at \\1 \\(exercise\\.ts:\\d+:\\d+\\)$`));
        expect(m, c.message).not.toBeNull();
        named.add((m as RegExpMatchArray)[1]);
      }
      // Every exported function is named by some check (a check stops at its first unimplemented call).
      const exported = [...readFileSync(join(out, 'exercises', exercise, 'exercise.ts'), 'utf8').matchAll(/^export function (\w+)/gm)].map((m) => m[1]);
      expect([...named].sort()).toEqual(exported.sort());
    }
  });

  it('with the reference solutions copied in: full marks, exit 0', () => {
    for (const e of exercises) copyFileSync(join(exercisesDir, e, 'solution.ts'), join(out, 'exercises', e, 'exercise.ts'));
    const stdout = gradeCopy(['--json', 'solved.json']);
    const report = readJson<JsonReport>(join(out, 'solved.json'));
    expect(report.points).toBe(report.maxPoints);
    expect(report.maxPoints).toBeGreaterThan(0);
    expect(stdout.trimEnd().split('\n').at(-1)).toBe(`${report.checks.length} passed, 0 failed`);
  });
});
