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

/** A time of day to the second, as a log shows it: `12:00:05`. */
export function formatTime(iso: string): string {
  return DateTime.fromISO(iso).toLocaleString(DateTime.TIME_WITH_SECONDS);
}

/** How long something took: `0 s`, `42 s`, `3 min 5 s`, `1 h 2 min`. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return 'under a second';
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) {
    return `${seconds} s`;
  }
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) {
    return seconds % 60 ? `${minutes} min ${seconds % 60} s` : `${minutes} min`;
  }
  const hours = Math.floor(minutes / 60);
  return minutes % 60 ? `${hours} h ${minutes % 60} min` : `${hours} h`;
}
