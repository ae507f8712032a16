import { ResponseError } from '@backstage/errors';

/**
 * What went wrong, as a sentence for the user: the backend's own message
 * for an error answer (a `ResponseError`'s cause), the error's message
 * otherwise.
 */
export function errorMessage(error: unknown): string {
  if (ResponseError.is(error)) {
    return error.cause.message || error.message;
  }
  if (error instanceof Error) {
    return error.message;
  }
  return String(error);
}
