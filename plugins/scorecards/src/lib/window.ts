import { DateTime } from 'luxon';

/** The history windows the scorecard page offers, in days. */
export const HISTORY_WINDOWS = [30, 90, 365] as const;

/** One of {@link HISTORY_WINDOWS}. */
export type HistoryWindowDays = (typeof HISTORY_WINDOWS)[number];

/**
 * The `from` and `to` of a history window of `days` days ending now: from
 * the start (UTC) of the first of those days, today included, to now.
 */
export function historyWindow(
  days: number,
  now: Date = new Date(),
): { from: string; to: string } {
  const end = DateTime.fromJSDate(now, { zone: 'utc' });
  const start = end.startOf('day').minus({ days: Math.max(1, days) - 1 });
  return { from: start.toISO()!, to: end.toISO()! };
}

/**
 * A deadline as an instant: an ISO 8601 instant as it is, a date alone as
 * the end of that day (UTC). `undefined` when it does not parse.
 */
export function deadlineInstant(deadline: string): DateTime | undefined {
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(deadline.trim());
  const parsed = DateTime.fromISO(deadline.trim(), { zone: 'utc' });
  if (!parsed.isValid) {
    return undefined;
  }
  return dateOnly ? parsed.endOf('day') : parsed;
}

/**
 * Whole calendar days (UTC) from today to the deadline's day: positive
 * before it, 0 on the day, negative once overdue. `undefined` when the
 * deadline does not parse.
 */
export function daysLeft(
  deadline: string,
  now: Date = new Date(),
): number | undefined {
  const instant = deadlineInstant(deadline);
  if (!instant) {
    return undefined;
  }
  const today = DateTime.fromJSDate(now, { zone: 'utc' }).startOf('day');
  return Math.round(instant.startOf('day').diff(today, 'days').days);
}

/**
 * Whether the deadline has passed: its instant is before now (a date alone
 * passes at the end of its day).
 */
export function isOverdue(deadline: string, now: Date = new Date()): boolean {
  const instant = deadlineInstant(deadline);
  return !!instant && instant.toMillis() < now.getTime();
}

/** `12 days left`, `due today`, `3 days overdue`, as a deadline reads. */
export function formatDaysLeft(days: number | undefined): string {
  if (days === undefined) {
    return 'no valid deadline';
  }
  const plural = (n: number) => `${n} day${n === 1 ? '' : 's'}`;
  if (days > 0) {
    return `${plural(days)} left`;
  }
  if (days === 0) {
    return 'due today';
  }
  return `${plural(-days)} overdue`;
}

/** A date or instant as a short date in the user's locale (`27 Nov 2026`). */
export function formatDate(value: string | undefined): string {
  if (!value) {
    return '—';
  }
  const parsed = DateTime.fromISO(value);
  return parsed.isValid ? parsed.toLocaleString(DateTime.DATE_MED) : value;
}

/**
 * The instant an exemption asked until `date` (`YYYY-MM-DD`, from a date
 * field) ends: the end of that day in the user's zone, as ISO 8601 (UTC).
 * `undefined` when it is not a date.
 */
export function endOfDay(date: string): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) {
    return undefined;
  }
  const parsed = DateTime.fromISO(date);
  return parsed.isValid ? parsed.endOf('day').toUTC().toISO()! : undefined;
}

/** Today's date in the user's zone, `YYYY-MM-DD`, plus `days`. */
export function isoDate(days = 0, now: Date = new Date()): string {
  return DateTime.fromJSDate(now).plus({ days }).toISODate()!;
}
