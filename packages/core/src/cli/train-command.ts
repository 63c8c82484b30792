/**
 * `rnnlab train`: the flags, their checks and the model-specific defaults. The run itself is ./train-run.ts.
 * Defaults follow the course material: min-char-rnn's (hidden 100, seqLength 25, Adagrad lr 0.1, clip 5) for
 * `--model min-char-rnn`, char-rnn's (2 layers of 128, seqLength 50, batch 50, clip 5, lr decay 0.97 after 10 epochs)
 * for the batched models, with Adam at 2e-3.
 */
import { Command, Option } from 'commander';
import { BUILTIN_CORPORA } from '../data/corpus';
import { OPTIMIZER_NAMES } from '../optim';
import type { OptimizerName } from '../optim';
import { CELL_TYPES } from '../lm/recurrent-lm';
import type { CellType } from '../lm/recurrent-lm';
import { dropProbability, integer, iterationList, positive, real, seed } from './parse';
import { runTrain } from './train-run';

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
  sampleAt?: number[];
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
}

/** A flag the user gave that does not apply: the error names it and says why. */
export class FlagError extends Error {
  override name = 'FlagError';
}

/** Flags min-char-rnn has no use for (it is one layer, one stream, Adagrad, one-hot characters). */
const NOT_FOR_MIN_CHAR_RNN: (keyof TrainFlags)[] = [
  'layers', 'batchSize', 'optimizer', 'dropout', 'lrDecay', 'lrDecayAfter', 'forgetBias', 'valFraction', 'evalEvery',
];

/** Flags fixed by the checkpoint when resuming. */
const FIXED_WHEN_RESUMING: (keyof TrainFlags)[] = [
  'model', 'level', 'layers', 'hidden', 'seqLength', 'batchSize', 'optimizer', 'clip', 'dropout', 'lrDecay',
  'lrDecayAfter', 'forgetBias', 'valFraction', 'seed', 'out',
];

const flagName = (key: string) => `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;

/** Rejects combinations of flags that cannot mean what the user wants. */
export function checkFlagCombinations(flags: TrainFlags): void {
  if (flags.iterations !== undefined && flags.epochs !== undefined) {
    throw new FlagError('--iterations and --epochs both given; expected one of them.');
  }
  if (flags.resume !== undefined) {
    const fixed = FIXED_WHEN_RESUMING.filter((k) => flags[k] !== undefined);
    if (fixed.length > 0) {
      throw new FlagError(`${fixed.map(flagName).join(', ')} cannot be changed when resuming (--resume takes them from the checkpoint).`);
    }
  }
  if ((flags.model ?? 'lstm') === 'min-char-rnn') {
    const unused = NOT_FOR_MIN_CHAR_RNN.filter((k) => flags[k] !== undefined);
    if (unused.length > 0) {
      throw new FlagError(`${unused.map(flagName).join(', ')} do not apply to --model min-char-rnn (one layer, one stream, Adagrad); use --model rnn|lstm|gru|esn.`);
    }
    if (flags.level === 'word') throw new FlagError('--level word does not apply to --model min-char-rnn, which is character-level.');
  }
  if (flags.logEvery !== undefined && flags.log === undefined) throw new FlagError('--log-every needs --log FILE.jsonl.');
  if (flags.log !== undefined && !flags.log.endsWith('.jsonl')) {
    throw new FlagError(`--log ${flags.log}: expected a file name ending in .jsonl (one JSON object per line).`);
  }
}

/** The `train` command with every flag. */
export function trainCommand(): Command {
  const int = (min: number) => integer(min);
  return new Command('train')
    .description('Train a character- or word-level language model on a text, sampling as it learns.')
    .option('--data <name|path>', `corpus: ${BUILTIN_CORPORA.join(', ')} or a UTF-8 text file (default: moby-dick)`)
    .addOption(new Option('--model <model>', 'model (default: lstm)').choices(MODELS))
    .addOption(new Option('--level <level>', 'tokens: characters or words (default: char)').choices(['char', 'word']))
    .option('--layers <L>', 'stacked recurrent layers (default: 2)', int(1))
    .option('--hidden <H>', 'hidden size (default: 128; min-char-rnn 100)', int(1))
    .option('--seq-length <T>', 'time steps of truncated backprop (default: 50; min-char-rnn 25)', int(1))
    .option('--batch-size <B>', 'parallel streams per batch (default: 50)', int(1))
    .addOption(new Option('--optimizer <name>', 'optimizer (default: adam)').choices(OPTIMIZER_NAMES))
    .option('--lr <X>', 'learning rate (default: 2e-3; min-char-rnn 0.1)', positive)
    .option('--clip <X>', 'clip every gradient element to [-X, X]; 0 turns it off (default: 5)', real({ min: 0, expected: 'a number >= 0' }))
    .option('--dropout <P>', 'dropout probability between layers (default: 0)', dropProbability)
    .option('--lr-decay <F>', 'multiply the learning rate by F at the end of each epoch from --lr-decay-after on (default: 0.97)', real({ min: 0, max: 1, minOpen: true, expected: 'a number in (0, 1]' }))
    .option('--lr-decay-after <E>', 'epochs before the decay starts (default: 10)', integer(0))
    .option('--forget-bias <X>', 'initial LSTM forget-gate bias (default: 1)', real({ expected: 'a finite number' }))
    .option('--iterations <N>', 'train until N iterations are done (default: 1000)', integer(0))
    .option('--epochs <E>', 'train for E passes over the training split (instead of --iterations)', real({ min: 0, minOpen: true, expected: 'a positive number' }))
    .option('--sample-at <list>', 'sample after these iterations, e.g. 5,50,500 (0 = before training)', iterationList)
    .option('--sample-every <K>', 'also sample every K iterations (default: never)', integer(0))
    .option('--sample-length <L>', 'tokens per sample (default: 200)', int(1))
    .option('--temperature <X>', 'sampling temperature (default: 1)', positive)
    .option('--val-fraction <F>', 'fraction of the batches kept for validation (default: 0.05)', real({ min: 0, max: 1, maxOpen: true, expected: 'a number in [0, 1)' }))
    .option('--eval-every <K>', 'validation loss every K iterations (default: at the end of each epoch and of training)', integer(0))
    .option('--checkpoint-every <K>', 'checkpoint every K iterations (default: at each evaluation and at the end)', integer(0))
    .option('--seed <S>', 'seed of every random draw, as numpy.random.seed(S) (default: 42)', seed)
    .option('--out <dir>', 'run directory (default: runs/<timestamp>)')
    .option('--resume <dir>', 'continue the run in <dir> from its checkpoint')
    .option('--log <file.jsonl>', 'also write the loss log here, one JSON object per logged iteration')
    .option('--log-every <K>', 'with --log: log every K iterations (default: 1)', int(1))
    .action(async (flags: TrainFlags) => {
      await runTrain(flags);
    });
}
