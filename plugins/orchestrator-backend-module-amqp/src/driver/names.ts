import { createHash } from 'node:crypto';

/** Kept short enough to read in the management UI and in logs. */
const MAX_NAME = 63;

/**
 * The vhost and user of a resource, derived from its stable key: the same
 * key always gives the same names (a retry finds what the first try made),
 * different keys different names (a hash of the whole key ends them), and
 * only `[a-z0-9_]` ever reaches the management API's URLs, whatever the key
 * holds — quotes, slashes, `%`, `#`, `?`, unicode.
 */
export function amqpNamesOf(key: string): {
  vhost: string;
  username: string;
} {
  const hash = createHash('sha256').update(key, 'utf8').digest('hex');
  const readable = key
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, MAX_NAME - 'plinth__'.length - 12)
    .replace(/_+$/, '');
  const name = `plinth_${readable ? `${readable}_` : ''}${hash.slice(0, 12)}`;
  return { vhost: name, username: name };
}
