/**
 * rnnlab-teach (`pnpm teach` in the repository): the instructor's commands.
 *   stubs [--check]                        exercise.ts from solution.ts (check: fail when out of sync)
 *   release OUT [--notebooks DIR]         the student copy
 *   grade-all SUBMISSIONS --csv FILE       one row of points per student folder
 *   mistakes [--check]                     record the known mistakes' signatures (check: fail when stale)
 *   mistakes --verify [--json FILE]        prove every known mistake fails a check whose feedback names it
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Command } from 'commander';
import { findExercisesRoot, isSubmission, listExercises, UsageError } from '../grader/exercises.js';
import { gradesCsv, submissionsIn } from '../grader/submissions.js';
import { inputsHash } from '../mistakes/inputs-hash.js';
import { SIGNATURES_FILE } from '../mistakes/signatures.js';
import type { SignatureFile } from '../mistakes/signatures.js';
import { jsonReport } from '../report/formats.js';
import { checkReportFiles, writeWhole } from '../report/write.js';
import { megabytes, processIo, runProgram, seconds } from './grade.js';
import type { CliIo } from './grade.js';

/** The teach command. */
export function teachProgram(io: CliIo, setExit: (code: number) => void): Command {
  const program = new Command('rnnlab-teach')
    .description('Instructor commands: stubs, release, grade-all, mistakes.')
    .option('--exercises <folder>', 'the exercises folder (default: the package’s own)');
  const root = () => findExercisesRoot((program.opts() as { exercises?: string }).exercises, io.cwd);

  program.command('stubs')
    .description('write each exercise.ts from its solution.ts (solution regions become NotImplementedError throws)')
    .option('--check', 'write nothing; exit 1 when an exercise.ts is out of sync')
    .action(async (flags: { check?: boolean }) => {
      const { syncStubs } = await import('../stubs/stubs.js');
      const statuses = syncStubs(root(), listExercises(root()), Boolean(flags.check));
      const stale = statuses.filter((s) => !s.inSync).map((s) => s.exercise);
      if (flags.check && stale.length > 0) {
        io.stderr(`teach stubs: exercise.ts out of sync with solution.ts in ${stale.join(', ')}; run pnpm teach stubs\n`);
        setExit(1);
      } else {
        io.stdout(flags.check ? `${statuses.length} stubs in sync\n` : `${stale.length} of ${statuses.length} stubs rewritten\n`);
      }
    });
  program.command('release')
    .description('write the student copy to OUT: stubs, READMEs, public checks and fixtures, the grader (never solutions, answers or hidden checks)')
    .argument('<out>', 'a folder that does not exist yet (or is empty)')
    .option('--notebooks <folder>', 'notebooks to include (default: the notebooks/ folder beside exercises/, if any)')
    .action(async (out: string, flags: { notebooks?: string }) => {
      const notebooks = flags.notebooks !== undefined ? resolve(io.cwd, flags.notebooks) : join(root(), '..', 'notebooks');
      if (flags.notebooks !== undefined && !existsSync(notebooks)) throw new UsageError(`release --notebooks ${flags.notebooks}: no such folder`);
      const { release } = await import('../release/release.js');
      const summary = release(root(), resolve(io.cwd, out), notebooks);
      io.stdout(`student copy of ${summary.exercises.length} exercises written to ${out} (${summary.files} files)\n`);
    });

  program.command('grade-all')
    .description('grade every student folder of SUBMISSIONS (each laid out like exercises/), hidden checks included')
    .argument('<submissions>', 'a folder with one sub-folder per student')
    .requiredOption('--csv <file>', 'write one row per student: points per exercise and the total')
    .option('--json <file>', 'write every student’s checks with their messages as JSON')
    .option('--time-limit <seconds>', 'time for each exercise’s code (default 10)', seconds)
    .option('--memory-limit <MB>', 'heap limit of the process running each exercise’s code (default 512)', megabytes)
    .action(async (dir: string, flags: { csv: string; json?: string; timeLimit?: number; memoryLimit?: number }) => {
      const submissions = resolve(io.cwd, dir);
      if (!existsSync(submissions)) throw new UsageError(`grade-all ${dir}: no such folder`);
      checkReportFiles({ csv: flags.csv, json: flags.json }, io.cwd);
      if (isSubmission(submissions)) {
        throw new UsageError(`grade-all ${dir}: this is one submission (laid out like exercises/); grade it with grade --dir, or give the folder holding one folder per student`);
      }
      const exercises = listExercises(root());
      const students = submissionsIn(submissions, exercises);
      if (students.length === 0) throw new UsageError(`grade-all ${dir}: no student folders in it`);
      const { gradeAll } = await import('../grader/grade-all.js');
      const graded = await gradeAll(root(), students, { hidden: true, timeLimitSeconds: flags.timeLimit, memoryMb: flags.memoryLimit });
      writeWhole(resolve(io.cwd, flags.csv), gradesCsv(graded, exercises));
      if (flags.json) {
        writeWhole(resolve(io.cwd, flags.json), `${JSON.stringify({ students: graded.map((g) => ({ student: g.name, ...jsonReport(g.report) })) }, null, 2)}\n`);
      }
      for (const g of graded) io.stdout(`${g.name}: ${g.report.points}/${g.report.maxPoints} points\n`);
    });

  program.command('mistakes')
    .description('record each exercise’s known mistakes (mistakes.ts) into signatures.json, so feedback can name them')
    .option('--check', 'record nothing; exit 1 when a signatures.json is missing or older than its inputs')
    .option('--verify', 'record nothing; grade every known mistake (in this process: they are your own code) with the committed signatures, and exit 1 unless each fails a check whose feedback names it')
    .option('--json <file>', 'with --verify: write every mutant\'s checks with their messages as JSON (one "student" per mutant, EXERCISE--ID)')
    .action(async (flags: { check?: boolean; verify?: boolean; json?: string }) => {
      if (flags.json !== undefined && !flags.verify) throw new UsageError('mistakes --json: only with --verify');
      if (flags.check && flags.verify) throw new UsageError('mistakes: --check or --verify, not both');
      const exercises = listExercises(root()).filter((e) => existsSync(join(root(), e, 'mistakes.ts')));
      if (flags.verify) {
        checkReportFiles({ json: flags.json }, io.cwd);
        const { verifyCatalogue, mutantName } = await import('../mistakes/mutants.js');
        const verdicts = await verifyCatalogue(root(), exercises);
        if (flags.json) {
          const students = verdicts.map((v) => ({ student: mutantName(v.exercise, v.mistake.id), ...jsonReport(v.report) }));
          writeWhole(resolve(io.cwd, flags.json), `${JSON.stringify({ students }, null, 2)}\n`);
        }
        const unnamed = verdicts.filter((v) => !v.named).map((v) => `${v.exercise}/${v.mistake.id} (${v.failed === 0 ? 'passes every check' : 'not named by a failing check'})`);
        if (unnamed.length > 0) {
          io.stderr(`teach mistakes: ${unnamed.join(', ')}; run pnpm teach mistakes, or strengthen the checks\n`);
          setExit(1);
        } else io.stdout(`${verdicts.length} known mistakes in ${exercises.length} exercises: each fails a check whose feedback names it\n`);
        return;
      }
      if (flags.check) {
        const stale = exercises.filter((e) => {
          const file = join(root(), e, SIGNATURES_FILE);
          return !existsSync(file) || (JSON.parse(readFileSync(file, 'utf8')) as SignatureFile).inputsHash !== inputsHash(join(root(), e));
        });
        if (stale.length > 0) {
          io.stderr(`teach mistakes: ${SIGNATURES_FILE} missing or stale in ${stale.join(', ')}; run pnpm teach mistakes\n`);
          setExit(1);
        } else io.stdout(`${exercises.length} signature files in sync\n`);
        return;
      }
      const { recordSignatures } = await import('../mistakes/record.js');
      const files = await recordSignatures(root(), exercises);
      for (const f of files) io.stdout(`${f.exercise}: ${f.mistakes.length} mistakes recorded\n`);
    });
  return program;
}

/** `rnnlab-teach ARGS`: the exit code. */
export async function teachMain(argv: string[], io: CliIo = processIo): Promise<number> {
  let exit = 0;
  const code = await runProgram(teachProgram(io, (c) => { exit = c; }), argv, io, 'teach');
  return code !== 0 ? code : exit;
}
