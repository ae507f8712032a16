import type { DoraBucket } from './types';

/** Milliseconds in an hour. */
export const HOUR_MS = 3_600_000;
/** Milliseconds in a day. */
export const DAY_MS = 86_400_000;

/**
 * Most buckets a trend may have: ten years of weeks.
 * @public
 */
export const DORA_MAX_BUCKETS = 530;

const ISO_DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})$/i;

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * The epoch milliseconds of an ISO 8601 date-time with a time zone
 * (`2024-05-01T12:00:00Z`, `2024-05-01T14:00:00.5+02:00`), or undefined when
 * the text is not one, or names a day the calendar does not have.
 * @public
 */
export function parseIsoDateTime(text: string): number | undefined {
  const match = ISO_DATE_TIME.exec(text);
  if (!match) return undefined;
  const [, y, mo, d, h, mi, s] = match;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  if (month < 1 || month > 12) return undefined;
  if (day < 1 || day > daysInMonth(year, month)) return undefined;
  if (Number(h) > 23 || Number(mi) > 59 || Number(s ?? 0) > 59) {
    return undefined;
  }
  const ms = Date.parse(text);
  return Number.isFinite(ms) ? ms : undefined;
}

/**
 * Epoch milliseconds of a time given as ISO text, a Date or a number.
 * @throws Error when it is none of these
 */
export function toEpochMs(value: string | number | Date, what: string): number {
  let ms: number | undefined;
  if (typeof value === 'number') ms = value;
  else if (value instanceof Date) ms = value.getTime();
  else ms = parseIsoDateTime(value);
  if (ms === undefined || !Number.isFinite(ms)) {
    throw new Error(
      `${what} must be an ISO 8601 date-time with a time zone, e.g. 2024-05-01T00:00:00Z`,
    );
  }
  return ms;
}

/** The UTC day number of a time, as stored with deployments. */
export function dayOf(ms: number): number {
  return Math.floor(ms / DAY_MS);
}

/**
 * A bucket of a trend, in epoch milliseconds, `[start, end)`.
 * @public
 */
export interface DoraBucketRange {
  start: number;
  end: number;
}

function bucketStart(ms: number, bucket: DoraBucket): number {
  if (bucket === 'week') {
    const day = dayOf(ms);
    // 1970-01-01 was a Thursday: Monday is day 4 of that week.
    const weekday = (((day + 3) % 7) + 7) % 7;
    return (day - weekday) * DAY_MS;
  }
  const date = new Date(ms);
  const month = date.getUTCMonth();
  return Date.UTC(
    date.getUTCFullYear(),
    bucket === 'quarter' ? month - (month % 3) : month,
    1,
  );
}

function nextStart(start: number, bucket: DoraBucket): number {
  if (bucket === 'week') return start + 7 * DAY_MS;
  const date = new Date(start);
  const months = bucket === 'quarter' ? 3 : 1;
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + months, 1);
}

/**
 * The buckets of a window: ISO weeks (from Monday 00:00 UTC), calendar
 * months or calendar quarters (UTC), the first and last clamped to the
 * window.
 * @throws Error when the window would have more than {@link DORA_MAX_BUCKETS}
 * @public
 */
export function doraBuckets(
  from: number,
  to: number,
  bucket: DoraBucket,
): DoraBucketRange[] {
  const buckets: DoraBucketRange[] = [];
  let start = bucketStart(from, bucket);
  while (start < to) {
    const end = nextStart(start, bucket);
    buckets.push({ start: Math.max(start, from), end: Math.min(end, to) });
    if (buckets.length > DORA_MAX_BUCKETS) {
      throw new Error(
        `the window has more than ${DORA_MAX_BUCKETS} buckets of a ${bucket}; choose a shorter window or a longer bucket`,
      );
    }
    start = end;
  }
  return buckets;
}
