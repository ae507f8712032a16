import { createHash } from 'node:crypto';

/** A DNS label (RFC 1123): 1 to 63 of `[a-z0-9-]`, no hyphen at either end. */
const DNS_LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
/** A DNS subdomain (RFC 1123): labels separated by dots, 253 at most. */
const DNS_SUBDOMAIN =
  /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*$/;
/** A label value: 63 at most, alphanumerics with `-`, `_`, `.` inside. */
const LABEL_VALUE = /^(?:[A-Za-z0-9](?:[-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)?$/;
/** A key of a ConfigMap or Secret. */
const DATA_KEY = /^[-._a-zA-Z0-9]{1,253}$/;

export function hashOf(value: string, length = 8): string {
  return createHash('sha256')
    .update(value, 'utf8')
    .digest('hex')
    .slice(0, length);
}

/** `head` cut so that `head-hash` holds in `max` characters. */
function withHash(head: string, whole: string, max: number): string {
  const hash = hashOf(whole);
  const cut = head.slice(0, max - hash.length - 1).replace(/[-_.]+$/, '');
  return cut ? `${cut}-${hash}` : hash;
}

export function isDnsLabel(value: string): boolean {
  return DNS_LABEL.test(value);
}

export function isDnsSubdomain(value: string): boolean {
  return DNS_SUBDOMAIN.test(value);
}

/**
 * A value as a DNS label: itself when it is one, otherwise what can be read
 * of it and a hash of the whole, so two values never give one label.
 * @public
 */
export function dnsLabelOf(value: string): string {
  if (isDnsLabel(value)) return value;
  const readable = value
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return withHash(readable, value, 63);
}

/**
 * A DNS label `<base>-<suffix>`, cut and hashed when it would not fit.
 * @public
 */
export function dnsLabelWithSuffix(base: string, suffix: string): string {
  const name = `${base}-${suffix}`;
  if (isDnsLabel(name)) return name;
  return `${withHash(dnsLabelOf(base), name, 62 - suffix.length)}-${suffix}`;
}

/**
 * A value as a Kubernetes label value (such as an entity ref): itself when
 * it is one, otherwise what can be read of it and a hash of the whole.
 * @public
 */
export function labelValueOf(value: string): string {
  if (LABEL_VALUE.test(value)) return value;
  const readable = value
    .replace(/[^-A-Za-z0-9_.]+/g, '.')
    .replace(/^[-_.]+|[-_.]+$/g, '');
  return withHash(readable, value, 63);
}

/** A value as a key of a ConfigMap or Secret. */
export function dataKeyOf(value: string): string {
  if (DATA_KEY.test(value)) return value;
  return withHash(value.replace(/[^-._a-zA-Z0-9]+/g, '_'), value, 253);
}
