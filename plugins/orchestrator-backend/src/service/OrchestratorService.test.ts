import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import {
  createSecretBox,
  secretKeyFromBase64,
} from '@plinth/plugin-orchestrator-node';
import { randomBytes } from 'node:crypto';
import { valueContext } from '../database/DatabaseOrchestratorStore';
import { createTestStore, environmentRow } from '../__testUtils__/database';
import { DEFAULT_ENVIRONMENT_TYPES } from '../config';
import { OrchestratorService } from './OrchestratorService';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
const CART = 'component:default/cartservice';
const key = (id: string) =>
  secretKeyFromBase64(id, randomBytes(32).toString('base64'));

describe('OrchestratorService', () => {
  it.each(databases.eachSupportedId())(
    'seals every secret again with a new key, so the old key can go, on %p',
    async databaseId => {
      const { store } = await createTestStore(databases, databaseId);
      const [oldKey, newKey] = [key('2026-06'), key('2026-12')];
      const service = (keys: ReturnType<typeof key>[]) =>
        new OrchestratorService({
          store,
          drivers: new Map(),
          secrets: createSecretBox(keys),
          logger: mockServices.logger.mock(),
          configTypes: DEFAULT_ENVIRONMENT_TYPES,
          configDefinitions: [],
          kick: () => undefined,
        });
      await store.createEnvironment(environmentRow(CART, 'dev', 1_000));
      const before = service([oldKey]);
      await before.putValue(
        { app: CART, env: '' },
        { key: 'STRIPE_KEY', value: 'sk_live_1', secret: true },
        'user:default/ada',
      );
      await before.putValue(
        { app: CART, env: 'dev' },
        { key: 'STRIPE_KEY', value: 'sk_test_1', secret: true },
        'user:default/ada',
      );
      await before.putValue(
        { app: '', env: '' },
        { key: 'pg-admin', value: 'admin-pw', secret: true },
        'user:default/ada',
      );
      await before.putValue(
        { app: CART, env: '' },
        { key: 'LOG_LEVEL', value: 'info', secret: false },
        'user:default/ada',
      );

      // The new key first, the old one kept until everything is sealed again.
      await expect(service([newKey, oldKey]).rotateSecrets()).resolves.toBe(3);
      await expect(service([newKey, oldKey]).rotateSecrets()).resolves.toBe(0);

      const onlyNew = createSecretBox([newKey]);
      const open = async (app: string, env: string, name: string) => {
        const row = (await store.listValues(app, env)).find(
          v => v.key === name,
        )!;
        return onlyNew.open(row.value, valueContext(app, env, name));
      };
      await expect(open(CART, '', 'STRIPE_KEY')).resolves.toBe('sk_live_1');
      await expect(open(CART, 'dev', 'STRIPE_KEY')).resolves.toBe('sk_test_1');
      await expect(open('', '', 'pg-admin')).resolves.toBe('admin-pw');
      await expect(open(CART, '', 'LOG_LEVEL')).rejects.toThrow();
    },
  );
});
