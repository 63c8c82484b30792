/**
 * `rnnlab train`: the flags and their value checks. What a run does with them is ../train/train.ts. Defaults follow
 * the course material: min-char-rnn's (hidden 100, seqLength 25, Adagrad lr 0.1, clip 5) for `--model min-char-rnn`,
 * char-rnn's (2 layers of 128, seqLength 50, batch 50, clip 5, lr decay 0.97 after 10 epochs) for the batched
 * models, with Adam at 2e-3.
 */
import { Command, Option } from 'commander';
import { OPTIMIZER_NAMES, PRECISIONS } from '@rnnlab/core';
import { train } from '../train/train';
import type { TrainFlags } from '../train/flags';
import { addModelOptions } from './model-flags';
import { integer, positive, real, sampleAtList } from './parse';

/** The `train` command with every flag. */
export function trainCommand(): Command {
  const int = (min: number) => integer(min);
  return addModelOptions(new Command('train').description('Train a character- or word-level language model on a text, sampling as it learns.'))
    .addOption(new Option('--optimizer <name>', 'optimizer (default: adam)').choices(OPTIMIZER_NAMES))
    .option('--lr <X>', 'learning rate (default: 2e-3; min-char-rnn 0.1)', positive)
    .option('--clip <X>', 'clip every gradient element to [-X, X]; 0 turns it off (default: 5)', real({ min: 0, expected: 'a number >= 0' }))
    .option('--lr-decay <F>', 'multiply the learning rate by F at the end of each epoch from --lr-decay-after on (default: 0.97)', real({ min: 0, max: 1, minOpen: true, expected: 'a number in (0, 1]' }))
    .option('--lr-decay-after <E>', 'epochs before the decay starts (default: 10)', integer(0))
    .option('--iterations <N>', 'train until N iterations are done (default: 1000; when resuming, the run\'s target)', integer(0))
    .option('--epochs <E>', 'train for E passes over the training split (instead of --iterations)', real({ min: 0, minOpen: true, expected: 'a positive number' }))
    .option('--sample-at <list>', 'sample after these iterations, e.g. 5,50,500 (0 = before training), or epochs, e.g. 1e,2.5e: an epoch is one pass over the training text, for min-char-rnn ⌊(characters − 2) / seq-length⌋ iterations (44,615 on tiny Shakespeare); the run prints its own', sampleAtList)
    .option('--sample-every <K>', 'also sample every K iterations (default: never)', integer(0))
    .option('--sample-length <L>', 'tokens per sample, at most 100000 (default: 200)', integer(1, 100_000))
    .option('--temperature <X>', 'sampling temperature (default: 1)', positive)
    .option('--val-fraction <F>', 'fraction of the batches kept for validation (default: 0.05)', real({ min: 0, max: 1, maxOpen: true, expected: 'a number in [0, 1)' }))
    .option('--eval-every <K>', 'validation loss every K iterations (default: at the end of each epoch and of training)', integer(0))
    .option('--checkpoint-every <K>', 'checkpoint every K iterations (default: at each evaluation and at the end)', integer(0))
    .option('--out <dir>', 'run directory (default: runs/<timestamp>)')
    .option('--resume <dir>', 'continue the run in <dir> from its checkpoint (or from <dir>/checkpoint-best.json)')
    .option('--log <file.jsonl>', 'also write the loss log here, one JSON object per logged iteration')
    .option('--log-every <K>', 'with --log: log every K iterations (default: 1)', int(1))
    .option('--gradcheck', 'check the gradients before training (as min-char-rnn.py\'s gradCheck); the run keeps the table')
    .addOption(new Option('--precision <p>', 'arithmetic of the layers\' kernels; float32 is about twice as fast, parameters stay float64 (default: float64)').choices(PRECISIONS))
    .option('--threads <N>', 'threads that share each batch, at most 64; may change on every resume (default: 1)', integer(1, 64))
    .action(async (flags: TrainFlags) => {
      process.exitCode = await train(flags);
    });
}
