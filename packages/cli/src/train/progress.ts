/**
 * Training progress for people: in a terminal, a progress bar (iterations, it/s, ETA, smooth loss) with samples and
 * messages printed above it; otherwise (a pipe, a CI log, a notebook) plain lines, one every `plainEvery` iterations.
 *
 * Training runs synchronously, so cli-progress's own redraw timer never fires during it: the bar is redrawn here, at
 * most every 100 ms, and right away when a message (a sample, a validation loss) is printed.
 */
import { MultiBar, Presets } from 'cli-progress';
import type { StepResult } from '@rnnlab/core';

export interface ProgressReporter {
  /** Prints a message without disturbing the bar. */
  message(text: string): void;
  update(result: StepResult): void;
  stop(): void;
}

/** A bar on a TTY, plain lines elsewhere. `startAt` is the first iteration of this run (non-zero when resuming). */
export function createProgress(
  stream: NodeJS.WriteStream,
  options: { total: number; startAt: number; plainEvery: number },
): ProgressReporter {
  return stream.isTTY ? new BarProgress(stream, options) : new PlainProgress(stream, options);
}

class BarProgress implements ProgressReporter {
  private readonly multi: MultiBar;
  private readonly bar;
  private readonly started = Date.now();
  private lastDraw = 0;

  constructor(stream: NodeJS.WriteStream, private readonly options: { total: number; startAt: number }) {
    this.multi = new MultiBar(
      {
        stream,
        format: 'train |{bar}| {value}/{total} | {rate} it/s | ETA {eta_formatted} | smooth loss {smooth}',
        hideCursor: true,
        clearOnComplete: false,
        etaBuffer: 50,
      },
      Presets.shades_classic,
    );
    this.bar = this.multi.create(options.total, options.startAt, { rate: '-', smooth: '-' });
  }

  message(text: string): void {
    this.multi.log(`${text}\n`);
    this.draw();
  }

  update(result: StepResult): void {
    const seconds = (Date.now() - this.started) / 1000;
    const rate = seconds > 0 ? ((result.iter - this.options.startAt) / seconds).toFixed(1) : '-';
    this.bar.update(result.iter, { rate, smooth: result.smoothLoss.toFixed(4) });
    if (Date.now() - this.lastDraw >= 100) this.draw();
  }

  stop(): void {
    this.draw();
    this.multi.stop();
  }

  private draw(): void {
    this.multi.update();
    this.lastDraw = Date.now();
  }
}

class PlainProgress implements ProgressReporter {
  private readonly started = Date.now();

  constructor(private readonly stream: NodeJS.WriteStream, private readonly options: { total: number; startAt: number; plainEvery: number }) {}

  message(text: string): void {
    this.stream.write(`${text}\n`);
  }

  update(result: StepResult): void {
    const { total, startAt, plainEvery } = this.options;
    if (result.iter % plainEvery !== 0 && result.iter !== total) return;
    const seconds = (Date.now() - this.started) / 1000;
    const rate = seconds > 0 ? (result.iter - startAt) / seconds : 0;
    this.stream.write(
      `iter ${result.iter}/${total}  loss ${result.loss.toFixed(4)}  smooth loss ${result.smoothLoss.toFixed(4)}  ` +
        `${rate.toFixed(1)} it/s  epoch ${result.epoch.toFixed(2)}\n`,
    );
  }

  stop(): void {}
}
