/** The checks every command that writes a file named by a flag (`summary --svg`, `report --docx`) makes first. */
import { existsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { FlagError } from '../errors';

/** Refuses `path`, given as `flag`, unless it ends in `extension` and its folder exists. */
export function checkOutputFile(flag: string, path: string, extension: string): void {
  if (!path.endsWith(extension)) throw new FlagError(`${flag} ${path}: expected a file name ending in ${extension}.`);
  const folder = dirname(resolve(path));
  if (!existsSync(folder) || !statSync(folder).isDirectory()) throw new FlagError(`${flag} ${path}: the folder ${folder} does not exist.`);
}
