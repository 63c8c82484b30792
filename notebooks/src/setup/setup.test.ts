import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { kernelSpec } from './kernelspec';
import { main } from './main';
import { jupyterEnv, projectPaths } from './project-paths';
import { findSystemPython, isPythonEnvReady } from './python-env';

/** A fake python3: prints `version` for the version probe and fails the venv probe unless `hasVenv`. */
function fakePython(version: string, hasVenv: boolean): string {
  const file = join(mkdtempSync(join(tmpdir(), 'rnnlab-python-')), 'python3');
  writeFileSync(file, `#!/bin/sh
case "$2" in
  *version_info*) echo ${version} ;;
  *ensurepip*) ${hasVenv ? 'exit 0' : 'echo "No module named ensurepip" >&2; exit 1'} ;;
esac
`);
  chmodSync(file, 0o755);
  return file;
}

describe('findSystemPython', () => {
  it('says to install Python when there is none', () => {
    expect(() => findSystemPython({ RNNLAB_PYTHON: '/nonexistent/python3' })).toThrow(
      'no /nonexistent/python3 found: install Python 3.9 or newer (Debian/Ubuntu: apt-get install python3 python3-venv), or set RNNLAB_PYTHON to a python3',
    );
  });

  it('says to apt-get install python3-venv when the venv module is missing', () => {
    const python = fakePython('3.11', false);
    expect(() => findSystemPython({ RNNLAB_PYTHON: python })).toThrow(
      `${python} cannot make virtual environments (no venv/ensurepip module): apt-get install python3-venv (Debian/Ubuntu)`,
    );
  });

  it('refuses a Python older than 3.9', () => {
    const python = fakePython('3.7', true);
    expect(() => findSystemPython({ RNNLAB_PYTHON: python })).toThrow(`${python} is Python 3.7; JupyterLab 4 needs Python 3.9 or newer`);
  });

  it('accepts a Python 3.9+ with venv', () => {
    const python = fakePython('3.12', true);
    expect(findSystemPython({ RNNLAB_PYTHON: python })).toBe(python);
  });
});

describe('the project-local Jupyter setup', () => {
  const paths = projectPaths('/repo');

  it('runs the project\'s tslab by absolute path with the given node, ending with its parent', () => {
    expect(kernelSpec(paths, '/opt/node/bin/node')).toMatchObject({
      argv: ['/opt/node/bin/node', '--require', '/repo/notebooks/dist/setup/exit-with-parent.js', '/repo/notebooks/node_modules/tslab/bin/tslab', 'kernel', '--config-path', '{connection_file}'],
      language: 'typescript',
    });
  });

  it('a kernel whose server is gone ends within seconds (the preload of kernel.json); one Jupyter did not start is left alone', async () => {
    // `sh` starts long-running nodes with the preload in the background and exits: they are orphaned, as a kernel is
    // when its server is killed. Only the one with Jupyter's JPY_PARENT_PID is watched (as ipykernel does).
    const orphan = (env: string) => Number(spawnSync('sh', ['-c',
      `${env} "${process.execPath}" --require "${projectPaths().kernelPreload}" -e "setInterval(() => {}, 1000)" >/dev/null 2>&1 & echo $!`,
    ], { encoding: 'utf8' }).stdout.trim());
    const kernel = orphan('JPY_PARENT_PID=$$');
    const other = orphan('JPY_PARENT_PID=');
    const alive = (pid: number) => {
      try {
        process.kill(pid, 0);
        return true;
      } catch {
        return false;
      }
    };
    for (let waited = 0; alive(kernel) && waited < 10_000; waited += 100) await new Promise((resolve) => setTimeout(resolve, 100));
    await new Promise((resolve) => setTimeout(resolve, 1500)); // more than the watch's period
    const left = [alive(kernel), alive(other)];
    for (const pid of [kernel, other]) if (alive(pid)) process.kill(pid, 'SIGKILL');
    expect(left).toEqual([false, true]);
  });

  it('points every Jupyter folder into the repository and puts the venv first on PATH', () => {
    const env = jupyterEnv(paths, { PATH: '/usr/bin', HOME: '/home/me' });
    expect(env).toMatchObject({
      JUPYTER_PATH: '/repo/.jupyter/share/jupyter', JUPYTER_DATA_DIR: '/repo/.jupyter/share/jupyter',
      JUPYTER_CONFIG_DIR: '/repo/.jupyter/config', JUPYTER_RUNTIME_DIR: '/repo/.jupyter/runtime',
      PATH: '/repo/.venv-notebooks/bin:/usr/bin', HOME: '/home/me',
    });
  });

  it('does not take a missing or half-made venv for a ready one', () => {
    expect(isPythonEnvReady(join(mkdtempSync(join(tmpdir(), 'rnnlab-venv-')), 'none'))).toBe(false);
  });
});

describe('pnpm notebooks (arguments)', () => {
  it('rejects a bad --port with exit code 1 before setting anything up', async () => {
    const stderr: string[] = [];
    const write = process.stderr.write;
    process.stderr.write = ((text: string) => (stderr.push(text), true)) as typeof process.stderr.write;
    try {
      expect(await main(['node', 'notebooks', '--port', '80a'])).toBe(1);
      expect(await main(['node', 'notebooks', '--bogus'])).toBe(1);
    } finally {
      process.stderr.write = write;
    }
    expect(stderr.join('')).toContain('"80a" is not a port (an integer from 1 to 65535)');
    expect(stderr.join('')).toContain("unknown option '--bogus'");
  });

  it('rejects a --root-dir that does not exist, in one line', async () => {
    const stderr: string[] = [];
    const write = process.stderr.write;
    process.stderr.write = ((text: string) => (stderr.push(text), true)) as typeof process.stderr.write;
    try {
      expect(await main(['node', 'notebooks', '--no-browser', '--root-dir', '/nonexistent/folder'])).toBe(1);
    } finally {
      process.stderr.write = write;
    }
    expect(stderr.join('')).toBe('notebooks: --root-dir /nonexistent/folder: no such folder\n');
  }, 300_000);
});
