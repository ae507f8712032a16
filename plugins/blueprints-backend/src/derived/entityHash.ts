import type { PortEntity } from '@plinth/plugin-blueprints-common';
import { createHash } from 'node:crypto';
import { stableJson } from '../lib/stableJson';

/** The hash that tells whether a delivered entity changed. */
export function entityHash(entity: PortEntity): string {
  return createHash('sha256').update(stableJson(entity)).digest('hex');
}
