#!/usr/bin/env node
/**
 * The `rnnlab` command line: `rnnlab train`, `sample`, `gradcheck`, `summary`, `report`, `export`, `import`, `data`. Argument parsing is commander's;
 * unknown flags and bad values are errors (exit 1) that name the flag and what was expected. Bad input found later
 * (a missing corpus, a damaged checkpoint, a full disk) is reported the same way, as one line without a stack trace.
 */
import { Command, CommanderError } from 'commander';
import { dataCommand } from './commands/data-command';
import { exportCommand } from './commands/export-command';
import { gradcheckCommand } from './commands/gradcheck-command';
import { importCommand } from './commands/import-command';
import { reportCommand } from './commands/report-command';
import { sampleCommand } from './commands/sample-command';
import { summaryCommand } from './commands/summary-command';
import { trainCommand } from './commands/train-command';
import { dropOutputWhenPipeCloses } from './broken-pipe';
import { isUserError, userErrorLine } from './errors';

export { dropOutputWhenPipeCloses };

const version = (require('../package.json') as { version: string }).version;

/** The program with its commands; exported so tests can drive it in-process. */
export function createProgram(): Command {
  const program = new Command('rnnlab')
    .description('Recurrent neural networks from scratch: train a character- or word-level language model and sample from it.')
    .version(version)
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
  for (const command of [trainCommand(), sampleCommand(), gradcheckCommand(), summaryCommand(), reportCommand(), exportCommand(), importCommand(), dataCommand()]) {
    program.addCommand(command.copyInheritedSettings(program));
  }
  return program;
}

/** Runs the CLI on `argv` (as process.argv) and resolves to the exit code. */
export async function main(argv: string[]): Promise<number> {
  const program = createProgram();
  process.exitCode = undefined;
  try {
    await program.parseAsync(argv);
    // A command that ends with a code other than 0 (train: 3 diverged, 130/143 interrupted; gradcheck: 4 failed) sets process.exitCode;
    // it is returned and cleared, so that main can also run in-process (tests) without setting this process's code.
    const code = typeof process.exitCode === 'number' ? process.exitCode : 0;
    process.exitCode = undefined;
    return code;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode;
    const command = argv[2] ?? '';
    if (isUserError(error)) {
      process.stderr.write(`rnnlab ${command}: ${userErrorLine(error)}\n`);
      return 1;
    }
    process.stderr.write(`rnnlab ${command}: internal error: ${(error as Error).stack ?? String(error)}\n`);
    return 2;
  }
}

if (require.main === module) {
  dropOutputWhenPipeCloses();
  main(process.argv).then((code) => {
    process.exitCode = code;
  });
}
