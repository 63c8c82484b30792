#!/usr/bin/env node
/**
 * `pnpm notebooks`: sets up everything the notebooks need and opens them in JupyterLab.
 *
 *   pnpm notebooks                    set up, start JupyterLab on the repository, open notebooks/ in the browser
 *   pnpm notebooks --no-browser       the same without opening a browser (the URL is printed)
 *   pnpm notebooks --port 8890        on that port (default: 8888 or the next free one)
 *   pnpm notebooks --classic          Notebook 7's one-document interface instead of JupyterLab
 *   pnpm notebooks --root-dir DIR     serve DIR instead of the repository (e.g. a student copy)
 *   pnpm notebooks --setup-only       prepare the Python environment and kernelspec, start nothing (tests and CI)
 *   pnpm notebooks -- --ServerApp.x=y extra options after `--` go to Jupyter unchanged
 *
 * The server's root is the repository, so the exercise files (packages/teaching/exercises/) open in JupyterLab's
 * editor beside the notebooks. Ctrl-C stops the server at once (no "Shut down? y/n" question).
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { Command, CommanderError, InvalidArgumentError } from 'commander';
import { writeKernelSpec, writeLabPageConfig } from './kernelspec';
import { jupyterEnv, type ProjectPaths, projectPaths } from './project-paths';
import { preparePythonEnv, venvPaths } from './python-env';
import { SetupError } from './setup-error';

interface Options {
  setupOnly: boolean;
  browser: boolean;
  port?: number;
  classic: boolean;
  rootDir?: string;
}

function parsePort(value: string): number {
  const port = Number(value);
  if (!/^\d+$/.test(value) || port < 1 || port > 65535) throw new InvalidArgumentError(`"${value}" is not a port (an integer from 1 to 65535)`);
  return port;
}

function createProgram(): Command {
  return new Command('notebooks')
    .description('Set up the TypeScript notebooks (Python venv with JupyterLab, the tslab kernelspec) and open them in JupyterLab.')
    .option('--setup-only', 'prepare everything, start no server', false)
    .option('--no-browser', 'do not open a browser (the URL is printed)')
    .option('--port <port>', 'the port to serve on (default 8888, or the next free one)', parsePort)
    .option('--classic', "open Notebook 7's interface instead of JupyterLab", false)
    .option('--root-dir <dir>', 'the folder to serve (default: the repository, opening notebooks/)')
    .argument('[jupyterArgs...]', 'extra options for Jupyter, after --')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
}

/** What a prepared setup gives: the project's paths, the environment for Jupyter processes, the kernelspec folder. */
export interface NotebookSetup {
  paths: ProjectPaths;
  env: NodeJS.ProcessEnv;
  kernelDir: string;
}

/** Prepares the Python environment, the kernelspec and JupyterLab's page config (each only when needed). */
export function setUp(log: (line: string) => void = (line) => process.stdout.write(`notebooks: ${line}\n`)): NotebookSetup {
  const paths = projectPaths();
  preparePythonEnv(paths.venvDir, log);
  const kernelDir = writeKernelSpec(paths);
  writeLabPageConfig(paths);
  return { paths, env: jupyterEnv(paths), kernelDir };
}

function startServer(options: Options, jupyterArgs: string[]): Promise<number> {
  const rootDir = options.rootDir === undefined ? projectPaths().root : resolve(options.rootDir);
  if (!existsSync(rootDir)) throw new SetupError(`--root-dir ${options.rootDir}: no such folder`);
  const { paths, env } = setUp();
  const app = options.classic ? 'jupyter-notebook' : 'jupyter-lab';
  const start = rootDir === paths.root ? 'notebooks' : '';
  const args = [
    `--ServerApp.root_dir=${rootDir}`,
    `--ServerApp.default_url=${options.classic ? `/tree/${start}` : `/lab/tree/${start}`}`,
    '--ServerApp.answer_yes=True',
    // Containers and CI run as root; Jupyter refuses that unless told.
    ...(process.getuid?.() === 0 ? ['--ServerApp.allow_root=True'] : []),
    `--ServerApp.open_browser=${options.browser ? 'True' : 'False'}`,
    ...(options.port === undefined ? [] : [`--ServerApp.port=${options.port}`, '--ServerApp.port_retries=0']),
    ...jupyterArgs,
  ];
  const child = spawn(venvPaths(paths.venvDir).bin(app), args, { cwd: rootDir, env, stdio: 'inherit' });
  // Ctrl-C in a terminal reaches the server too (same process group); it stops at once with answer_yes. Stay until it
  // has. Without a terminal, Jupyter takes SIGINT for a KeyboardInterrupt and exits without shutting its kernels down,
  // so the server is sent SIGTERM, its clean stop, instead.
  const forward = (signal: NodeJS.Signals) => () => {
    if (child.exitCode === null) child.kill(signal === 'SIGINT' && process.stdin.isTTY === true ? 'SIGINT' : 'SIGTERM');
  };
  process.on('SIGINT', forward('SIGINT'));
  process.on('SIGTERM', forward('SIGTERM'));
  return new Promise((resolvePromise) => {
    child.on('error', (error) => {
      process.stderr.write(`notebooks: could not start ${app}: ${error.message}\n`);
      resolvePromise(1);
    });
    child.on('exit', (code, signal) => resolvePromise(code ?? (signal === 'SIGINT' || signal === 'SIGTERM' ? 0 : 1)));
  });
}

/** Runs the command on `argv` (as process.argv) and resolves to the exit code. */
export async function main(argv: string[]): Promise<number> {
  const program = createProgram();
  try {
    program.parse(argv);
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode;
    throw error;
  }
  const options = program.opts<Options>();
  try {
    if (options.setupOnly) {
      const { paths, kernelDir } = setUp();
      process.stdout.write(`notebooks: ready (Python environment ${paths.venvDir}, kernelspec ${kernelDir})\n`);
      return 0;
    }
    return await startServer(options, program.args);
  } catch (error) {
    if (error instanceof SetupError) {
      process.stderr.write(`notebooks: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
}

if (require.main === module) {
  main(process.argv).then((code) => {
    process.exitCode = code;
  });
}
