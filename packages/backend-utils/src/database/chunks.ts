/**
 * Values per `IN (...)` list: well within the bound-variable limits of
 * SQLite, PostgreSQL and MySQL.
 * @public
 */
export const IN_CHUNK = 500;

/**
 * Rows per multi-row insert: knex writes one for SQLite as a compound
 * SELECT, which SQLite allows 500 terms.
 * @public
 */
export const ROW_CHUNK = 400;

/**
 * `items` in slices of at most `size`, in order: for statements that must
 * stay under a database's limits.
 *
 * @example
 * ```ts
 * for (const slice of chunks(refs, IN_CHUNK)) {
 *   await db('results').whereIn('entity_ref', slice).delete();
 * }
 * ```
 * @public
 */
export function chunks<T>(items: readonly T[], size: number): T[][] {
  if (!(size >= 1))
    throw new RangeError(`chunk size must be at least 1, not ${size}`);
  const result: T[][] = [];
  for (let i = 0; i < items.length; i += size) {
    result.push(items.slice(i, i + size));
  }
  return result;
}
