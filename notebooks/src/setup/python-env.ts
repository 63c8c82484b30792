/**
 * The project-local Python environment that runs JupyterLab: `.venv-notebooks/` at the repository root (git-ignored),
 * made with the system's `python3 -m venv` and filled by pip with JupyterLab 4, Notebook 7, plotly (whose wheel holds
 * JupyterLab's plotly renderer) and nbclient (the headless runner the tests use).
 *
 * Idempotent and fast when done: a stamp file inside the venv records the requirements it was filled with, and a
 * venv whose stamp matches and whose packages import is left alone.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SetupError } from './setup-error';

/** What pip installs; the stamp compares this list, so changing it refreshes every venv. */
export const PYTHON_REQUIREMENTS = ['jupyterlab>=4.2,<5', 'notebook>=7.2,<8', 'plotly>=5.20', 'nbclient>=0.10'];

/** The modules that must be installed for the environment to count as ready (found, not imported: importing takes seconds). */
const READY_MODULES = ['jupyterlab', 'notebook', 'plotly', 'nbclient', 'jupyter_client'];
const READY_CHECK = `import importlib.util, sys; sys.exit(any(importlib.util.find_spec(m) is None for m in ${JSON.stringify(READY_MODULES)}))`;

/** The paths of a venv's own Python and of a console script inside it (POSIX layout; Windows uses Scripts\). */
export function venvPaths(venvDir: string): { python: string; bin: (name: string) => string } {
  const binDir = process.platform === 'win32' ? join(venvDir, 'Scripts') : join(venvDir, 'bin');
  const exe = process.platform === 'win32' ? '.exe' : '';
  return { python: join(binDir, `python${exe}`), bin: (name) => join(binDir, `${name}${exe}`) };
}

/** Finds a Python 3.9+ that can make venvs: $RNNLAB_PYTHON, else python3 on PATH. Throws SetupError saying what to install. */
export function findSystemPython(env: NodeJS.ProcessEnv = process.env): string {
  const python = env.RNNLAB_PYTHON || 'python3';
  const probe = spawnSync(python, ['-c', 'import sys; print("%d.%d" % sys.version_info[:2])'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) {
    throw new SetupError(`no ${python} found: install Python 3.9 or newer (Debian/Ubuntu: apt-get install python3 python3-venv), or set RNNLAB_PYTHON to a python3`);
  }
  const [major, minor] = probe.stdout.trim().split('.').map(Number);
  if (major !== 3 || minor < 9) {
    throw new SetupError(`${python} is Python ${probe.stdout.trim()}; JupyterLab 4 needs Python 3.9 or newer (set RNNLAB_PYTHON to one)`);
  }
  // Debian and Ubuntu ship venv without ensurepip unless python3-venv is installed; `python3 -m venv` then fails late.
  const venv = spawnSync(python, ['-c', 'import venv, ensurepip'], { encoding: 'utf8' });
  if (venv.status !== 0) {
    throw new SetupError(`${python} cannot make virtual environments (no venv/ensurepip module): apt-get install python3-venv (Debian/Ubuntu)`);
  }
  return python;
}

/** True when the venv exists, was filled with today's requirements, and its packages are there. */
export function isPythonEnvReady(venvDir: string): boolean {
  const { python } = venvPaths(venvDir);
  if (!existsSync(python) || readStamp(venvDir) !== stampText()) return false;
  return spawnSync(python, ['-c', READY_CHECK], { stdio: 'ignore' }).status === 0;
}

/**
 * Makes the venv (or repairs a broken one) and pip-installs the requirements. pip runs as configured on the machine;
 * its first try gives up quickly on an unreachable index (one retry, 15 s timeout), and a failed try is repeated with
 * --no-index, which installs from the configured find-links alone.
 */
export function preparePythonEnv(venvDir: string, log: (line: string) => void): void {
  if (isPythonEnvReady(venvDir)) return;
  const { python } = venvPaths(venvDir);
  if (!existsSync(python) || spawnSync(python, ['-c', 'import pip'], { stdio: 'ignore' }).status !== 0) {
    const systemPython = findSystemPython();
    rmSync(venvDir, { recursive: true, force: true });
    log(`creating the Python environment ${venvDir}`);
    run(systemPython, ['-m', 'venv', venvDir], 'python3 -m venv');
  }
  log(`installing ${PYTHON_REQUIREMENTS.join(' ')} (about 30 s the first time)`);
  const pipInstall = (options: string[]) => spawnSync(
    python,
    ['-m', 'pip', 'install', '--disable-pip-version-check', '--quiet', ...options, ...PYTHON_REQUIREMENTS],
    { stdio: ['ignore', 'inherit', 'pipe'], encoding: 'utf8' },
  );
  const first = pipInstall(['--retries', '1', '--timeout', '15']);
  if (first.status !== 0) {
    log('pip could not reach its index; trying again with --no-index (the configured find-links only)');
    const second = pipInstall(['--no-index']);
    if (second.status !== 0) {
      const reason = lastLine(second.stderr) || lastLine(first.stderr) || `exit code ${second.status}`;
      throw new SetupError(`pip could not install ${PYTHON_REQUIREMENTS.join(' ')}: ${reason}`);
    }
  }
  writeFileSync(stampPath(venvDir), stampText());
  if (!isPythonEnvReady(venvDir)) {
    throw new SetupError(`the Python environment ${venvDir} was installed but lacks one of ${READY_MODULES.join(', ')}; delete the folder and run again`);
  }
}

function run(command: string, args: string[], what: string): void {
  try {
    execFileSync(command, args, { stdio: ['ignore', 'inherit', 'pipe'], encoding: 'utf8' });
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr ?? '';
    throw new SetupError(`${what} failed: ${lastLine(stderr) || (error as Error).message}`);
  }
}

function lastLine(text: string | undefined): string {
  return (text ?? '').trim().split('\n').filter((l) => l.trim() !== '').pop()?.trim() ?? '';
}

function stampPath(venvDir: string): string {
  return join(venvDir, 'rnnlab-requirements.txt');
}

function stampText(): string {
  return `${PYTHON_REQUIREMENTS.join('\n')}\n`;
}

function readStamp(venvDir: string): string | undefined {
  try {
    return readFileSync(stampPath(venvDir), 'utf8');
  } catch {
    return undefined;
  }
}
