/** A minute, an hour and a day in milliseconds. */
export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

/** The longest TTL the backend takes: an environment that should live longer has none. */
export const MAX_TTL_HOURS = 366 * 24;

/**
 * How long is left, to the minute, as people say it: `3 h 20 min`,
 * `2 d 4 h`, `45 min`, `less than a minute`.
 */
export function formatRemaining(ms: number): string {
  const minutes = Math.floor(ms / MINUTE_MS);
  if (minutes < 1) {
    return 'less than a minute';
  }
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const mins = minutes % 60;
  if (days > 0) {
    return hours > 0 ? `${days} d ${hours} h` : `${days} d`;
  }
  if (hours > 0) {
    return mins > 0 ? `${hours} h ${mins} min` : `${hours} h`;
  }
  return `${mins} min`;
}

/**
 * An environment's TTL as the backend takes it (an ISO 8601 duration from
 * now, to the minute) so that it expires `addMs` after it does now; after
 * now if it has expired or has no TTL.
 *
 * @example
 * ```ts
 * // Expires in 3 h 20 min: four more hours.
 * extendedTtl(expiresAt, 4 * HOUR_MS); // 'PT440M'
 * ```
 */
export function extendedTtl(
  expiresAt: string | undefined,
  addMs: number,
  now: number = Date.now(),
): string {
  const expires = expiresAt ? Date.parse(expiresAt) : NaN;
  const from = Number.isNaN(expires) ? now : Math.max(expires, now);
  const minutes = Math.max(1, Math.round((from + addMs - now) / MINUTE_MS));
  return `PT${minutes}M`;
}

/**
 * A TTL typed in hours as the backend takes it (`PT8H`); `undefined` for
 * nothing typed, `null` for what is not a whole number of hours from 1 to a
 * year.
 */
export function ttlFromHours(text: string): string | undefined | null {
  const trimmed = text.trim();
  if (trimmed === '') {
    return undefined;
  }
  if (!/^\d+$/.test(trimmed)) {
    return null;
  }
  const hours = Number(trimmed);
  return hours >= 1 && hours <= MAX_TTL_HOURS ? `PT${hours}H` : null;
}
