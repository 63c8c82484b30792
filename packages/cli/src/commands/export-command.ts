/**
 * `rnnlab export RUN --format torch OUT.safetensors`: a trained model's weights in torch.nn's names and layouts
 * (see @rnnlab/core's interop/torch-weights.ts), with the vocabulary and architecture in the metadata, for
 * packages/cli/python/rnnlab_torch.py to load into nn.LSTM / nn.GRU / nn.RNN and train on.
 */
import { existsSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { Command, Option } from 'commander';
import { encodeSafetensors, loadCheckpoint, minCharToTorch, toTorch, writeFileAtomic } from '@rnnlab/core';
import type { MinCharRnnParams, SafetensorsContent } from '@rnnlab/core';
import { Tensor } from '@rnnlab/core';
import { FlagError } from '../errors';
import { checkpointPath } from './sample-command';

export function exportCommand(): Command {
  return new Command('export')
    .description('Write a trained model\'s weights for another framework (PyTorch: torch.nn names, safetensors).')
    .argument('<checkpoint>', 'a run directory (its checkpoint.json) or a checkpoint file')
    .argument('<out>', 'the file to write, e.g. model.safetensors')
    .addOption(new Option('--format <format>', 'the target framework').choices(['torch']).makeOptionMandatory())
    .action((source: string, out: string) => {
      if (!out.endsWith('.safetensors')) throw new FlagError(`${out}: expected a file name ending in .safetensors.`);
      if (existsSync(out)) throw new FlagError(`${out} already exists; remove it or choose another name (rnnlab does not overwrite it).`);
      if (!existsSync(dirname(out)) || !statSync(dirname(out)).isDirectory()) throw new FlagError(`${out}: the folder ${dirname(out)} does not exist.`);
      const checkpoint = loadCheckpoint(checkpointPath(source));
      writeFileAtomic(out, encodeSafetensors(torchContent(checkpoint)));
      process.stdout.write(`Wrote ${out} (${checkpoint.kind}, iteration ${checkpoint.iteration}). Load it with packages/cli/python/rnnlab_torch.py: load_rnnlab('${out}').\n`);
    });
}

function torchContent(checkpoint: ReturnType<typeof loadCheckpoint>): SafetensorsContent {
  const { state } = checkpoint;
  if (state.kind === 'recurrent-lm-model') return toTorch(state.model);
  if (state.kind === 'recurrent-lm') return toTorch(state.session);
  const { params, hiddenSize: H, vocabSize: V } = state.session.model;
  const t = (values: number[], shape: number[]) => new Tensor(Float64Array.from(values), shape);
  const weights: MinCharRnnParams = { Wxh: t(params.Wxh, [H, V]), Whh: t(params.Whh, [H, H]), Why: t(params.Why, [V, H]), bh: t(params.bh, [H, 1]), by: t(params.by, [V, 1]) };
  return minCharToTorch(weights, state.session.vocab);
}
