/**
 * How much memory training a model takes, estimated from its settings before anything is allocated, so a model that
 * cannot fit (`--hidden 1e9`, `--layers 100000`) is refused with the estimate instead of crashing or swapping for
 * minutes. The estimate counts float64 values: the parameters, their gradients and the optimizer's slots, and the
 * activations one batch keeps for backpropagation (each layer's inputs, gates and states at every step, the scores
 * and their gradient) — within a small factor of what the process really holds.
 */
import { freemem, totalmem } from 'node:os';
import { recurrentLMParamShapes } from '@rnnlab/core';
import { FlagError } from '../errors';
import type { ModelSettings } from './plan';

/** Float64 values a layer's cache holds per sequence step and hidden unit, beyond its input (gates, states). */
const CACHE_PER_UNIT = { rnn: 3, lstm: 10, gru: 8, esn: 3 } as const;
/** Optimizer slots per parameter. */
const SLOTS = { sgd: 0, momentum: 1, adagrad: 1, rmsprop: 1, adam: 2 } as const;

/** Bytes of parameters (with gradients and optimizer slots) and of one batch's activations. */
export function estimateTrainingBytes(settings: ModelSettings, vocabSize: number): { parameters: number; weights: number; activations: number } {
  const V = vocabSize;
  const H = settings.hiddenSize;
  if (settings.model === 'min-char-rnn') {
    const parameters = H * V + H * H + V * H + H + V;
    const T = settings.seqLength;
    return { parameters, weights: 8 * 3 * parameters, activations: 8 * 2 * T * (H + V) };
  }
  const shapes = recurrentLMParamShapes({
    vocabSize: V, cell: settings.model, layers: settings.layers, hiddenSize: H, embeddingSize: settings.embeddingSize,
    dropout: settings.dropout, forgetBias: settings.forgetBias,
  });
  const parameters = Object.values(shapes).reduce((n, shape) => n + shape.reduce((a, b) => a * b, 1), 0);
  const steps = settings.batchSize * settings.seqLength;
  const input = settings.embeddingSize ?? V;
  const perStep = input + settings.layers * (H + CACHE_PER_UNIT[settings.model] * H) + 3 * V;
  return { parameters, weights: 8 * (2 + SLOTS[settings.optimizer]) * parameters, activations: 8 * 2 * steps * perStep };
}

/** The memory this process may use: the machine's, or a container's limit when one is set. */
export function availableMemory(): number {
  const limit = (process as { constrainedMemory?: () => number | undefined }).constrainedMemory?.();
  return limit !== undefined && limit > 0 ? Math.min(limit, totalmem()) : totalmem();
}

const gb = (bytes: number) => (bytes >= 1e15 ? (bytes / 1e9).toExponential(1) : (bytes / 1e9).toFixed(bytes < 1e10 ? 2 : 0));

/** Refuses settings whose training would need more than 80% of the available memory, with the estimate. */
export function checkModelFits(settings: ModelSettings, vocabSize: number, available = availableMemory()): void {
  const { weights, activations, parameters } = estimateTrainingBytes(settings, vocabSize);
  const total = weights + activations;
  if (total <= 0.8 * available) return;
  const flags =
    settings.model === 'min-char-rnn'
      ? `--hidden ${settings.hiddenSize}`
      : `--layers ${settings.layers} --hidden ${settings.hiddenSize} --batch-size ${settings.batchSize} --seq-length ${settings.seqLength}`;
  throw new FlagError(
    `${flags}: training this model would need about ${gb(total)} GB of memory (${parameters.toExponential(2)} parameters with their ` +
      `gradients and optimizer state: ${gb(weights)} GB; one batch's activations: ${gb(activations)} GB), more than the ${gb(available)} GB ` +
      `this machine has (${gb(freemem())} GB free); choose a smaller model or batch.`,
  );
}
