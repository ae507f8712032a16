import {
  formatProblem,
  Problem,
  validatePortDocuments,
} from '@plinth/plugin-blueprints-common';
import { readPortFiles } from '@plinth/plugin-blueprints-node';

/**
 * What a command prints and the exit code it ends with.
 */
export interface CommandResult {
  exitCode: number;
  stdout: string;
  /** Problems and notes, when stdout is data. */
  stderr?: string;
}

/** Exit codes, as the README documents them. */
export const EXIT_VALID = 0;
export const EXIT_INVALID = 1;
export const EXIT_USAGE = 2;

/**
 * `plinth validate <file|dir>...`: every blueprint and entity in the paths,
 * each checked against the others. One line per problem, or a JSON array.
 */
export async function validateCommand(
  paths: string[],
  options: { format: 'text' | 'json'; cwd?: string },
): Promise<CommandResult> {
  const contents = await readPortFiles(paths, { relativeTo: options.cwd });
  const validated = validatePortDocuments(contents, {
    checkRelationTargets: true,
  });
  const problems: Problem[] = [...contents.problems, ...validated.problems];

  let stdout: string;
  if (options.format === 'json') {
    stdout = `${JSON.stringify(problems, null, 2)}\n`;
  } else if (problems.length > 0) {
    stdout = `${problems.map(formatProblem).join('\n')}\n`;
  } else {
    stdout = `${validated.blueprints.length} blueprint(s) and ${
      validated.entities.length
    } entit${validated.entities.length === 1 ? 'y' : 'ies'} are valid\n`;
  }
  return {
    exitCode: problems.length > 0 ? EXIT_INVALID : EXIT_VALID,
    stdout,
  };
}
