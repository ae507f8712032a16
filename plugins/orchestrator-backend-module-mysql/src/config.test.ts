import { ConfigReader } from '@backstage/config';
import { readMysqlDriverConfig } from './config';

describe('readMysqlDriverConfig', () => {
  it('reads the server, with the default port and no database', () => {
    const options = readMysqlDriverConfig(
      new ConfigReader({
        plinth: {
          orchestrator: {
            drivers: {
              mysql: {
                connection: { host: 'db', user: 'root', password: 'pw' },
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
        port: 3306,
        user: 'root',
        password: 'pw',
        database: undefined,
      },
      publicHost: 'db.internal',
      publicPort: undefined,
    });
  });

  it('reads every key when all are given', () => {
    const options = readMysqlDriverConfig(
      new ConfigReader({
        plinth: {
          orchestrator: {
            drivers: {
              mysql: {
                connection: {
                  host: 'db',
                  port: 3307,
                  user: 'admin',
                  database: 'mysql',
                },
                publicHost: 'mysql.example.com',
                publicPort: 13306,
              },
            },
          },
        },
      }),
    );
    expect(options).toEqual({
      connection: {
        host: 'db',
        port: 3307,
        user: 'admin',
        password: undefined,
        database: 'mysql',
      },
      publicHost: 'mysql.example.com',
      publicPort: 13306,
    });
  });

  it('names the missing key', () => {
    expect(() =>
      readMysqlDriverConfig(
        new ConfigReader({
          plinth: {
            orchestrator: { drivers: { mysql: { connection: {} } } },
          },
        }),
      ),
    ).toThrow(/plinth\.orchestrator\.drivers\.mysql\.connection\.host/);
    expect(() =>
      readMysqlDriverConfig(
        new ConfigReader({
          plinth: {
            orchestrator: {
              drivers: { mysql: { connection: { host: 'db' } } },
            },
          },
        }),
      ),
    ).toThrow(/plinth\.orchestrator\.drivers\.mysql\.connection\.user/);
    expect(() => readMysqlDriverConfig(new ConfigReader({}))).toThrow(
      /plinth\.orchestrator\.drivers\.mysql/,
    );
  });
});
