/**
 * `rnnlab gradcheck [RUN]`: min-char-rnn.py's gradient check for any model — the one the model flags describe (as
 * `rnnlab train` would build it, weights drawn by --seed) or a run's at its checkpoint. Prints, per checked entry, the
 * numerical and analytic gradient with cs231n's and grad-check.py's relative errors, then the verdict against the
 * stated rule (@rnnlab/core's inspect/model-gradcheck.ts). Exit 0 when it passes, 4 when it fails.
 */
import { Command } from 'commander';
import { EXIT_GRADCHECK_FAILED, checkSessionGradients, gradCheckFailure, gradCheckText } from '../gradcheck/check-session';
import { addModelOptions } from './model-flags';
import type { ModelFlags } from './model-source';
import { sessionFrom } from './model-source';
import { integer, real } from './parse';

/** The flags of `rnnlab gradcheck`. */
export interface GradCheckFlags extends ModelFlags {
  numChecks?: number;
  delta?: number;
}

/** Runs the check; returns the exit code (0 passed, 4 failed). */
export function gradCheck(run: string | undefined, flags: GradCheckFlags, out: NodeJS.WritableStream, err: NodeJS.WritableStream): number {
  const { session, ids, settings } = sessionFrom(run, flags);
  const check = { numChecks: flags.numChecks ?? 10, delta: flags.delta ?? 1e-5, seed: flags.seed ?? settings.seed };
  const result = checkSessionGradients(session, ids, check);
  out.write(gradCheckText(settings.model, result, check));
  if (result.check.passed) return 0;
  err.write(`rnnlab gradcheck: ${gradCheckFailure(result)}\n`);
  return EXIT_GRADCHECK_FAILED;
}

export function gradcheckCommand(): Command {
  return addModelOptions(new Command('gradcheck').description('Check a model\'s gradients against numerical ones (min-char-rnn.py\'s gradCheck, for any model).'))
    .argument('[run]', 'a run directory: check its model at its checkpoint (then give no model flags)')
    .option('--num-checks <N>', 'random entries checked per parameter, at most 10000 (default: 10, as min-char-rnn.py)', integer(1, 10_000))
    .option('--delta <X>', 'the finite-difference step δ (default: 1e-5)', real({ min: 0, max: 0.1, minOpen: true, expected: 'a number in (0, 0.1]' }))
    .action((run: string | undefined, flags: GradCheckFlags) => {
      process.exitCode = gradCheck(run, flags, process.stdout, process.stderr);
    });
}
