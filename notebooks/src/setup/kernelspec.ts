/**
 * The project's tslab kernelspec (and JupyterLab's page config), `.jupyter/share/jupyter/kernels/tslab/kernel.json`. It runs the project's own
 * (patched) tslab by absolute path with the node that ran the setup, so neither a global tslab nor the PATH that
 * Jupyter happens to have can change which kernel the notebooks get. The name is tslab's own ("tslab"), so the
 * notebooks also open with a user's global tslab install — which, run from inside this repository, hands over to the
 * local tslab anyway (tslab looks for node_modules/tslab above the notebook first). The kernel ends with the server
 * that started it (exit-with-parent.ts, preloaded), as ipykernel's kernels do.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ProjectPaths } from './project-paths';
import { SetupError } from './setup-error';

/** The kernelspec name the notebooks' metadata refers to. */
export const KERNEL_NAME = 'tslab';

/** The kernel.json this project writes (an object, as Jupyter reads it). */
export function kernelSpec(paths: ProjectPaths, nodeBinary = process.execPath): object {
  return {
    argv: [nodeBinary, '--require', paths.kernelPreload, paths.tslabBin, 'kernel', '--config-path', '{connection_file}'],
    display_name: 'TypeScript (rnnlab)',
    language: 'typescript',
    metadata: { rnnlab: 'written by pnpm notebooks; rewritten on every run' },
  };
}

/** Writes the kernelspec when it is missing or differs; returns its folder. Throws SetupError when tslab is not installed. */
export function writeKernelSpec(paths: ProjectPaths): string {
  if (!existsSync(paths.tslabBin)) {
    throw new SetupError(`tslab is not installed at ${paths.tslabBin}: run "npx --yes pnpm@10.34.8 install" in ${paths.root} first`);
  }
  const dir = join(paths.jupyterDataDir, 'kernels', KERNEL_NAME);
  const file = join(dir, 'kernel.json');
  const text = `${JSON.stringify(kernelSpec(paths), null, 2)}\n`;
  if (!existsSync(file) || readFileSync(file, 'utf8') !== text) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(file, text);
  }
  return dir;
}

/**
 * JupyterLab's page config in the project's config folder: turns off the "get notified about Jupyter news?" pop-up,
 * which would fetch news from the internet and covers part of a student's first screen.
 */
export function writeLabPageConfig(paths: ProjectPaths): void {
  const dir = join(paths.jupyterConfigDir, 'labconfig');
  const file = join(dir, 'page_config.json');
  const text = `${JSON.stringify({ disabledExtensions: { '@jupyterlab/apputils-extension:announcements': true } }, null, 2)}\n`;
  if (!existsSync(file) || readFileSync(file, 'utf8') !== text) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(file, text);
  }
}
