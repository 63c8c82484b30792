/**
 * `rnnlab import IN.safetensors OUT.json`: weights trained with PyTorch (saved by rnnlab_torch.save_rnnlab, or
 * exported by rnnlab) as an rnnlab checkpoint of kind `recurrent-lm-model`, to sample from with `rnnlab sample`.
 * It holds no optimizer or data position, so it is for sampling, not for `--resume`.
 */
import { existsSync } from 'node:fs';
import { Command } from 'commander';
import { fromTorch, readSafetensors, saveModelCheckpoint } from '@rnnlab/core';
import { FlagError } from '../errors';

export function importCommand(): Command {
  return new Command('import')
    .description('Turn PyTorch weights (safetensors from rnnlab_torch.save_rnnlab) into a checkpoint to sample from.')
    .argument('<file>', 'a .safetensors file')
    .argument('<out>', 'the checkpoint to write, e.g. model.json')
    .action((file: string, out: string) => {
      if (!out.endsWith('.json')) throw new FlagError(`${out}: expected a checkpoint file name ending in .json.`);
      if (existsSync(out)) throw new FlagError(`${out} already exists; remove it or choose another name (rnnlab does not overwrite it).`);
      const weights = fromTorch(readSafetensors(file), file);
      saveModelCheckpoint(out, weights);
      process.stdout.write(`Wrote ${out}: a ${weights.model.layers}-layer ${weights.model.cell} of hidden size ${weights.model.hiddenSize}, vocabulary ${weights.vocab.size}. Sample with: rnnlab sample ${out}\n`);
    });
}
