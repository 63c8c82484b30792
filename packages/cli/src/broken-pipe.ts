import { EventEmitter } from 'node:events';

/**
 * `rnnlab sample run | head`: when the reader of standard output goes away, Node reports EPIPE as an 'error' event on
 * process.stdout, which would end the process with a stack trace (and a training without its checkpoint). Instead,
 * the output is dropped from then on and `standardOutput` emits 'closed': a training stops after its current
 * iteration, saves its checkpoint and report and exits 141 (interrupt.ts); any other command finishes its work (its
 * files are written whole) without printing. Any other failure of standard output (a full disk behind `>`) is said in
 * one line on stderr and makes the exit code 1.
 */

/** Emits 'closed' when standard output is gone. */
export const standardOutput = new EventEmitter();

/** Installs the handler on `stdout`; for the launcher (bin/rnnlab.js), not for in-process runs. */
export function dropOutputWhenPipeCloses(stdout: NodeJS.WriteStream = process.stdout): void {
  let closed = false;
  stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (closed) return;
    closed = true;
    stdout.write = () => true;
    if (error.code !== 'EPIPE') {
      process.stderr.write(`rnnlab: cannot write to standard output (${error.code ?? error.message}); the rest of the output is dropped\n`);
      process.once('exit', () => (process.exitCode = 1));
    }
    standardOutput.emit('closed');
  });
}
