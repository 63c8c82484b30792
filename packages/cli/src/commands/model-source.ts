/**
 * Where `rnnlab gradcheck` and `rnnlab summary` get their model: a run directory (its config.json and checkpoint, on
 * the corpus it was trained on) or the model flags (./model-flags.ts, resolved with train's defaults on --data).
 * Giving both is an error: a run's model is fixed by its checkpoint.
 */
import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadCheckpoint, loadCorpus, restoreSession } from '@rnnlab/core';
import type { CheckpointableSession, ModelArchitecture } from '@rnnlab/core';
import { FlagError, RunError } from '../errors';
import { architectureOf } from '../report/architecture-of';
import { checkFlagCombinations, flagName } from '../train/flags';
import type { TrainFlags } from '../train/flags';
import { buildSession, settingsFromFlags, vocabFor } from '../train/plan';
import type { ModelSettings } from '../train/plan';
import { RUN_FILES, readRunConfig, runCorpus } from '../train/run-directory';
import type { RunConfig } from '../train/run-directory';

/** The model flags (a subset of train's). */
export type ModelFlags = Pick<TrainFlags, 'data' | 'model' | 'level' | 'layers' | 'hidden' | 'seqLength' | 'batchSize' | 'dropout' | 'forgetBias' | 'seed'>;

const MODEL_FLAG_KEYS: (keyof ModelFlags)[] = ['data', 'model', 'level', 'layers', 'hidden', 'seqLength', 'batchSize', 'dropout', 'forgetBias', 'seed'];

/** A run directory's config.json; `label` names the argument in errors. Refuses a path that is not a run. */
export function readRun(dir: string, label = dir): { dir: string; config: RunConfig } {
  if (!existsSync(dir)) throw new RunError(`${label}: no such run directory.`);
  if (!statSync(dir).isDirectory()) throw new RunError(`${label} is a file; expected a run directory written by rnnlab train.`);
  const configPath = join(dir, RUN_FILES.config);
  if (!existsSync(configPath)) throw new RunError(`${label}: no config.json there; expected a run directory written by rnnlab train.`);
  return { dir: resolve(dir), config: readRunConfig(configPath) };
}

/** Refuses model flags given together with a run directory, naming them. */
function checkNoModelFlags(run: string, flags: ModelFlags): void {
  const given = MODEL_FLAG_KEYS.filter((k) => flags[k] !== undefined);
  if (given.length > 0) {
    throw new FlagError(`${given.map(flagName).join(', ')} cannot be given with a run directory (${run}): its model comes from its checkpoint and config.json.`);
  }
}

/** A session to check: the run's at its checkpoint, or a new one from the flags. Also the corpus ids and the settings. */
export function sessionFrom(run: string | undefined, flags: ModelFlags): { session: CheckpointableSession; ids: ArrayLike<number>; settings: ModelSettings } {
  if (run !== undefined) {
    checkNoModelFlags(run, flags);
    const { config } = readRun(run);
    const checkpoint = loadCheckpoint(join(run, RUN_FILES.checkpoint)); // named in errors as the user wrote it
    const { text } = loadCorpus(runCorpus(config));
    const session = restoreSession(checkpoint, text);
    return { session, ids: session.vocab.encode(text), settings: config.plan };
  }
  checkFlagCombinations(flags);
  const corpus = loadCorpus(flags.data);
  const settings = settingsFromFlags(flags);
  const vocab = vocabFor(settings, corpus.text);
  return { session: buildSession(settings, vocab, corpus.text), ids: vocab.encode(corpus.text), settings };
}

/** The architecture of the run's model, or of the model the flags describe (only the corpus is read). */
export function architectureFrom(run: string | undefined, flags: ModelFlags): ModelArchitecture {
  if (run !== undefined) {
    checkNoModelFlags(run, flags);
    const { config } = readRun(run);
    return architectureOf(config.plan, config.vocabSize);
  }
  checkFlagCombinations(flags);
  const settings = settingsFromFlags(flags);
  return architectureOf(settings, vocabFor(settings, loadCorpus(flags.data).text).size);
}
