/*
 * Small wording helpers shared by the validators, so that every message
 * quotes values and names types the same way.
 */

/**
 * `a, b, c`: a list for a message.
 * @internal
 */
export function listOf(values: readonly unknown[]): string {
  return values.map(v => String(v)).join(', ');
}

/**
 * A value as a message quotes it: strings in double quotes (shortened when
 * long), arrays and objects by their kind (never serialized: a value from
 * a request may be nested thousands deep), the rest as JSON.
 *
 * @example
 * ```ts
 * describeValue('Gold'); // '"Gold"'
 * describeValue({ a: 1 }); // 'an object'
 * ```
 * @public
 */
export function describeValue(value: unknown): string {
  if (value === undefined) {
    return 'nothing';
  }
  if (typeof value === 'string') {
    return JSON.stringify(
      value.length > 80 ? `${value.slice(0, 77)}...` : value,
    );
  }
  if (Array.isArray(value)) {
    return value.length === 1
      ? 'an array of 1 item'
      : `an array of ${value.length} items`;
  }
  if (value !== null && typeof value === 'object') {
    return 'an object';
  }
  return String(value);
}

/**
 * The JSON type of a value, as a message names it.
 * @internal
 */
export function jsonTypeOf(value: unknown): string {
  if (value === null) {
    return 'null';
  }
  if (Array.isArray(value)) {
    return 'array';
  }
  return typeof value;
}

/**
 * `a string`, `an array`, …: a noun with its article.
 * @internal
 */
export function withArticle(noun: string): string {
  return /^[aeiou]/i.test(noun) ? `an ${noun}` : `a ${noun}`;
}

/**
 * Whether a value is a plain JSON object (not null, not an array).
 * @internal
 */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The message of something thrown. Not `instanceof Error`: errors from
 * another realm (a VM context, a test environment) fail that test.
 * @internal
 */
export function errorMessage(error: unknown): string {
  if (typeof error === 'object' && error !== null && 'message' in error) {
    return String((error as { message: unknown }).message);
  }
  return String(error);
}
