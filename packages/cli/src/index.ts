/**
 * The `plinth` command.
 *
 * @packageDocumentation
 */
import { CommanderError } from 'commander';
import { createProgram } from './program';
import { EXIT_USAGE } from './commands/validate';

createProgram()
  .parseAsync(process.argv)
  .catch(error => {
    if (error instanceof CommanderError) {
      // --help and --version end with code 0; a usage error with EXIT_USAGE.
      process.exit(error.exitCode === 0 ? 0 : EXIT_USAGE);
    }
    process.stderr.write(`plinth: ${error?.message ?? error}\n`);
    process.exit(EXIT_USAGE);
  });
