import { CustomErrorBase, ResponseError } from '@backstage/errors';
import { Problem } from '@plinth/plugin-blueprints-common';

/**
 * One line of an InputError message of the blueprints backend, as
 * `formatProblem` writes it: `<source>: [<entity> ]<pointer>: <message>`.
 */
const PROBLEM_LINE = /^([^:\s]+): (?:(.*?) )?(\/\S*): (.*)$/;

/**
 * The problems in the message of an InputError of the blueprints backend,
 * one per line. A line that names no place in the entity becomes a problem
 * of the whole entity (empty pointer).
 */
export function problemsFromMessage(message: string): Problem[] {
  return message
    .split('\n')
    .map(line => line.trim())
    .filter(Boolean)
    .map(line => {
      const match = PROBLEM_LINE.exec(line);
      if (!match) {
        return { source: 'request', pointer: '', message: line };
      }
      const [, source, entity, pointer, text] = match;
      return {
        source,
        pointer,
        message: text,
        ...(entity ? { entity } : {}),
      };
    });
}

function isProblem(value: unknown): value is Problem {
  const candidate = value as Partial<Problem> | null;
  return (
    typeof candidate === 'object' &&
    candidate !== null &&
    typeof candidate.pointer === 'string' &&
    typeof candidate.message === 'string'
  );
}

/**
 * The blueprints backend refused an entity as invalid (HTTP 400): each
 * problem says where in the entity (a JSON pointer such as
 * `/properties/replicas`) and what was expected.
 * @public
 */
export class EntityRejectedError extends CustomErrorBase {
  name = 'EntityRejectedError' as const;

  readonly problems: Problem[];

  constructor(problems: Problem[], cause?: Error) {
    super(
      problems.length === 1
        ? problems[0].message
        : `the entity has ${problems.length} problems`,
      cause,
    );
    this.problems = problems;
  }

  /**
   * The problems of a 400 answer: a `problems` list when the body has one,
   * else the lines of the error message.
   */
  static fromResponseError(error: ResponseError): EntityRejectedError {
    const body = error.body as unknown as {
      problems?: unknown;
      error?: { problems?: unknown };
    };
    const listed = [body.problems, body.error?.problems].find(
      (candidate): candidate is Problem[] =>
        Array.isArray(candidate) && candidate.every(isProblem),
    );
    return new EntityRejectedError(
      listed ?? problemsFromMessage(error.body.error.message),
      error,
    );
  }
}
