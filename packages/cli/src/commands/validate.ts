import {
  errorsOf,
  formatProblem,
  isWarning,
  Problem,
  validatePortDocuments,
} from '@plinth/plugin-blueprints-common';
import { readPortFiles } from '@plinth/plugin-blueprints-node';
import { loadScorecards } from '@plinth/plugin-scorecards-common';
import { readScorecardFiles } from '@plinth/plugin-scorecards-node';
import { scorecardDocumentOf } from './scorecardDocuments';

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

/** One line per problem, or nothing. */
export function problemLines(problems: readonly Problem[]): string {
  return problems.length > 0
    ? `${problems.map(formatProblem).join('\n')}\n`
    : '';
}

/** `1 warning`, `2 warnings`. */
function warningCount(count: number): string {
  return count === 1 ? '1 warning' : `${count} warnings`;
}

/**
 * `plinth validate <file|dir>...`: every blueprint, entity and scorecard in
 * the paths, each checked against the others. Errors one line each on
 * stdout (or a JSON array of every problem); warnings — what is applied all
 * the same, such as Port's `"type": "enum"` — on stderr, unless `strict`,
 * which makes them errors.
 */
export async function validateCommand(
  paths: string[],
  options: { format: 'text' | 'json'; strict?: boolean; cwd?: string },
): Promise<CommandResult> {
  const read = await readPortFiles(paths, { relativeTo: options.cwd });
  // Files of scorecards (Port's, or catalog Scorecard entities) are checked
  // as scorecards, against the blueprints; the rest as blueprints and
  // entities.
  const scorecards = (
    await readScorecardFiles(paths, { relativeTo: options.cwd })
  ).documents.flatMap(({ source, value }) => {
    const document = scorecardDocumentOf(source, value);
    return document ? [document] : [];
  });
  const scorecardFiles = new Set(scorecards.map(d => d.source));
  const notScorecards = <T extends { source: string }>(items: T[]) =>
    items.filter(item => !scorecardFiles.has(item.source));
  const contents = {
    blueprints: notScorecards(read.blueprints),
    entities: notScorecards(read.entities),
    problems: notScorecards(read.problems),
  };
  const validated = validatePortDocuments(contents, {
    checkRelationTargets: true,
  });
  const loaded = loadScorecards(
    scorecards,
    new Map(validated.blueprints.map(b => [b.identifier, b])),
  );
  let problems: Problem[] = [
    ...contents.problems,
    ...validated.problems,
    ...loaded.problems,
  ];
  if (options.strict) {
    problems = problems.map(problem =>
      isWarning(problem) ? { ...problem, severity: 'error' } : problem,
    );
  }
  const errors = errorsOf(problems);
  const warnings = problems.filter(isWarning);

  let stdout: string;
  let stderr: string | undefined;
  if (options.format === 'json') {
    stdout = `${JSON.stringify(problems, null, 2)}\n`;
  } else if (errors.length > 0) {
    stdout = problemLines(errors);
    stderr = problemLines(warnings) || undefined;
  } else {
    const counted = loaded.scorecards.length
      ? `, ${validated.entities.length} entit${
          validated.entities.length === 1 ? 'y' : 'ies'
        } and ${loaded.scorecards.length} scorecard(s)`
      : ` and ${validated.entities.length} entit${
          validated.entities.length === 1 ? 'y' : 'ies'
        }`;
    stdout = `${validated.blueprints.length} blueprint(s)${counted} are valid${
      warnings.length > 0 ? `, with ${warningCount(warnings.length)}` : ''
    }\n`;
    stderr = problemLines(warnings) || undefined;
  }
  return {
    exitCode: errors.length > 0 ? EXIT_INVALID : EXIT_VALID,
    stdout,
    ...(stderr ? { stderr } : {}),
  };
}
