/**
 * The flags of `rnnlab train` as commander hands them over (undefined = not given), and the checks that need only
 * the flags themselves: combinations that cannot mean what the user wants. Checks that need the corpus or the
 * checkpoint (sizes, learning-rate decay, memory) are ./plan.ts's.
 */
import { CELL_TYPES } from '@rnnlab/core';
import type { OptimizerName, Precision } from '@rnnlab/core';
import type { SamplePoint } from '../commands/parse';
import { FlagError } from '../errors';

export const MODELS = ['min-char-rnn', ...CELL_TYPES] as const;
export type ModelName = (typeof MODELS)[number];

/** The flags as commander parses them (undefined = not given). */
export interface TrainFlags {
  data?: string;
  model?: ModelName;
  level?: 'char' | 'word';
  layers?: number;
  hidden?: number;
  seqLength?: number;
  batchSize?: number;
  optimizer?: OptimizerName;
  lr?: number;
  clip?: number;
  dropout?: number;
  lrDecay?: number;
  lrDecayAfter?: number;
  forgetBias?: number;
  iterations?: number;
  epochs?: number;
  sampleAt?: SamplePoint[];
  sampleEvery?: number;
  sampleLength?: number;
  temperature?: number;
  valFraction?: number;
  evalEvery?: number;
  checkpointEvery?: number;
  seed?: number;
  out?: string;
  resume?: string;
  log?: string;
  logEvery?: number;
  /** Check the gradients before training. */
  gradcheck?: boolean;
  precision?: Precision;
  threads?: number;
}

/** Flags min-char-rnn has no use for (it is one layer, one stream, Adagrad, one-hot characters). */
const NOT_FOR_MIN_CHAR_RNN: (keyof TrainFlags)[] = [
  'layers', 'batchSize', 'optimizer', 'dropout', 'lrDecay', 'lrDecayAfter', 'forgetBias', 'valFraction', 'evalEvery',
  'precision', 'threads',
];

/** Flags fixed by the checkpoint (or the run's config.json) when resuming. */
const FIXED_WHEN_RESUMING: (keyof TrainFlags)[] = [
  'model', 'level', 'layers', 'hidden', 'seqLength', 'batchSize', 'optimizer', 'clip', 'dropout', 'lrDecay',
  'lrDecayAfter', 'forgetBias', 'valFraction', 'seed', 'out', 'log', 'logEvery', 'precision',
];

/** `seqLength` → `--seq-length`. */
export const flagName = (key: string) => `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;

/** Rejects combinations of flags that cannot mean what the user wants. */
export function checkFlagCombinations(flags: TrainFlags): void {
  if (flags.iterations !== undefined && flags.epochs !== undefined) {
    throw new FlagError('--iterations and --epochs both given; expected one of them.');
  }
  if (flags.resume !== undefined) {
    const fixed = FIXED_WHEN_RESUMING.filter((k) => flags[k] !== undefined);
    if (fixed.length > 0) {
      throw new FlagError(`${fixed.map(flagName).join(', ')} cannot be changed when resuming (--resume takes them from the checkpoint and the run's config.json).`);
    }
    if (flags.resume === '') throw new FlagError("--resume '': expected the run directory to continue.");
    return;
  }
  const model = flags.model ?? 'lstm';
  if (model === 'min-char-rnn') {
    const unused = NOT_FOR_MIN_CHAR_RNN.filter((k) => flags[k] !== undefined);
    if (unused.length > 0) {
      throw new FlagError(`${unused.map(flagName).join(', ')} do not apply to --model min-char-rnn (one layer, one stream, Adagrad); use --model rnn|lstm|gru|esn.`);
    }
    if (flags.level === 'word') throw new FlagError('--level word does not apply to --model min-char-rnn, which is character-level.');
  } else if (flags.forgetBias !== undefined && model !== 'lstm') {
    throw new FlagError(`--forget-bias sets the LSTM's forget-gate bias; it does not apply to --model ${model}.`);
  }
  if (flags.out === '') throw new FlagError("--out '': expected a directory path for the run.");
  if (flags.logEvery !== undefined && flags.log === undefined) throw new FlagError('--log-every needs --log FILE.jsonl.');
  if (flags.log !== undefined && !flags.log.endsWith('.jsonl')) {
    throw new FlagError(`--log ${flags.log}: expected a file name ending in .jsonl (one JSON object per line).`);
  }
}
