/**
 * `teach release OUT`: the student copy. A small pnpm project that grades itself — the stubs, READMEs, public checks
 * and their fixtures, the public part of the known-mistake signatures, notebooks if any, the grader and the core as
 * packed tarballs in vendor/ (so it installs anywhere, before either package is published), a README with the
 * student workflow, and a GitHub workflow that grades every push. Never: solutions, model answers (ANSWERS.md),
 * hidden checks or fixtures, the mistakes catalogue, the fixture scripts (they hold the numpy solution).
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { HIDDEN_CHECKS_FILE } from '../check/names.js';
import { CHECKS_FILE, CHECKS_SUPPORT_FILE, listExercises, UsageError } from '../grader/exercises.js';
import { inputsHash } from '../mistakes/inputs-hash.js';
import { SIGNATURES_FILE } from '../mistakes/signatures.js';
import type { SignatureFile } from '../mistakes/signatures.js';
import { coreDir, teachingDir } from '../sandbox/paths.js';
import { syncStubs } from '../stubs/stubs.js';

/** The files of an exercise a student gets (fixtures are added separately: every fixtures/*.json not named hidden*). */
const STUDENT_FILES = ['exercise.ts', 'README.md', CHECKS_FILE, CHECKS_SUPPORT_FILE];

/** Whether a fixture file is public. */
export const isPublicFixture = (name: string) => name.endsWith('.json') && !name.startsWith('hidden');

/** signatures.json without the hidden checks' entries (their keys and outcomes stay with the instructor). */
function publicSignatures(file: SignatureFile): SignatureFile {
  const hiddenKey = `${HIDDEN_CHECKS_FILE} > `;
  return {
    ...file,
    mistakes: file.mistakes.map((m) => ({ ...m, checks: Object.fromEntries(Object.entries(m.checks).filter(([k]) => !k.startsWith(hiddenKey))) })),
  };
}

/** Packs a workspace package into `vendor` with npm, its `workspace:` dependencies pinned to `versions`. */
function pack(packageDir: string, vendor: string, versions: Record<string, string>): string {
  const manifest = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as {
    name: string; version: string; files?: string[]; dependencies?: Record<string, string>; devDependencies?: unknown; scripts?: unknown;
  };
  const staging = mkdtempSync(join(tmpdir(), 'rnnlab-pack-'));
  try {
    for (const entry of manifest.files ?? []) {
      if (existsSync(join(packageDir, entry))) cpSync(join(packageDir, entry), join(staging, entry), { recursive: true });
    }
    const dependencies = Object.fromEntries(Object.entries(manifest.dependencies ?? {})
      .map(([name, spec]) => [name, spec.startsWith('workspace:') ? versions[name] : spec]));
    const { devDependencies: _dev, scripts: _scripts, ...rest } = manifest;
    writeFileSync(join(staging, 'package.json'), `${JSON.stringify({ ...rest, dependencies }, null, 2)}\n`);
    const out = execFileSync('npm', ['pack', '--pack-destination', vendor, '--silent'], { cwd: staging, encoding: 'utf8' });
    return out.trim().split('\n').pop() as string;
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

/** The release's package.json: the grader as its `grade` script, both packages from vendor/. */
function releaseManifest(core: string, teaching: string): object {
  const coreSpec = `file:vendor/${core}`;
  return {
    name: 'rnnlab-exercises',
    private: true,
    description: 'RNN exercises: write each exercise.ts, then run the grader.',
    type: 'module',
    packageManager: 'pnpm@10.34.8',
    engines: { node: '>=20' },
    scripts: { grade: 'rnnlab-grade' },
    dependencies: { '@rnnlab/core': coreSpec, '@rnnlab/teaching': `file:vendor/${teaching}` },
    // The grader's own dependency on the core resolves to the same tarball (pnpm; npm reads the top-level field).
    pnpm: { overrides: { '@rnnlab/core': coreSpec } },
    overrides: { '@rnnlab/core': '$@rnnlab/core' },
  };
}

/** What `release` wrote. */
export interface ReleaseSummary {
  exercises: string[];
  files: number;
}

/** Writes the student copy of `root`'s exercises to `out` (which must not exist, or be empty). */
export function release(root: string, out: string, notebooks?: string): ReleaseSummary {
  if (existsSync(out) && (!statSync(out).isDirectory() || readdirSync(out).length > 0)) {
    throw new UsageError(`release ${out}: exists and is not an empty folder (nothing is overwritten)`);
  }
  const exercises = listExercises(root);
  const stale = syncStubs(root, exercises, true).filter((s) => !s.inSync).map((s) => s.exercise);
  if (stale.length > 0) throw new UsageError(`release: exercise.ts out of sync with solution.ts in ${stale.join(', ')}; run pnpm teach stubs`);
  const staleSignatures = exercises.filter((e) => existsSync(join(root, e, 'mistakes.ts'))
    && (!existsSync(join(root, e, SIGNATURES_FILE))
      || (JSON.parse(readFileSync(join(root, e, SIGNATURES_FILE), 'utf8')) as SignatureFile).inputsHash !== inputsHash(join(root, e))));
  if (staleSignatures.length > 0) throw new UsageError(`release: ${SIGNATURES_FILE} stale in ${staleSignatures.join(', ')}; run pnpm teach mistakes`);

  let files = 0;
  const copy = (from: string, to: string) => {
    mkdirSync(join(to, '..'), { recursive: true });
    copyFileSync(from, to);
    files++;
  };
  const write = (to: string, text: string) => {
    mkdirSync(join(to, '..'), { recursive: true });
    writeFileSync(to, text);
    files++;
  };
  for (const e of exercises) {
    const from = join(root, e);
    const to = join(out, 'exercises', e);
    for (const f of STUDENT_FILES) if (existsSync(join(from, f))) copy(join(from, f), join(to, f));
    if (existsSync(join(from, 'fixtures'))) {
      for (const f of readdirSync(join(from, 'fixtures')).filter(isPublicFixture)) copy(join(from, 'fixtures', f), join(to, 'fixtures', f));
    }
    if (existsSync(join(from, SIGNATURES_FILE))) {
      const signatures = publicSignatures(JSON.parse(readFileSync(join(from, SIGNATURES_FILE), 'utf8')) as SignatureFile);
      write(join(to, SIGNATURES_FILE), `${JSON.stringify(signatures, null, 1)}\n`);
    }
  }
  if (notebooks && existsSync(notebooks)) {
    for (const f of readdirSync(notebooks).filter((n) => n.endsWith('.ipynb') || n === 'README.md')) copy(join(notebooks, f), join(out, 'notebooks', basename(f)));
  }
  const templates = join(teachingDir, 'templates');
  copy(join(templates, 'README.md'), join(out, 'README.md'));
  copy(join(templates, 'grade.yml'), join(out, '.github', 'workflows', 'grade.yml'));
  copy(join(templates, 'gitignore'), join(out, '.gitignore'));
  copy(join(templates, 'tsconfig.json'), join(out, 'tsconfig.json'));
  const vendor = join(out, 'vendor');
  mkdirSync(vendor, { recursive: true });
  const coreVersion = (JSON.parse(readFileSync(join(coreDir, 'package.json'), 'utf8')) as { version: string }).version;
  const core = pack(coreDir, vendor, {});
  const teaching = pack(teachingDir, vendor, { '@rnnlab/core': coreVersion });
  write(join(out, 'package.json'), `${JSON.stringify(releaseManifest(core, teaching), null, 2)}\n`);
  return { exercises, files: files + 2 };
}
