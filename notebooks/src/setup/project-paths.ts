/**
 * Where `pnpm notebooks` keeps things, all inside the repository and git-ignored: the Python environment
 * (`.venv-notebooks/`) and Jupyter's data, config and runtime folders (`.jupyter/`), which hold the project's
 * kernelspec. Pointing JUPYTER_PATH, JUPYTER_DATA_DIR, JUPYTER_CONFIG_DIR and JUPYTER_RUNTIME_DIR there keeps the
 * setup from touching (or depending on) the user's own Jupyter installation.
 */
import { delimiter, dirname, join, resolve } from 'node:path';
import { venvPaths } from './python-env';

/** The project's folders and files that the notebook setup reads or writes. */
export interface ProjectPaths {
  /** The repository root. */
  root: string;
  /** The notebooks package (the .ipynb files and this code). */
  notebooksDir: string;
  /** The project's tslab launcher, reached through the notebooks package's node_modules. */
  tslabBin: string;
  /** Preloaded into the kernel: it ends when its Jupyter server is gone (exit-with-parent.ts). */
  kernelPreload: string;
  venvDir: string;
  /** `.jupyter/share/jupyter`: JUPYTER_PATH and JUPYTER_DATA_DIR; kernelspecs live in its `kernels/`. */
  jupyterDataDir: string;
  jupyterConfigDir: string;
  jupyterRuntimeDir: string;
}

/** The paths for the repository that holds this package (found from this file's location in `notebooks/dist/setup`). */
export function projectPaths(root = resolve(__dirname, '..', '..', '..')): ProjectPaths {
  const notebooksDir = join(root, 'notebooks');
  const jupyterDir = join(root, '.jupyter');
  return {
    root,
    notebooksDir,
    tslabBin: join(notebooksDir, 'node_modules', 'tslab', 'bin', 'tslab'),
    kernelPreload: join(notebooksDir, 'dist', 'setup', 'exit-with-parent.js'),
    venvDir: join(root, '.venv-notebooks'),
    jupyterDataDir: join(jupyterDir, 'share', 'jupyter'),
    jupyterConfigDir: join(jupyterDir, 'config'),
    jupyterRuntimeDir: join(jupyterDir, 'runtime'),
  };
}

/** The environment for every Jupyter process of the project: its own Jupyter folders, the venv first on PATH. */
export function jupyterEnv(paths: ProjectPaths, base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const venvBin = dirname(venvPaths(paths.venvDir).python);
  const pathKey = Object.keys(base).find((k) => k.toUpperCase() === 'PATH') ?? 'PATH';
  return {
    ...base,
    JUPYTER_PATH: paths.jupyterDataDir,
    JUPYTER_DATA_DIR: paths.jupyterDataDir,
    JUPYTER_CONFIG_DIR: paths.jupyterConfigDir,
    JUPYTER_RUNTIME_DIR: paths.jupyterRuntimeDir,
    JUPYTER_PLATFORM_DIRS: '1',
    [pathKey]: [venvBin, base[pathKey]].filter(Boolean).join(delimiter),
  };
}
