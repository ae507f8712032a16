/*
 * Orders that make the rendered output the same on every run and machine.
 */

/** Texts in code-point order, the same on every machine (no locale). */
export function compareText(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

/** A map with its keys in order, so that output does not follow input order. */
export function sorted<T>(record: Record<string, T>): Record<string, T> {
  return Object.fromEntries(
    Object.entries(record).sort(([a], [b]) => compareText(a, b)),
  );
}

/** Names for a message: sorted, or "none". */
export function listed(names: string[]): string {
  return names.length ? [...names].sort(compareText).join(', ') : 'none';
}
