/**
 * The flags that describe a model, shared by `rnnlab train`, `gradcheck` and `summary` so that the three accept the
 * same model the same way: the corpus (it fixes the vocabulary), the model and its sizes, dropout, the LSTM's forget
 * bias, and the seed that draws the weights.
 */
import { Command, Option } from 'commander';
import { BUILTIN_CORPORA } from '@rnnlab/core';
import { MODELS } from '../train/flags';
import { dropProbability, integer, real, seed } from './parse';

/** Adds the model flags to `command` (in help order: corpus, model, sizes, dropout, forget bias, seed). */
export function addModelOptions(command: Command): Command {
  return command
    .option('--data <name|path>', `corpus: ${BUILTIN_CORPORA.join(', ')} or a UTF-8 text file (default: moby-dick)`)
    .addOption(new Option('--model <model>', 'model (default: lstm)').choices(MODELS))
    .addOption(new Option('--level <level>', 'tokens: characters or words (default: char)').choices(['char', 'word']))
    .option('--layers <L>', 'stacked recurrent layers, at most 100 (default: 2)', integer(1, 100))
    .option('--hidden <H>', 'hidden size (default: 128; min-char-rnn 100)', integer(1))
    .option('--seq-length <T>', 'time steps of truncated backprop (default: 50; min-char-rnn 25)', integer(1))
    .option('--batch-size <B>', 'parallel streams per batch (default: 50)', integer(1))
    .option('--dropout <P>', 'dropout probability between layers (default: 0)', dropProbability)
    .option('--forget-bias <X>', 'initial LSTM forget-gate bias, --model lstm only (default: 1)', real({ expected: 'a finite number' }))
    .option('--seed <S>', 'seed of every random draw, as numpy.random.seed(S) (default: 42)', seed);
}
