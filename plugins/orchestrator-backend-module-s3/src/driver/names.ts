import { createHash } from 'node:crypto';

/** S3's bucket names hold 3 to 63 characters. */
const MAX_BUCKET = 63;

/**
 * The bucket of a resource, derived from its stable key: the same key
 * always gives the same name (a retry finds what the first try made),
 * different keys different names (a hash of the whole key ends them), and
 * whatever the key holds — quotes, slashes, `%`, `#`, `?`, unicode — the
 * name is a valid bucket name: `plinth-<readable part>-<12 hex>`, at most
 * 63 characters of `[a-z0-9-]`, starting with a letter and ending with a
 * digit or letter, with no dots (so never `..` nor IP-like).
 */
export function s3BucketNameOf(key: string): string {
  const hash = createHash('sha256').update(key, 'utf8').digest('hex');
  const readable = key
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, MAX_BUCKET - 'plinth--'.length - 12)
    .replace(/-+$/, '');
  return `plinth-${readable ? `${readable}-` : ''}${hash.slice(0, 12)}`;
}

/**
 * Whether a name follows S3's rules for (general purpose) bucket names:
 * 3–63 characters of lowercase letters, digits, dots and hyphens, starting
 * and ending with a letter or digit, no `..`, not an IP address.
 */
export function isValidBucketName(name: string): boolean {
  return (
    name.length >= 3 &&
    name.length <= 63 &&
    /^[a-z0-9][a-z0-9.-]*[a-z0-9]$/.test(name) &&
    !name.includes('..') &&
    !/^\d{1,3}(\.\d{1,3}){3}$/.test(name) &&
    !name.startsWith('xn--') &&
    !name.endsWith('-s3alias') &&
    !name.endsWith('--ol-s3')
  );
}
