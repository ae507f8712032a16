import { InputError } from '@backstage/errors';

/**
 * One thing wrong with a request: where (`body`, `query`, a file or an
 * entity), the JSON pointer inside it (empty for the whole), and what was
 * expected. The shape of Plinth's validation problems everywhere, so a
 * client shows each at its field whatever route answered.
 * @public
 */
export interface RequestProblem {
  /** The part of the request or the document the input came from. */
  source: string;
  /** A JSON pointer into it (`/rules/0/level`); empty for the whole. */
  pointer: string;
  /** What is wrong and what was expected. */
  message: string;
  /** The entity concerned, when the document holds several. */
  entity?: string;
}

/**
 * An {@link @backstage/errors#InputError} (HTTP 400) with one problem a
 * line; the JSON error body carries the list too, as `error.problems`.
 * @public
 */
export type InvalidInputError = InputError & {
  problems: RequestProblem[];
};

/**
 * The HTTP 400 for input that does not validate: one line per problem, as
 * `format` writes it, and the problems as a list (`error.problems`).
 *
 * @example
 * ```ts
 * const problems = registry.check(req.body);
 * if (problems.length) throw invalidInput(problems, formatProblem);
 * ```
 * @public
 */
export function invalidInput<P extends RequestProblem>(
  problems: P[],
  format: (problem: P) => string = formatRequestProblem,
): InvalidInputError {
  // An own property: Backstage's error handler serializes it into the body.
  return Object.assign(new InputError(problems.map(format).join('\n')), {
    problems,
  });
}

/**
 * `<source> <field>: <message>`, the field written as a dotted path
 * (`body rules.0.level: is required`), or `<source>: <message>` for the
 * whole.
 * @public
 */
export function formatRequestProblem(problem: RequestProblem): string {
  const field = problem.pointer
    .split('/')
    .slice(1)
    .map(segment => segment.replace(/~1/g, '/').replace(/~0/g, '~'))
    .join('.');
  const where = [problem.entity, field].filter(Boolean).join(' ');
  return where
    ? `${problem.source} ${where}: ${problem.message}`
    : `${problem.source}: ${problem.message}`;
}
