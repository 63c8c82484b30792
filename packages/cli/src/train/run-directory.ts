/**
 * A run directory and the files in it:
 *
 *     config.json           the command line, the corpus, every resolved setting and the schedule
 *     checkpoint.json       the latest good checkpoint (for `rnnlab sample` and `--resume`)
 *     checkpoint-best.json  the checkpoint with the lowest validation loss so far (when there is a validation split)
 *     log.jsonl             one line per iteration: iter, loss, smoothLoss, lr, epoch, seconds (+ valLoss)
 *     samples.jsonl         every sample taken (the source of samples.md)
 *     samples.md, report.html   written from the two logs (./report-files.ts)
 *     gradcheck.json        the gradient check taken before training (`--gradcheck`; ../gradcheck/gradcheck-file.ts)
 *     answers.md            the student's answers to the assignment's questions (a template at first; never overwritten)
 *     rnnlab.lock           while a training writes the run (./lock.ts)
 *
 * A new run directory appears whole or not at all: it is assembled in a hidden sibling folder (config, the
 * iteration-0 checkpoint, empty logs, the lock) and renamed into place — onto an empty folder, or where nothing was.
 * The logs are appended as training goes, so after a crash they can run ahead of the checkpoint; `cutBack` trims them
 * to the checkpoint's iteration before a resumed run continues.
 */
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { BUILTIN_CORPORA, syncFolder, writeFileAtomic } from '@rnnlab/core';
import type { TrainingSample } from '@rnnlab/core';
import { RunError } from '../errors';
import { acquireLock, createLock, heldBy, isAlive, readLock, releaseLock, thisProcess } from './lock';
import type { LogRecord } from '../report';
import type { ModelSettings, Schedule } from './plan';

/** The files of a run, by role. */
export const RUN_FILES = {
  config: 'config.json',
  checkpoint: 'checkpoint.json',
  best: 'checkpoint-best.json',
  log: 'log.jsonl',
  samples: 'samples.jsonl',
  samplesMd: 'samples.md',
  report: 'report.html',
  gradcheck: 'gradcheck.json',
  answers: 'answers.md',
  lock: 'rnnlab.lock',
} as const;

/** config.json. */
export interface RunConfig {
  format: 'rnnlab-run';
  version: 1;
  command: string;
  startedAt: string;
  /** What --data said (a built-in corpus name or a path). */
  data: string;
  corpus: { name: string; source: string; characters: number };
  plan: ModelSettings;
  schedule: Schedule;
  vocabSize: number;
  parameters: number;
  /** Every later `--resume` of this run: its command line, when, and from which iteration. */
  resumes: { command: string; startedAt: string; fromIteration: number }[];
}

export class RunDirectory {
  private constructor(
    readonly dir: string,
    public config: RunConfig,
  ) {}

  /** The path of one of the run's files. */
  path(file: keyof typeof RUN_FILES): string {
    return join(this.dir, RUN_FILES[file]);
  }

  /**
   * Creates the run directory `dir` whole, holding its lock: config.json, the first checkpoint's text, empty logs,
   * `extraLog` (a file name for the --log copy inside the run) when given, and `files` (name → text, e.g. answers.md).
   * `dir` must not exist or be an empty folder.
   */
  static create(dir: string, config: RunConfig, checkpoint: string, extraLog: string | null, files: Record<string, string> = {}): RunDirectory {
    const parent = dirname(dir);
    let tmp: string;
    try {
      mkdirSync(parent, { recursive: true });
      tmp = mkdtempSync(join(parent, `.${basename(dir)}.partial-`));
    } catch (error) {
      // Report the folder the user asked for, not the hidden one it is assembled in.
      Object.assign(error as NodeJS.ErrnoException, { path: dir, syscall: 'mkdir' });
      throw error;
    }
    try {
      writeFileSync(join(tmp, RUN_FILES.config), `${JSON.stringify(config, null, 2)}\n`);
      writeFileAtomic(join(tmp, RUN_FILES.checkpoint), checkpoint);
      for (const file of [RUN_FILES.log, RUN_FILES.samples, ...(extraLog === null ? [] : [extraLog])]) writeFileSync(join(tmp, file), '');
      for (const [file, text] of Object.entries(files)) writeFileSync(join(tmp, file), text);
      createLock(join(tmp, RUN_FILES.lock), thisProcess());
      syncFolder(tmp);
      renameSync(tmp, dir);
    } catch (error) {
      rmSync(tmp, { recursive: true, force: true });
      const failed = error as NodeJS.ErrnoException;
      if (failed.path?.startsWith(tmp) === true) failed.path = dir + failed.path.slice(tmp.length);
      const code = failed.code;
      if (code === 'ENOTEMPTY' || code === 'EEXIST') {
        const holder = readLock(join(dir, RUN_FILES.lock));
        if (holder !== null && isAlive(holder)) throw heldBy(dir, join(dir, RUN_FILES.lock), holder);
        throw new RunError(`--out ${dir}: another process created it while this run was being set up; choose another directory.`);
      }
      throw error;
    }
    syncFolder(parent);
    return new RunDirectory(dir, config);
  }

