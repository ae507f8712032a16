/*
 * Reading and writing plain objects by keys that come from users. A JSON
 * object's keys are the user's: `obj[key]` would find what every object
 * inherits (`constructor`, `toString`, `__proto__`) for a key the object
 * does not have, and `obj[key] = value` with `__proto__` would replace the
 * object's prototype. These helpers see own properties only.
 */

/**
 * Whether `object` has `key` as its own property (not one inherited from
 * `Object.prototype`).
 * @internal
 */
export function hasOwn(object: unknown, key: string): boolean {
  return (
    typeof object === 'object' &&
    object !== null &&
    Object.prototype.hasOwnProperty.call(object, key)
  );
}

/**
 * The value of `object`'s own property `key`; `undefined` when it has none
 * (whatever `Object.prototype` holds under that name).
 * @internal
 */
export function ownValue<T>(
  object: Readonly<Record<string, T>> | null | undefined,
  key: string,
): T | undefined {
  return hasOwn(object, key) ? object![key] : undefined;
}

/**
 * Sets `object[key]` as an own data property, as `JSON.parse` would: a
 * `__proto__` key becomes a property, never the object's prototype.
 * @internal
 */
export function defineOwn(
  object: Record<string, unknown>,
  key: string,
  value: unknown,
): void {
  Object.defineProperty(object, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}
