/**
 * One thing wrong with an input: where it is and what was expected.
 * @public
 */
export interface Problem {
  /** The file, URL, catalog entity ref or API request the input came from. */
  source: string;
  /**
   * Where in the document: a JSON pointer (`/schema/properties/type/format`),
   * or `line:column` for a document that does not parse. Empty for the whole.
   */
  pointer: string;
  /** What is wrong and what was expected. */
  message: string;
  /** The entity concerned, when the document holds several (`Component:CartService`). */
  entity?: string;
  /**
   * `warning`: something Plinth accepts and keeps but does not check or use
   * as written (Port's `"type": "enum"`, a keyword it does not know); the
   * input is still applied. Absent, or `error`: the input is left out.
   */
  severity?: 'error' | 'warning';
}

/**
 * Whether a problem is a warning: the input is applied all the same.
 * @public
 */
export function isWarning(problem: Problem): boolean {
  return problem.severity === 'warning';
}

/**
 * The problems that are errors (no `severity`, or `error`): those that keep
 * an input out.
 * @public
 */
export function errorsOf(problems: readonly Problem[]): Problem[] {
  return problems.filter(problem => !isWarning(problem));
}

/**
 * `<source>: <pointer or entity>: <message>`, the one-line form the CLI and
 * the catalog's processing errors use; a warning's message starts with
 * `warning: `.
 * @public
 */
export function formatProblem(problem: Problem): string {
  const where = [problem.entity, problem.pointer].filter(Boolean).join(' ');
  const message = isWarning(problem)
    ? `warning: ${problem.message}`
    : problem.message;
  return where
    ? `${problem.source}: ${where}: ${message}`
    : `${problem.source}: ${message}`;
}

/**
 * Escapes one segment of a JSON pointer (RFC 6901).
 * @public
 */
export function pointerSegment(segment: string | number): string {
  return String(segment).replace(/~/g, '~0').replace(/\//g, '~1');
}

/**
 * Builds a JSON pointer from its segments.
 * @public
 */
export function jsonPointer(...segments: Array<string | number>): string {
  return segments.map(s => `/${pointerSegment(s)}`).join('');
}
