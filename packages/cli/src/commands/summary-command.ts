/**
 * `rnnlab summary [RUN]`: a model's architecture — Keras-style table of layers, output shapes, weights and parameter
 * counts, then the equations — for the model the model flags describe or for a run's; `--svg FILE` also draws the
 * network unrolled in time (../report/diagram-svg.ts), written atomically and never over an existing file.
 */
import { existsSync } from 'node:fs';
import { Command } from 'commander';
import { formatArchitecture, writeFileAtomic } from '@rnnlab/core';
import { FlagError } from '../errors';
import { unrolledNetworkSvg } from '../report/diagram-svg';
import { addModelOptions } from './model-flags';
import { architectureFrom } from './model-source';
import { checkOutputFile } from './output-file';
import type { ModelFlags } from './model-source';

/** Prints the summary; with `svg`, writes the diagram there. */
export function summary(run: string | undefined, flags: ModelFlags & { svg?: string }, out: NodeJS.WritableStream): void {
  const { svg, ...modelFlags } = flags;
  if (svg !== undefined) {
    checkOutputFile('--svg', svg, '.svg');
    if (existsSync(svg)) throw new FlagError(`--svg ${svg} already exists; remove it or choose another name (rnnlab does not overwrite it).`);
  }
  const architecture = architectureFrom(run, modelFlags);
  out.write(`${formatArchitecture(architecture)}\n`);
  if (svg === undefined) return;
  writeFileAtomic(svg, unrolledNetworkSvg(architecture.unrolled));
  out.write(`\nDiagram of the unrolled network: ${svg}\n`);
}

export function summaryCommand(): Command {
  return addModelOptions(new Command('summary').description('Show a model\'s architecture: layers, shapes, parameter counts, equations (and a diagram).'))
    .argument('[run]', 'a run directory: summarise its model (then give no model flags)')
    .option('--svg <file.svg>', 'also draw the network unrolled in time into this SVG file')
    .action((run: string | undefined, flags: ModelFlags & { svg?: string }) => summary(run, flags, process.stdout));
}