  /**
   * Opens an existing run to continue it: takes its lock, clears what killed writers left, reads config.json.
   * `label` says in errors how the user named it (`--resume runs/a`).
   */
  static open(dir: string, label: string): RunDirectory {
    const configPath = join(dir, RUN_FILES.config);
    if (!existsSync(configPath)) throw new RunError(`${label}: no config.json there; expected a run directory written by rnnlab train.`);
    acquireLock(join(dir, RUN_FILES.lock), dir);
    try {
      removeLeftovers(dir);
      return new RunDirectory(dir, readRunConfig(configPath));
    } catch (error) {
      releaseLock(join(dir, RUN_FILES.lock));
      throw error;
    }
  }

  /** Rewrites config.json (atomically). */
  writeConfig(config: RunConfig): void {
    writeFileAtomic(this.path('config'), `${JSON.stringify(config, null, 2)}\n`);
    this.config = config;
  }

  appendLog(record: LogRecord): void {
    appendLine(this.path('log'), record);
  }

  appendSample(sample: TrainingSample): void {
    appendLine(this.path('samples'), sample);
  }

  /** The loss log, in iteration order (a line cut short by a crash, or a repeat, is skipped). */
  readLog(): LogRecord[] {
    return readRecords<LogRecord>(this.path('log'), true);
  }

  readSamples(): TrainingSample[] {
    return readRecords<TrainingSample>(this.path('samples'), false);
  }

  /**
   * Trims the logs to a checkpoint at `iteration`: log records after it go, and so do samples it has not seen (those
   * after it, and at iteration 0 when resuming from 0, since the loop takes them again). Returns the records left.
   */
  cutBack(iteration: number): { log: LogRecord[]; samples: TrainingSample[] } {
    const log = this.readLog().filter((r) => r.iter <= iteration);
    const samples = this.readSamples().filter((s) => s.iter < iteration || (s.iter === iteration && iteration > 0));
    writeFileAtomic(this.path('log'), log.map((r) => `${JSON.stringify(r)}\n`).join(''));
    writeFileAtomic(this.path('samples'), samples.map((s) => `${JSON.stringify(s)}\n`).join(''));
    return { log, samples };
  }

  /** Lets go of the run (removes the lock). */
  release(): void {
    releaseLock(this.path('lock'));
  }
}

/** The corpus a run was trained on, for loadCorpus: a built-in one by name, else the file it was read from. */
export function runCorpus(config: RunConfig): string {
  return (BUILTIN_CORPORA as readonly string[]).includes(config.data) ? config.data : config.corpus.source;
}

/** Appends one JSON line; a failed write(2) (a full disk) carries no path, so the error is given this one. */
export function appendLine(path: string, record: unknown): void {
  try {
    appendFileSync(path, `${JSON.stringify(record)}\n`);
  } catch (error) {
    const failed = error as NodeJS.ErrnoException;
    if (failed.path === undefined) Object.assign(failed, { path });
    throw error;
  }
}

/** Parsed JSON lines; with `increasing`, only records whose iter grows (a repeat after a crash is dropped). */
function readRecords<T extends { iter: number }>(path: string, increasing: boolean): T[] {
  const out: T[] = [];
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (line.trim() === '') continue;
    let record: T;
    try {
      record = JSON.parse(line) as T;
    } catch {
      continue; // a line cut short by a crash or a full disk
    }
    if (record === null || typeof record !== 'object' || !Number.isInteger(record.iter)) continue;
    if (increasing && out.length > 0 && record.iter <= out[out.length - 1].iter) continue;
    out.push(record);
  }
  return out;
}

/** Removes temporary files that writers killed mid-write left behind (their process is gone). */
function removeLeftovers(dir: string): void {
  for (const name of readdirSync(dir)) {
    const pid = /\.tmp-(\d+)-\d+$/.exec(name)?.[1] ?? /\.(\d+)\.tmp$/.exec(name)?.[1];
    if (pid === undefined || Number(pid) === process.pid) continue;
    if (!pidExists(Number(pid))) unlinkSync(join(dir, name));
  }
}

function pidExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Reads a run's config.json, checking the fields a resume (or a report) relies on. */
export function readRunConfig(path: string): RunConfig {
  let config: Partial<RunConfig>;
  try {
    config = JSON.parse(readFileSync(path, 'utf8')) as Partial<RunConfig>;
  } catch (error) {
    throw new RunError(`${path} is not valid JSON (${(error as Error).message}); expected the config.json rnnlab train wrote.`);
  }
  const bad = (field: string, expected: string) => new RunError(`${path}: ${field} is missing or wrong; expected ${expected}.`);
  if (config === null || typeof config !== 'object') throw bad('the whole file', 'an object');
  if (typeof config.data !== 'string') throw bad('data', 'the corpus name or path');
  if (typeof config.plan !== 'object' || config.plan === null || typeof config.plan.model !== 'string') throw bad('plan', 'the run\'s settings');
  const s = config.schedule as Partial<Schedule> | undefined;
  if (s === undefined || s === null || !Number.isSafeInteger(s.iterations) || !Array.isArray(s.sampleAt)) {
    throw bad('schedule', 'the run\'s schedule (iterations, sampleAt, ...)');
  }
  if (!Array.isArray(config.resumes)) config.resumes = [];
  return config as RunConfig;
}
