import { ConfigReader } from '@backstage/config';
import { readAmqpDriverConfig } from './config';

describe('readAmqpDriverConfig', () => {
  it('reads the broker, with the default AMQP port', () => {
    const options = readAmqpDriverConfig(
      new ConfigReader({
        plinth: {
          orchestrator: {
            drivers: {
              amqp: {
                managementUrl: 'http://rabbitmq:15672',
                username: 'admin',
                password: 'pw',
                amqpHost: 'rabbitmq.internal',
              },
            },
          },
        },
      }),
    );
    expect(options).toEqual({
      managementUrl: 'http://rabbitmq:15672',
      username: 'admin',
      password: 'pw',
      amqpHost: 'rabbitmq.internal',
      amqpPort: 5672,
    });
  });

  it('reads a port of its own', () => {
    expect(
      readAmqpDriverConfig(
        new ConfigReader({
          plinth: {
            orchestrator: {
              drivers: {
                amqp: {
                  managementUrl: 'https://mq.example.com/',
                  username: 'admin',
                  password: 'pw',
                  amqpHost: 'mq.example.com',
                  amqpPort: 5671,
                },
              },
            },
          },
        }),
      ).amqpPort,
    ).toBe(5671);
  });

  it('names the missing key', () => {
    expect(() =>
      readAmqpDriverConfig(
        new ConfigReader({
          plinth: {
            orchestrator: {
              drivers: {
                amqp: { username: 'admin', password: 'pw', amqpHost: 'mq' },
              },
            },
          },
        }),
      ),
    ).toThrow(/plinth\.orchestrator\.drivers\.amqp\.managementUrl/);
    expect(() =>
      readAmqpDriverConfig(new ConfigReader({ plinth: {} })),
    ).toThrow(/plinth\.orchestrator\.drivers\.amqp/);
  });
});
