import type { DoraEvent } from '@plinth/plugin-dora-common';
import { createHash } from 'node:crypto';

/** The key of an event: ids are unique per type. */
export function doraEventKey(event: { type: string; id: string }): string {
  return `${event.type}:${event.id}`;
}

/** The hash of an event in normal form, to tell a changed one. */
export function doraEventHash(event: DoraEvent): string {
  return createHash('sha1').update(JSON.stringify(event)).digest('hex');
}
