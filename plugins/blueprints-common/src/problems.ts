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
}

/**
 * `<source>: <pointer or entity>: <message>`, the one-line form the CLI and
 * the catalog's processing errors use.
 * @public
 */
export function formatProblem(problem: Problem): string {
  const where = [problem.entity, problem.pointer].filter(Boolean).join(' ');
  return where
    ? `${problem.source}: ${where}: ${problem.message}`
    : `${problem.source}: ${problem.message}`;
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
