/**
 * `rnnlab sample CHECKPOINT`: text from a trained model. CHECKPOINT is a checkpoint file or a run directory (its
 * checkpoint.json). Prints the sample (the prime, then the generated tokens) to stdout.
 */
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Command } from 'commander';
import { loadCheckpoint } from '../checkpoint/checkpoint';
import { samplerFromCheckpoint } from '../lm/sessions';
import { integer, positive, seed } from './parse';
import { FlagError } from './train-command';

export interface SampleFlags {
  length?: number;
  temperature?: number;
  topK?: number;
  argmax?: boolean;
  prime?: string;
  seed?: number;
}

/** A run directory means its checkpoint.json. */
export function checkpointPath(path: string): string {
  return existsSync(path) && statSync(path).isDirectory() ? join(path, 'checkpoint.json') : path;
}

export function sampleCommand(): Command {
  return new Command('sample')
    .description('Sample text from a trained model.')
    .argument('<checkpoint>', 'a checkpoint file, or a run directory holding checkpoint.json')
    .option('--length <N>', 'tokens to generate (default: 500)', integer(1))
    .option('--temperature <X>', 'softmax temperature: < 1 safer, > 1 wilder (default: 1)', positive)
    .option('--top-k <K>', 'sample only among the K most likely tokens', integer(1))
    .option('--argmax', 'always take the most likely token (greedy)')
    .option('--prime <text>', 'text to start from; it must use only tokens in the vocabulary')
    .option('--seed <S>', 'seed of the sampling generator (default: 0)', seed)
    .action((path: string, flags: SampleFlags) => {
      const checkpoint = loadCheckpoint(checkpointPath(path));
      const sampler = samplerFromCheckpoint(checkpoint);
      if (flags.topK !== undefined && flags.topK > sampler.vocab.size) {
        throw new FlagError(`--top-k ${flags.topK} is larger than the vocabulary (${sampler.vocab.size} tokens); expected at most ${sampler.vocab.size}.`);
      }
      const text = sampler.sample({
        length: flags.length ?? 500,
        temperature: flags.temperature,
        topK: flags.topK,
        argmax: flags.argmax ?? false,
        prime: flags.prime,
        seed: flags.seed ?? 0,
      });
      process.stdout.write(`${text}\n`);
    });
}
