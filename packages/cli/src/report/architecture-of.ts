/** A run's architecture from its resolved settings (config.json's plan) and vocabulary size. */
import { describeMinCharRnn, describeRecurrentLM } from '@rnnlab/core';
import type { ModelArchitecture } from '@rnnlab/core';
import type { ModelSettings } from '../train/plan';

/** The architecture `settings` describe, with a vocabulary of `vocabSize` tokens. */
export function architectureOf(settings: ModelSettings, vocabSize: number): ModelArchitecture {
  if (settings.model === 'min-char-rnn') return describeMinCharRnn({ vocabSize, hiddenSize: settings.hiddenSize, seqLength: settings.seqLength });
  const { model: cell, layers, hiddenSize, embeddingSize, dropout, forgetBias, batchSize, seqLength } = settings;
  return describeRecurrentLM({ vocabSize, cell, layers, hiddenSize, embeddingSize, dropout, forgetBias }, { batchSize, seqLength });
}
