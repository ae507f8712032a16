import { ConfigReader } from '@backstage/config';
import { readPostgresDriverConfig } from './config';

describe('readPostgresDriverConfig', () => {
  it('reads the server, with the default port and database', () => {
    const options = readPostgresDriverConfig(
      new ConfigReader({
        plinth: {
          orchestrator: {
            drivers: {
              postgres: {
                connection: { host: 'db', user: 'admin', password: 'pw' },
                publicHost: 'db.internal',
              },
            },
          },
        },
      }),
    );
    expect(options).toEqual({
      connection: {
        host: 'db',
        port: 5432,
        user: 'admin',
        password: 'pw',
        database: undefined,
      },
      publicHost: 'db.internal',
      publicPort: undefined,
    });
  });

  it('names the missing key', () => {
    expect(() =>
      readPostgresDriverConfig(
        new ConfigReader({
          plinth: {
            orchestrator: { drivers: { postgres: { connection: {} } } },
          },
        }),
      ),
    ).toThrow(/plinth\.orchestrator\.drivers\.postgres\.connection\.host/);
  });
});
