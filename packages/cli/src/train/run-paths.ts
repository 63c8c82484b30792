/**
 * Where a run goes, checked before anything is written: the new run's directory (--out, or runs/<timestamp>), the
 * extra copy of the loss log (--log), and what --resume names (a run directory, or a checkpoint file inside one).
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve, sep } from 'node:path';
import { FlagError } from '../errors';
import type { TrainFlags } from './flags';
import { RUN_FILES } from './run-directory';

function timestamp(d: Date): string {
  return d.toISOString().replace(/[:.]/g, '-').replace('T', '_').slice(0, 19);
}

/** The new run's directory: refuses a file, the current directory, and a folder that holds anything. */
export function outputDirectory(flags: TrainFlags, started: Date): string {
  const dir = resolve(flags.out ?? join('runs', timestamp(started)));
  const shown = flags.out ?? dir;
  if (dir === process.cwd()) throw new FlagError(`--out ${shown} is the current directory; expected a new directory for the run (e.g. --out runs/first).`);
  if (!existsSync(dir)) {
    for (let up = dirname(dir); up !== dirname(up); up = dirname(up)) {
      if (!existsSync(up)) continue;
      if (!statSync(up).isDirectory()) throw new FlagError(`--out ${shown}: ${up} is a file, not a folder; expected a directory path for the run.`);
      break;
    }
    return dir;
  }
  if (!statSync(dir).isDirectory()) throw new FlagError(`--out ${shown} is a file; expected a directory for the run (new, or empty).`);
  const entries = readdirSync(dir);
  if (entries.includes(RUN_FILES.config) || entries.includes(RUN_FILES.checkpoint)) {
    throw new FlagError(`--out ${dir} already holds a run; choose another directory or continue it with --resume ${dir}.`);
  }
  if (entries.length > 0) {
    const some = entries.slice(0, 3).join(', ') + (entries.length > 3 ? ', …' : '');
    throw new FlagError(`--out ${shown} is a folder that is not empty (${some}) and not a run; expected a new or empty directory.`);
  }
  return dir;
}

/** --log's absolute path: a new .jsonl file in an existing folder or in the new run directory, not one of its files. */
export function extraLogPath(flags: TrainFlags, dir: string): string | null {
  if (flags.log === undefined) return null;
  const path = resolve(flags.log);
  const folder = dirname(path);
  if (folder === dir) {
    if ((Object.values(RUN_FILES) as string[]).includes(basename(path))) {
      throw new FlagError(`--log ${flags.log} is the run's own ${basename(path)}; choose another name (log.jsonl already holds every iteration).`);
    }
    return path;
  }
  if (!existsSync(folder) || !statSync(folder).isDirectory()) {
    throw new FlagError(`--log ${flags.log}: the folder ${folder} does not exist; expected a path in an existing folder (or in the --out directory).`);
  }
  if (existsSync(path)) throw new FlagError(`--log ${flags.log} already exists; expected a new file (rnnlab does not overwrite it).`);
  if (path.startsWith(dir + sep)) throw new FlagError(`--log ${flags.log}: expected a file directly in the --out directory or outside it.`);
  return path;
}

/** --resume DIR, or --resume DIR/checkpoint.json | DIR/checkpoint-best.json (continue from that checkpoint). */
export function resumeTarget(target: string): { dir: string; checkpointPath: string } {
  if (existsSync(target) && statSync(target).isFile()) {
    const dir = dirname(resolve(target));
    if (existsSync(join(dir, RUN_FILES.config))) return { dir, checkpointPath: target };
    throw new FlagError(`--resume ${target} is a file outside a run directory; expected a run directory (or a checkpoint file inside one).`);
  }
  return { dir: resolve(target), checkpointPath: join(target, RUN_FILES.checkpoint) };
}
