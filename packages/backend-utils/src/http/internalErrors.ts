import type { LoggerService } from '@backstage/backend-plugin-api';
import { isError } from '@backstage/errors';
import type { ErrorRequestHandler } from 'express';
import { randomBytes } from 'node:crypto';

/** Errors a route throws on purpose: their message is meant for the caller. */
const EXPECTED_NAMES = new Set([
  'InputError',
  'AuthenticationError',
  'NotAllowedError',
  'NotFoundError',
  'ConflictError',
  'NotModifiedError',
  'NotImplementedError',
  'ServiceUnavailableError',
  'PayloadTooLargeError',
]);

function statusOf(error: unknown): number | undefined {
  for (const field of ['statusCode', 'status'] as const) {
    const value = (error as Record<string, unknown> | undefined)?.[field];
    if (typeof value === 'number' && Number.isInteger(value)) return value;
  }
  return undefined;
}

/**
 * Whether an error is one a route meant to answer with (a 4xx, a 501, a
 * 503): its message is for the caller.
 * @public
 */
export function isExpectedError(error: unknown): boolean {
  if (!isError(error)) return false;
  const status = statusOf(error);
  if (status !== undefined) return status < 500;
  return EXPECTED_NAMES.has(error.name);
}

/**
 * In production (`NODE_ENV=production`), answers any error a route did not
 * mean to answer with — a database error with its SQL, a `TypeError` with a
 * file path — as a plain 500 naming a log id, and logs the error itself
 * under that id. Errors of `@backstage/errors` and 4xx errors pass unchanged.
 * Elsewhere every error passes, as Backstage shows them in development.
 * Mount it after the routes, before nothing else.
 *
 * @example
 * ```ts
 * router.use(bodyParserErrors());
 * router.use(internalErrors({ logger }));
 * ```
 * @public
 */
export function internalErrors(options: {
  logger: LoggerService;
}): ErrorRequestHandler {
  return (error, req, _res, next) => {
    if (process.env.NODE_ENV !== 'production' || isExpectedError(error)) {
      next(error);
      return;
    }
    const logId = randomBytes(10).toString('hex');
    options.logger.error(
      `Internal error logId=${logId} answering ${req.method} ${req.originalUrl}`,
      isError(error) ? error : new Error(String(error)),
    );
    const hidden = new Error(`An internal error occurred; logId=${logId}`);
    delete hidden.stack;
    next(hidden);
  };
}
