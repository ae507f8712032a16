import { createHash } from 'node:crypto';

/** MySQL's user names hold 32 characters (MariaDB's 80: the smaller wins). */
const MAX_USER = 32;
/**
 * MySQL's and MariaDB's database names hold 64 characters, and so must
 * the name as GRANT reads it, with its `_` escaped.
 */
const MAX_DATABASE = 64;

/**
 * A database name as GRANT reads it: there `_` and `%` are wildcards, so
 * they are escaped to grant this one database and no look-alike.
 */
export function grantPatternOf(database: string): string {
  return database.replace(/[\\_%]/g, '\\$&');
}

/**
 * The database and user of a resource, derived from its stable key: the
 * same key always gives the same names (a retry finds what the first try
 * made), different keys different names (a hash of the whole key ends
 * them), and only `[a-z0-9_]` ever reaches SQL, whatever the key holds —
 * quotes, semicolons, backticks, backslashes, unicode.
 */
export function mysqlNamesOf(key: string): {
  database: string;
  user: string;
} {
  const hash = createHash('sha256')
    .update(key, 'utf8')
    .digest('hex')
    .slice(0, 12);
  const readable = key
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  const named = (part: string) => {
    const trimmed = part.replace(/_+$/, '');
    return `plinth_${trimmed ? `${trimmed}_` : ''}${hash}`;
  };
  /** The name with the longest readable part whose `length` fits `max`. */
  const fit = (max: number, length: (name: string) => number) => {
    let part = readable.slice(0, max);
    while (part && length(named(part)) > max) part = part.slice(0, -1);
    return named(part);
  };
  return {
    database: fit(MAX_DATABASE, name => grantPatternOf(name).length),
    user: fit(MAX_USER, name => name.length),
  };
}
