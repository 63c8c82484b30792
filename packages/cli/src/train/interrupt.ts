/**
 * Ctrl-C and SIGTERM during training. The first one asks the loop to stop after the current iteration; the run then
 * saves a checkpoint and the report, says how to resume, and exits 130 (SIGINT) or 143 (SIGTERM). The handlers are
 * removed at once, so a second signal gets the default action and ends the process immediately — even in the middle
 * of an iteration — leaving the last checkpoint, which every write keeps whole.
 *
 * A closed standard output (`rnnlab train … | head`) stops the run the same way and exits 141, as a process ended by
 * SIGPIPE would: the launcher announces it (broken-pipe.ts). No real SIGPIPE handler is installed: Node ignores that
 * signal, and removing a handler would restore its default, which kills the process.
 *
 * Node runs signal handlers on its event loop, which is why training yields to it after every iteration
 * (runTrainingLoopAsync).
 */
import { standardOutput } from '../broken-pipe';

/** The exit code of a process stopped by a signal, as shells report it (128 + the signal number). */
export const SIGNAL_EXIT_CODES = { SIGINT: 130, SIGTERM: 143, SIGPIPE: 141 } as const;
export type StopSignal = keyof typeof SIGNAL_EXIT_CODES;
const SIGNALS = ['SIGINT', 'SIGTERM'] as const;

/** What stopped the run, for its messages. */
export function describeStop(signal: StopSignal): string {
  return signal === 'SIGPIPE' ? 'SIGPIPE (standard output was closed)' : signal;
}

export class InterruptWatch {
  /** The signal received, once one was. */
  received: StopSignal | null = null;
  private readonly handler = (signal: StopSignal) => {
    this.received = signal;
    this.dispose();
    this.onFirst(signal);
  };
  private readonly brokenPipe = () => this.handler('SIGPIPE');

  /** `onFirst` runs when the first signal arrives (to print what happens next). */
  constructor(private readonly onFirst: (signal: StopSignal) => void) {
    for (const signal of SIGNALS) process.on(signal, this.handler);
    standardOutput.on('closed', this.brokenPipe);
  }

  /** Removes the handlers: from now on a signal ends the process at once. */
  dispose(): void {
    for (const signal of SIGNALS) process.removeListener(signal, this.handler);
    standardOutput.removeListener('closed', this.brokenPipe);
  }
}
