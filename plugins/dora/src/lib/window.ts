import { DateTime } from 'luxon';

/** The windows the DORA page offers, in days. */
export const HISTORY_WINDOWS = [30, 90, 365] as const;

/** One of {@link HISTORY_WINDOWS}. */
export type HistoryWindowDays = (typeof HISTORY_WINDOWS)[number];

/**
 * The `from` and `to` of a window of `days` days ending now: from the start
 * (UTC) of the first of those days, today included, to now.
 */
export function historyWindow(
  days: number,
  now: Date = new Date(),
): { from: string; to: string } {
  const end = DateTime.fromJSDate(now, { zone: 'utc' });
  const start = end.startOf('day').minus({ days: Math.max(1, days) - 1 });
  return { from: start.toISO()!, to: end.toISO()! };
}

/** A date or instant as a short date in the user's locale (`27 Nov 2026`). */
export function formatDate(value: string | undefined): string {
  if (!value) {
    return '—';
  }
  const parsed = DateTime.fromISO(value);
  return parsed.isValid ? parsed.toLocaleString(DateTime.DATE_MED) : value;
}
