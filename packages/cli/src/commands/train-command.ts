/**
 * `rnnlab train`: the flags and their value checks. What a run does with them is ../train/train.ts. Defaults follow
 * the course material: min-char-rnn's (hidden 100, seqLength 25, Adagrad lr 0.1, clip 5) for `--model min-char-rnn`,
 * char-rnn's (2 layers of 128, seqLength 50, batch 50, clip 5, lr decay 0.97 after 10 epochs) for the batched
 * models, with Adam at 2e-3.
 */
import { Command, Option } from 'commander';
import { BUILTIN_CORPORA, OPTIMIZER_NAMES, PRECISIONS } from '@rnnlab/core';
import { train } from '../train/train';
import { MODELS } from '../train/flags';
import type { TrainFlags } from '../train/flags';
import { dropProbability, integer, iterationList, positive, real, seed } from './parse';

/** The `train` command with every flag. */
export function trainCommand(): Command {
  const int = (min: number) => integer(min);
  return new Command('train')
    .description('Train a character- or word-level language model on a text, sampling as it learns.')
    .option('--data <name|path>', `corpus: ${BUILTIN_CORPORA.join(', ')} or a UTF-8 text file (default: moby-dick)`)
    .addOption(new Option('--model <model>', 'model (default: lstm)').choices(MODELS))
    .addOption(new Option('--level <level>', 'tokens: characters or words (default: char)').choices(['char', 'word']))
    .option('--layers <L>', 'stacked recurrent layers, at most 100 (default: 2)', integer(1, 100))
    .option('--hidden <H>', 'hidden size (default: 128; min-char-rnn 100)', int(1))
    .option('--seq-length <T>', 'time steps of truncated backprop (default: 50; min-char-rnn 25)', int(1))
    .option('--batch-size <B>', 'parallel streams per batch (default: 50)', int(1))
    .addOption(new Option('--optimizer <name>', 'optimizer (default: adam)').choices(OPTIMIZER_NAMES))
    .option('--lr <X>', 'learning rate (default: 2e-3; min-char-rnn 0.1)', positive)
    .option('--clip <X>', 'clip every gradient element to [-X, X]; 0 turns it off (default: 5)', real({ min: 0, expected: 'a number >= 0' }))
    .option('--dropout <P>', 'dropout probability between layers (default: 0)', dropProbability)
    .option('--lr-decay <F>', 'multiply the learning rate by F at the end of each epoch from --lr-decay-after on (default: 0.97)', real({ min: 0, max: 1, minOpen: true, expected: 'a number in (0, 1]' }))
    .option('--lr-decay-after <E>', 'epochs before the decay starts (default: 10)', integer(0))
    .option('--forget-bias <X>', 'initial LSTM forget-gate bias, --model lstm only (default: 1)', real({ expected: 'a finite number' }))
    .option('--iterations <N>', 'train until N iterations are done (default: 1000; when resuming, the run\'s target)', integer(0))
    .option('--epochs <E>', 'train for E passes over the training split (instead of --iterations)', real({ min: 0, minOpen: true, expected: 'a positive number' }))
    .option('--sample-at <list>', 'sample after these iterations, e.g. 5,50,500 (0 = before training)', iterationList)
    .option('--sample-every <K>', 'also sample every K iterations (default: never)', integer(0))
    .option('--sample-length <L>', 'tokens per sample, at most 100000 (default: 200)', integer(1, 100_000))
    .option('--temperature <X>', 'sampling temperature (default: 1)', positive)
    .option('--val-fraction <F>', 'fraction of the batches kept for validation (default: 0.05)', real({ min: 0, max: 1, maxOpen: true, expected: 'a number in [0, 1)' }))
    .option('--eval-every <K>', 'validation loss every K iterations (default: at the end of each epoch and of training)', integer(0))
    .option('--checkpoint-every <K>', 'checkpoint every K iterations (default: at each evaluation and at the end)', integer(0))
    .option('--seed <S>', 'seed of every random draw, as numpy.random.seed(S) (default: 42)', seed)
    .option('--out <dir>', 'run directory (default: runs/<timestamp>)')
    .option('--resume <dir>', 'continue the run in <dir> from its checkpoint (or from <dir>/checkpoint-best.json)')
    .option('--log <file.jsonl>', 'also write the loss log here, one JSON object per logged iteration')
    .option('--log-every <K>', 'with --log: log every K iterations (default: 1)', int(1))
    .addOption(new Option('--precision <p>', 'arithmetic of the layers\' kernels; float32 is about twice as fast, parameters stay float64 (default: float64)').choices(PRECISIONS))
    .option('--threads <N>', 'threads that share each batch, at most 64; may change on every resume (default: 1)', integer(1, 64))
    .action(async (flags: TrainFlags) => {
      process.exitCode = await train(flags);
    });
}
