/**
 * What the notebook tests share: the project's Jupyter setup (what `pnpm notebooks --setup-only` does; `pnpm test`
 * runs that before vitest, so here it only confirms, in well under a second) and a way to run the Python helpers beside
 * this file in the project's Jupyter environment.
 */
import { execFile, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { type NotebookSetup, setUp } from '../../notebooks/src/setup/main';
import { venvPaths } from '../../notebooks/src/setup/python-env';

/** How long a test file may take to set up: the first run pip-installs JupyterLab (about a minute). */
export const SETUP_TIMEOUT_MS = 300_000;

let prepared: NotebookSetup | undefined;

/** Prepares (once per test file) and returns the paths and Jupyter environment. */
export function notebookSetup(): NotebookSetup {
  prepared ??= setUp(() => {});
  return prepared;
}

const DEBIAN_PYTHON = '/usr/bin/python3';
let python: string | undefined;

/**
 * The Python that drives the kernels (nbclient, jupyter_client): Debian's /usr/bin/python3 when it has them (`.ci/run`
 * installs python3-nbclient), which is how the course's graders run notebooks — so the kernelspec is proven to work
 * outside the project's own venv; else the venv's (JupyterLab brings nbclient).
 */
export function kernelClientPython(): string {
  python ??= spawnSync(DEBIAN_PYTHON, ['-c', 'import nbclient, nbformat, jupyter_client'], { stdio: 'ignore' }).status === 0
    ? DEBIAN_PYTHON
    : venvPaths(notebookSetup().paths.venvDir).python;
  return python;
}

/** Runs `test/notebooks/<script>` with kernelClientPython() (`env` added to the Jupyter environment); resolves to its stdout, rejects with its stderr's last lines. */
export function runPython(script: string, args: string[], options: { cwd: string; timeoutMs: number; env?: NodeJS.ProcessEnv }): Promise<string> {
  const env = { ...notebookSetup().env, ...options.env };
  return new Promise((resolve, reject) => {
    execFile(
      kernelClientPython(),
      [join(__dirname, script), ...args],
      { cwd: options.cwd, env, timeout: options.timeoutMs, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error) reject(new Error(`${script} failed (${error.message.split('\n')[0]}):\n${stderr.split('\n').slice(-15).join('\n')}`));
        else resolve(stdout);
      },
    );
  });
}
