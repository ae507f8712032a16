import { z } from 'zod/v3';
import { invalidInput, RequestProblem } from './problems';

function pointerOf(path: Array<string | number>): string {
  return path
    .map(
      segment => `/${String(segment).replace(/~/g, '~0').replace(/\//g, '~1')}`,
    )
    .join('');
}

/** How deep {@link prototypeKeyPointer} looks; deeper values are left to validators. */
const SCAN_DEPTH = 64;

/**
 * Where a JSON value has an own `__proto__` key (JSON.parse makes it an own
 * property; zod's records drop it without a word), as a JSON pointer.
 */
function prototypeKeyPointer(value: unknown): string | undefined {
  const stack: Array<{ value: unknown; path: Array<string | number> }> = [
    { value, path: [] },
  ];
  while (stack.length > 0) {
    const next = stack.pop()!;
    if (next.value === null || typeof next.value !== 'object') continue;
    if (next.path.length > SCAN_DEPTH) continue;
    if (Object.prototype.hasOwnProperty.call(next.value, '__proto__')) {
      return pointerOf([...next.path, '__proto__']);
    }
    for (const [key, child] of Object.entries(next.value)) {
      stack.push({ value: child, path: [...next.path, key] });
    }
  }
  return undefined;
}

/**
 * Parses a part of a request with a zod schema: the parsed value, or an
 * HTTP 400 that names every field that is wrong, one a line
 * (`query limit: must be at most 5000`), with the same problems as a list
 * in the error body (`error.problems`). A `__proto__` key anywhere in the
 * value is refused (zod would drop it unseen).
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
  const prototypeKey = prototypeKeyPointer(value);
  if (prototypeKey !== undefined) {
    throw invalidInput([
      {
        source: part,
        pointer: prototypeKey,
        message:
          '"__proto__" is the name of a property every JavaScript object has; it cannot be a field',
      },
    ]);
  }
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const problems: RequestProblem[] = result.error.issues.map(issue => ({
    source: part,
    pointer: pointerOf(issue.path),
    message: issue.message,
  }));
  throw invalidInput(problems);
}
