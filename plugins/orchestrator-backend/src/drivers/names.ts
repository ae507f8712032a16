import { createHash } from 'node:crypto';

/** A DNS label (RFC 1123): 1 to 63 of `[a-z0-9-]`, no hyphen at either end. */
const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/** A DNS label holds 63 characters. */
export const MAX_LABEL_LENGTH = 63;

/** A host name holds 253 characters. */
export const MAX_HOST_LENGTH = 253;

function hashOf(value: string, length: number): string {
  return createHash('sha256')
    .update(value, 'utf8')
    .digest('hex')
    .slice(0, length);
}

/** What of a value can be read in a label: lowercase, accents dropped. */
function readableOf(value: string): string {
  return value
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** `readable` cut to fit, then `-` and a hash of `whole`. */
function withHash(readable: string, whole: string, hashLength: number): string {
  const hash = hashOf(whole, hashLength);
  const head = readable
    .slice(0, MAX_LABEL_LENGTH - hash.length - 1)
    .replace(/-+$/, '');
  return head ? `${head}-${hash}` : hash;
}

/** Whether a value is a DNS label as it stands. */
export function isDnsLabel(value: string): boolean {
  return LABEL.test(value);
}

/**
 * Whether a value is a host name: dot-separated DNS labels, 253 characters
 * at most, lowercase.
 */
export function isHostname(value: string): boolean {
  return (
    value.length <= MAX_HOST_LENGTH &&
    value.split('.').every(label => LABEL.test(label))
  );
}

/**
 * A value as a DNS label: the value itself when it is one; otherwise what
 * can be read of it (lowercase, `[a-z0-9-]`, cut to fit) and a short hash
 * of the whole value, so two values that read alike never give one label.
 * The same value always gives the same label.
 */
export function dnsLabelOf(value: string): string {
  return LABEL.test(value) ? value : withHash(readableOf(value), value, 8);
}

/**
 * A DNS label always ending in a hash of the value (`cart-db-3f9a…`), for
 * names of things made per resource key: readable, and never the same for
 * two keys however long or alike.
 */
export function hashedLabelOf(value: string): string {
  return withHash(readableOf(value), value, 12);
}
