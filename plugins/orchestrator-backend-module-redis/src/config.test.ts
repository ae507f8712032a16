import { ConfigReader } from '@backstage/config';
import { readRedisDriverConfig } from './config';

describe('readRedisDriverConfig', () => {
  it('reads the server, with the default port', () => {
    const options = readRedisDriverConfig(
      new ConfigReader({
        plinth: {
          orchestrator: {
            drivers: {
              redis: {
                connection: { host: 'cache', password: 'pw' },
                publicHost: 'cache.internal',
              },
            },
          },
        },
      }),
    );
    expect(options).toEqual({
      connection: {
        host: 'cache',
        port: 6379,
        username: undefined,
        password: 'pw',
        db: undefined,
      },
      publicHost: 'cache.internal',
      publicPort: undefined,
      aclSave: undefined,
    });
  });

  it('reads every key when all are given', () => {
    const options = readRedisDriverConfig(
      new ConfigReader({
        plinth: {
          orchestrator: {
            drivers: {
              redis: {
                connection: {
                  host: 'cache',
                  port: 6380,
                  username: 'admin',
                  password: 'pw',
                  db: 2,
                },
                publicHost: 'redis.example.com',
                publicPort: 16379,
                aclSave: true,
              },
            },
          },
        },
      }),
    );
    expect(options).toEqual({
      connection: {
        host: 'cache',
        port: 6380,
        username: 'admin',
        password: 'pw',
        db: 2,
      },
      publicHost: 'redis.example.com',
      publicPort: 16379,
      aclSave: true,
    });
  });

  it('names the missing or mistyped key', () => {
    expect(() =>
      readRedisDriverConfig(
        new ConfigReader({
          plinth: {
            orchestrator: { drivers: { redis: { connection: {} } } },
          },
        }),
      ),
    ).toThrow(/plinth\.orchestrator\.drivers\.redis\.connection\.host/);
    expect(() =>
      readRedisDriverConfig(
        new ConfigReader({
          plinth: {
            orchestrator: {
              drivers: {
                redis: { connection: { host: 'cache' }, aclSave: 'maybe' },
              },
            },
          },
        }),
      ),
    ).toThrow(/plinth\.orchestrator\.drivers\.redis\.aclSave/);
    expect(() => readRedisDriverConfig(new ConfigReader({}))).toThrow(
      /plinth\.orchestrator\.drivers\.redis/,
    );
  });
});
