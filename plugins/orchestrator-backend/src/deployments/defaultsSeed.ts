import type { SecretBox } from '@plinth/plugin-orchestrator-node';
import { randomBytes } from 'node:crypto';
import { valueContext } from '../database/DatabaseOrchestratorStore';
import type { OrchestratorStore } from '../database/OrchestratorStore';

/** The platform secret the in-cluster defaults' passwords derive from. */
export const DEFAULTS_SEED_KEY = 'plinth-defaults-seed';

/**
 * The secret the built-in in-cluster defaults derive their generated
 * passwords from: a platform secret, made once with random bytes, so that
 * every render of an environment gives its databases the same passwords
 * (a new one would lock a workload out of its data) and key rotation
 * re-seals it like any other.
 */
export async function defaultsSeed(
  store: OrchestratorStore,
  secrets: SecretBox,
  now: number = Date.now(),
): Promise<string> {
  const context = valueContext('', '', DEFAULTS_SEED_KEY);
  const stored = (await store.listValues('', '')).find(
    v => v.key === DEFAULTS_SEED_KEY,
  );
  if (stored?.secret) return secrets.open(stored.value, context);
  const seed = randomBytes(32).toString('base64');
  await store.putValue({
    app: '',
    env: '',
    key: DEFAULTS_SEED_KEY,
    secret: true,
    value: secrets.seal(seed, context),
    description:
      'The secret the built-in in-cluster defaults derive their generated passwords from; changing it changes those passwords.',
    updatedAt: now,
    updatedBy: 'plinth',
  });
  return seed;
}
