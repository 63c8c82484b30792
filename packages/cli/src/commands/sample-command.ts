/**
 * `rnnlab sample CHECKPOINT`: text from a trained model. CHECKPOINT is a checkpoint file (checkpoint.json,
 * checkpoint-best.json, an imported model) or a run directory (its checkpoint.json). Prints the sample (the prime,
 * then the generated tokens) to stdout.
 */
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Command } from 'commander';
import { loadCheckpoint, samplerFromCheckpoint } from '@rnnlab/core';
import { FlagError } from '../errors';
import { integer, positive, seed } from './parse';

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
    .option('--length <N>', 'tokens to generate, at most 1000000 (default: 500)', integer(1, 1_000_000))
    .option('--temperature <X>', 'softmax temperature: < 1 safer, > 1 wilder (default: 1)', positive)
    .option('--top-k <K>', 'sample only among the K most likely tokens', integer(1))
    .option('--argmax', 'always take the most likely token (greedy; no --temperature or --top-k)')
    .option('--prime <text>', 'text to start from; it must use only tokens in the vocabulary')
    .option('--seed <S>', 'seed of the sampling generator (default: 0)', seed)
    .action((path: string, flags: SampleFlags) => {
      if (flags.argmax === true && (flags.temperature !== undefined || flags.topK !== undefined)) {
        const given = [flags.temperature !== undefined ? '--temperature' : '', flags.topK !== undefined ? '--top-k' : ''].filter((f) => f !== '');
        throw new FlagError(`--argmax always takes the most likely token, so ${given.join(' and ')} would be ignored; give one or the other.`);
      }
      const sampler = samplerFromCheckpoint(loadCheckpoint(checkpointPath(path)));
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
