import { CustomErrorBase, InputError } from '@backstage/errors';
import type { ErrorRequestHandler } from 'express';

/**
 * A request body over a configured limit: HTTP 413, as Backstage's JSON
 * error body.
 * @public
 */
export class PayloadTooLargeError extends CustomErrorBase {
  name = 'PayloadTooLargeError' as const;
  statusCode = 413;
}

/**
 * Turns the errors of express's body parsers (`express.json`,
 * `express.text`, `express.raw`) into Backstage's error types, so the app's
 * error handler answers 4xx with a JSON body rather than a bare 400 or 413:
 * a body over the limit is a {@link PayloadTooLargeError} saying what to do
 * (`tooLarge`), bad JSON and unsupported encodings an `InputError`. Mount it
 * after the routes.
 *
 * @example
 * ```ts
 * router.use(bodyParserErrors({
 *   tooLarge: limit => `the body is over ${limit} bytes; send smaller batches`,
 * }));
 * ```
 * @public
 */
export function bodyParserErrors(options?: {
  /** The message of a body over the limit, given the limit in bytes. */
  tooLarge?: (limit: number) => string;
}): ErrorRequestHandler {
  return (error, _req, _res, next) => {
    switch (error?.type) {
      case 'entity.too.large':
        next(
          new PayloadTooLargeError(
            options?.tooLarge?.(error.limit) ??
              `the request body is larger than the limit of ${error.limit} bytes`,
          ),
        );
        return;
      case 'entity.parse.failed':
        next(new InputError(`the body is not valid JSON: ${error.message}`));
        return;
      case 'encoding.unsupported':
      case 'charset.unsupported':
      case 'entity.verify.failed':
        next(new InputError(error.message));
        return;
      default:
        next(error);
    }
  };
}
