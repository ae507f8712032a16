import { z } from 'zod/v3';
import { invalidInput, RequestProblem } from './problems';

function pointerOf(path: Array<string | number>): string {
  return path
    .map(
      segment => `/${String(segment).replace(/~/g, '~0').replace(/\//g, '~1')}`,
    )
    .join('');
}

/**
 * Parses a part of a request with a zod schema: the parsed value, or an
 * HTTP 400 that names every field that is wrong, one a line
 * (`query limit: must be at most 5000`), with the same problems as a list
 * in the error body (`error.problems`).
 *
 * @param schema - what the part must be
 * @param value - `req.body`, `req.query` or `req.params`
 * @param part - the name the error gives it: `body`, `query`, `path`
 * @throws InputError naming every field that is wrong
 *
 * @example
 * ```ts
 * const query = parseRequest(z.object({ limit: z.coerce.number() }), req.query, 'query');
 * ```
 * @public
 */
export function parseRequest<T extends z.ZodTypeAny>(
  schema: T,
  value: unknown,
  part: string,
): z.output<T> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const problems: RequestProblem[] = result.error.issues.map(issue => ({
    source: part,
    pointer: pointerOf(issue.path),
    message: issue.message,
  }));
  throw invalidInput(problems);
}
