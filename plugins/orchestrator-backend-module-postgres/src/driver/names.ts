import { createHash } from 'node:crypto';

/** PostgreSQL's identifiers hold 63 bytes. */
const MAX_IDENTIFIER = 63;

/**
 * The database and role of a resource, derived from its stable key: the
 * same key always gives the same names (a retry finds what the first try
 * made), different keys different names (a hash of the whole key ends
 * them), and only `[a-z0-9_]` ever reaches SQL, whatever the key holds —
 * quotes, semicolons, unicode.
 */
export function postgresNamesOf(key: string): {
  database: string;
  role: string;
} {
  const hash = createHash('sha256').update(key, 'utf8').digest('hex');
  const readable = key
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, MAX_IDENTIFIER - 'plinth__'.length - 12);
  const name = `plinth_${readable ? `${readable}_` : ''}${hash.slice(0, 12)}`;
  return { database: name, role: name };
}
