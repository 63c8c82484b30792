/**
 * The checkpoints of a run: `checkpoint.json`, always the latest good state, and `checkpoint-best.json`, the state
 * with the lowest validation loss so far (as char-rnn keeps one per evaluation, and for a run that later diverges
 * or overfits). Both are written atomically and durably; a failed write leaves the previous file whole.
 */
import { readCheckpoint, serializeCheckpoint, sessionCheckpoint, writeFileAtomic } from '@rnnlab/core';
import type { CheckpointableSession } from '@rnnlab/core';
import type { RunDirectory } from './run-directory';

export class CheckpointKeeper {
  /** The iteration of checkpoint.json. */
  lastSaved: number;
  private best: { iteration: number; valLoss: number } | null;

  /** `lastSaved`: the iteration checkpoint.json holds now. Reads the best so far from checkpoint-best.json. */
  constructor(
    private readonly run: RunDirectory,
    private readonly session: CheckpointableSession,
    lastSaved: number,
  ) {
    this.lastSaved = lastSaved;
    this.best = readBest(run.path('best'));
  }

  /** Checkpoints the session now; `valLoss` is the validation loss measured at this iteration, if any. */
  save(valLoss: number | null): void {
    const text = serializeCheckpoint(sessionCheckpoint(this.session, valLoss));
    writeFileAtomic(this.run.path('checkpoint'), text);
    this.lastSaved = this.session.iteration;
    if (valLoss !== null && (this.best === null || valLoss < this.best.valLoss)) {
      writeFileAtomic(this.run.path('best'), text);
      this.best = { iteration: this.session.iteration, valLoss };
    }
  }

  /** "the last good checkpoint is …/checkpoint.json (iteration 40); the best … (iteration 20, validation loss 1.93)". */
  describe(): string {
    const best = this.best === null ? '' : `; the best, ${this.run.path('best')} (iteration ${this.best.iteration}, validation loss ${this.best.valLoss.toFixed(4)})`;
    return `the last good checkpoint is ${this.run.path('checkpoint')} (iteration ${this.lastSaved})${best}`;
  }
}

/** The best checkpoint's iteration and validation loss; null when there is none (or it cannot be read: it is redone). */
function readBest(path: string): { iteration: number; valLoss: number } | null {
  try {
    const stored = readCheckpoint(path);
    return stored.valLoss === null ? null : { iteration: stored.iteration, valLoss: stored.valLoss };
  } catch {
    return null;
  }
}
