/**
 * Data for the language models: corpora (built-in and files), tiny-Shakespeare download, character and word
 * vocabularies, and char-rnn's batch loader.
 */
export { CharVocab, WordVocab, vocabFromJSON, splitWords, compareCodePoints } from './vocab';
export type { Vocab, VocabJSON } from './vocab';
export { loadCorpus, describeCorpus, BUILTIN_CORPORA, DEFAULT_CORPUS } from './corpus';
export type { Corpus, CorpusDescription, LoadCorpusOptions, BuiltinCorpus } from './corpus';
export {
  DataError,
  DATA_DIR_ENV,
  TINY_SHAKESPEARE,
  resolveDataDir,
  readTextFile,
  checkCorpusText,
  countCodePoints,
} from './files';
export { downloadTinyShakespeare, sha256Hex } from './download';
export type { DownloadOptions, DownloadResult } from './download';
export { BatchLoader } from './loader';
export type { Batch, BatchLoaderOptions } from './loader';
