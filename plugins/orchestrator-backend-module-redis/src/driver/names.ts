import { createHash } from 'node:crypto';

/** Keeps user names short enough to read in `ACL USERS`. */
const MAX_USER = 60;
/** What a generated user name and key prefix are made of. */
const SAFE = /^plinth_[a-z0-9_]+:$/;

/**
 * The ACL user of a resource and the key prefix it is restricted to,
 * derived from its stable key: the same key always gives the same names (a
 * retry finds what the first try made), different keys different names (a
 * hash of the whole key ends them), and only `[a-z0-9_]` ever reaches
 * Redis, whatever the key holds. The prefix is the user name and `:`, so a
 * workload knows it from its `username` output.
 */
export function redisNamesOf(key: string): {
  username: string;
  prefix: string;
} {
  const hash = createHash('sha256')
    .update(key, 'utf8')
    .digest('hex')
    .slice(0, 12);
  const readable = key
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, MAX_USER - 'plinth__'.length - hash.length)
    .replace(/_+$/, '');
  const username = `plinth_${readable ? `${readable}_` : ''}${hash}`;
  return { username, prefix: `${username}:` };
}

/**
 * The glob of every key (or channel) under a prefix, for ACL rules and
 * SCAN's MATCH. Generated prefixes hold no glob character; that is
 * asserted, and they are escaped all the same.
 */
export function globOf(prefix: string): string {
  if (!SAFE.test(prefix)) {
    throw new Error(`Redis: ${JSON.stringify(prefix)} is no generated prefix`);
  }
  return `${prefix.replace(/[\\*?[\]^]/g, '\\$&')}*`;
}
