import { DateTime } from 'luxon';

/** `1 app`, `2 apps`. */
export function plural(count: number, noun: string, nouns = `${noun}s`) {
  return `${count} ${count === 1 ? noun : nouns}`;
}

/** An instant as people read it: `27 Nov 2026, 12:00`. */
export function formatInstant(iso: string): string {
  return DateTime.fromISO(iso).toLocaleString(DateTime.DATETIME_MED);
}

/** An instant relative to now: `3 days ago`, `in 2 hours`. */
export function formatRelative(iso: string): string {
  return DateTime.fromISO(iso).toRelative() ?? formatInstant(iso);
}
