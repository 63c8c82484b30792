/**
 * Shared helpers for the end-to-end tests of the `rnnlab` command line (test/cli/*.test.ts): run the BUILT CLI
 * (packages/cli/dist/main.js, which `pnpm test` builds first) as a child process without a shell, in a fresh
 * temporary directory, with stdout/stderr as pipes (not a TTY, so progress is printed as plain lines), and read back
 * what a run leaves behind (config.json, log.jsonl, samples.jsonl, report.html's embedded data).
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The built CLI entry point. */
export const CLI_PATH = fileURLToPath(new URL('../../packages/cli/dist/main.js', import.meta.url));

/** The repository root (with a trailing slash). */
export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Settings that keep a batched run tiny: the names corpus, 1 layer of 16, 4 streams of 8 steps. */
export const TINY = ['--data', 'names', '--layers', '1', '--hidden', '16', '--seq-length', '8', '--batch-size', '4'];

/** What a CLI invocation did. `status` is null when the process was killed (e.g. by the timeout). */
export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  /** Working directory of the child (relative paths such as `--out run` resolve here). */
  cwd: string;
  /** Extra environment variables; RNNLAB_DATA_DIR is removed from the inherited environment unless given here. */
  env?: Record<string, string>;
  /** Kill the child after this many milliseconds (default 50 000). */
  timeoutMs?: number;
}

function assertBuilt(): void {
  if (!existsSync(CLI_PATH)) {
    throw new Error(`${CLI_PATH} does not exist: build first (npx -y pnpm@10.34.8 build, or run the tests with pnpm test)`);
  }
}

function childEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of ['RNNLAB_DATA_DIR', 'FORCE_COLOR', 'NODE_OPTIONS']) delete env[name];
  return { ...env, ...extra };
}

/** Runs `node main.js ...args` and waits for it (blocks the event loop: use runCliAsync when this process serves HTTP). */
export function runCli(args: readonly string[], options: CliOptions): CliResult {
  assertBuilt();
  const r = spawnSync(process.execPath, [CLI_PATH, ...args], {
    cwd: options.cwd,
    env: childEnv(options.env),
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: options.timeoutMs ?? 50_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.error !== undefined && r.status === null && r.signal === null) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Like runCli, without blocking this process (so a local HTTP server in the test can answer the child). */
export function runCliAsync(args: readonly string[], options: CliOptions): Promise<CliResult> {
  assertBuilt();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI_PATH, ...args], {
      cwd: options.cwd,
      env: childEnv(options.env),
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: options.timeoutMs ?? 50_000,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (s: string) => (stdout += s));
    child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

/**
 * Fresh temporary directories (real paths, as the CLI resolves them) and their removal; under `base` when given
 * (e.g. /dev/shm, where a test that writes checkpoints thousands of times does not wait for the disk's fsync).
 */
export function tempDirs(base = tmpdir()): { make(): string; removeAll(): void } {
  const made: string[] = [];
  return {
    make: () => {
      const dir = realpathSync(mkdtempSync(join(base, 'rnnlab-e2e-')));
      made.push(dir);
      return dir;
    },
    removeAll: () => {
      for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A small word-level corpus: 600 words drawn from 12 by a fixed linear congruential sequence, 10 to a line. */
export function wordCorpus(): string {
  const words = ['the', 'whale', 'sea', 'ship', 'captain', 'white', 'deep', 'sails', 'and', 'of', 'a', 'harpoon'];
  let x = 1;
  const lines: string[] = [];
  for (let line = 0; line < 60; line++) {
    const row: string[] = [];
    for (let w = 0; w < 10; w++) {
      x = (x * 75 + 74) % 65537; // the ZX81 generator: exact in doubles
      row.push(words[x % words.length]);
    }
    lines.push(row.join(' '));
  }
  return `${lines.join('\n')}\n`;
}

/** One parsed JSON object per non-empty line. */
export function readJsonLines<T = Record<string, unknown>>(path: string): T[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as T);
}

export function readJson<T = Record<string, unknown>>(path: string): T {
  return JSON.parse(readFileSync(path, 'utf8')) as T;
}

/** A line of log.jsonl. */
export interface LogLine {
  iter: number;
  loss: number;
  smoothLoss: number;
  valLoss?: number;
  lr?: number;
  epoch?: number;
  seconds?: number;
}

/** A line of samples.jsonl. */
export interface SampleLine {
  iter: number;
  text: string;
  temperature: number;
}

/** The data report.html embeds for its plot (`<script type="application/json" id="rnnlab-data">`). */
export interface ReportData {
  title: string;
  log: LogLine[];
  samples: SampleLine[];
  stoppedEarly: { iteration: number; reason: string } | null;
}

/** Parses the JSON block of a report.html. */
export function reportData(html: string): ReportData {
  const match = /<script type="application\/json" id="rnnlab-data">([\s\S]*?)<\/script>/.exec(html);
  if (match === null) throw new Error('report.html has no rnnlab-data script element');
  return JSON.parse(match[1]) as ReportData;
}

/** A CLI process started in the background: its output so far, a way to wait for a line, and its end. */
export interface StartedCli {
  child: ReturnType<typeof spawn>;
  stdout(): string;
  stderr(): string;
  /** Resolves when stdout matches `pattern` (rejects after `timeoutMs`). */
  waitForOutput(pattern: RegExp, timeoutMs?: number): Promise<void>;
  /** Resolves when the process has ended: its exit code, or the signal that ended it. */
  done: Promise<CliResult & { signal: NodeJS.Signals | null }>;
}

/** Starts `node main.js ...args` without waiting for it (for tests that send it signals). */
export function startCli(args: readonly string[], options: CliOptions): StartedCli {
  assertBuilt();
  const child = spawn(process.execPath, [CLI_PATH, ...args], { cwd: options.cwd, env: childEnv(options.env), stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  const waiters: { pattern: RegExp; resolve: () => void }[] = [];
  child.stdout.setEncoding('utf8').on('data', (s: string) => {
    stdout += s;
    for (const w of waiters.splice(0)) {
      if (w.pattern.test(stdout)) w.resolve();
      else waiters.push(w);
    }
  });
  child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
  const done = new Promise<CliResult & { signal: NodeJS.Signals | null }>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (status, signal) => resolve({ status, signal, stdout, stderr }));
  });
  const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 60_000);
  void done.then(() => clearTimeout(timer));
  return {
    child,
    stdout: () => stdout,
    stderr: () => stderr,
    waitForOutput: (pattern, timeoutMs = 30_000) =>
      new Promise<void>((resolve, reject) => {
        if (pattern.test(stdout)) return resolve();
        const t = setTimeout(() => reject(new Error(`no ${pattern} in stdout after ${timeoutMs} ms: ${stdout.slice(-500)}${stderr}`)), timeoutMs);
        waiters.push({ pattern, resolve: () => (clearTimeout(t), resolve()) });
        void done.then(() => reject(new Error(`the process ended without printing ${pattern}: ${stdout.slice(-500)}${stderr}`)));
      }),
    done,
  };
}
