import { InputError } from '@backstage/errors';
import { RESOURCE_TYPES } from '@plinth/plugin-orchestrator-common';
import { driverRequest } from './__testUtils__/request';
import { ANY_TYPE_DRIVER_IDS, createTemplateDriver } from './templateDriver';

const driver = createTemplateDriver();

describe('createTemplateDriver', () => {
  it('gives a Kafka topic on an existing cluster, numbers written out', async () => {
    const request = driverRequest({
      key: 'orders.events',
      type: 'kafka-topic',
      params: { topic: 'orders', partitions: 6 },
      inputs: {
        outputs: {
          host: 'kafka.internal',
          port: '9092',
          name: '${app.name}-${environment.id}-${params.topic}',
          num_partitions: '${params.partitions}',
        },
      },
    });
    const result = await driver.provision(request);
    expect(result).toEqual({
      outputs: {
        host: 'kafka.internal',
        port: '9092',
        name: 'cartservice-development-orders',
        num_partitions: '6',
      },
      secrets: {},
      state: {},
    });
    // The same request, the same outputs.
    expect(await driver.provision(request)).toEqual(result);
  });

  it('replaces every kind of placeholder, and writes $${ as ${', async () => {
    const { outputs } = await driver.provision(
      driverRequest({
        key: 'api.cache',
        type: 'my-cache',
        class: 'large',
        environment: { id: 'pr-42', type: 'ephemeral' },
        params: { tls: { enabled: true, hosts: ['a.example', 'b.example'] } },
        inputs: {
          region: 'eu-west-1',
          outputs: {
            where:
              '${app.ref} ${environment.type} ${resource.key} ${resource.type} ${resource.class}',
            tls: '${params.tls.enabled} ${params.tls.hosts.1}',
            url: 'redis://${resources.redis.host}:${resources.redis.port}/${inputs.region}',
            literal: '$${not.a.placeholder}',
          },
        },
        dependencies: {
          redis: { outputs: { host: 'redis', port: '6379' }, secrets: {} },
        },
      }),
    );
    expect(outputs).toEqual({
      where: 'component:default/cartservice ephemeral api.cache my-cache large',
      tls: 'true b.example',
      url: 'redis://redis:6379/eu-west-1',
      literal: '${not.a.placeholder}',
    });
  });

  it('puts what uses secrets under secrets', async () => {
    const result = await driver.provision(
      driverRequest({
        type: 'postgres',
        inputs: {
          token: 's3cr3t-token',
          outputs: { host: '${resources.db.host}' },
          secrets: {
            password: '${resources.db.password}',
            token: 'Bearer ${inputs.token}',
          },
        },
        secretInputs: ['token'],
        dependencies: {
          db: { outputs: { host: 'pg' }, secrets: { password: 'hunter22' } },
        },
      }),
    );
    expect(result.outputs).toEqual({ host: 'pg' });
    expect(result.secrets).toEqual({
      password: 'hunter22',
      token: 'Bearer s3cr3t-token',
    });
  });

  it('refuses a plain output that uses a secret, naming both but no value', async () => {
    const usesDependencySecret = driver.provision(
      driverRequest({
        inputs: {
          outputs: { url: 'postgres://u:${resources.db.password}@pg/db' },
        },
        dependencies: {
          db: { outputs: {}, secrets: { password: 'hunter22' } },
        },
      }),
    );
    await expect(usesDependencySecret).rejects.toThrow(InputError);
    await expect(usesDependencySecret).rejects.toThrow(
      'Resource "api.db": outputs.url uses the secret ${resources.db.password}; a template that uses a secret must be under secrets (secrets.url)',
    );
    await expect(usesDependencySecret).rejects.not.toThrow('hunter22');

    await expect(
      driver.provision(
        driverRequest({
          inputs: { token: 's3cr3t', outputs: { auth: '${inputs.token}' } },
          secretInputs: ['token'],
        }),
      ),
    ).rejects.toThrow('outputs.auth uses the secret ${inputs.token}');
  });

  it("refuses a type's secret output given as a plain output", async () => {
    await expect(
      driver.provision(
        driverRequest({
          type: 'postgres',
          inputs: { outputs: { password: 'changeme' } },
        }),
      ),
    ).rejects.toThrow(
      '"password" is a secret output of a postgres resource, but the template gives it as a plain output; give it under secrets',
    );
  });

  it('names the template and the placeholder that has no value', async () => {
    const cases: Array<[Record<string, string>, string]> = [
      [
        { host: '${params.hots}' },
        'Resource "api.db": outputs.host uses ${params.hots}, which names no param of this resource; its params are: host, tags.',
      ],
      [
        { host: '${params.host.name}' },
        'outputs.host uses ${params.host.name}, which names nothing: params.host has no field "name".',
      ],
      [
        { host: '${resources.dns.host}' },
        'outputs.host uses ${resources.dns.host}, which names no dependency of this resource; its dependencies are: none.',
      ],
      [
        { host: '${metadata.name}' },
        'outputs.host uses ${metadata.name}, which is not a template placeholder',
      ],
      [
        { host: '${app.namespace}' },
        'outputs.host uses ${app.namespace}, which is not a placeholder of the app; they are: ${app.ref}, ${app.name}.',
      ],
      [
        { host: '${inputs.zone}' },
        'outputs.host uses ${inputs.zone}, which names no input of this resource; its inputs are: outputs.',
      ],
      [
        { host: '${params.tags}' },
        'outputs.host uses ${params.tags}, which is a list, not a value',
      ],
      [
        { host: '${resources.constructor.name}' },
        'outputs.host uses ${resources.constructor.name}, which names no dependency',
      ],
      [
        { host: '${app.constructor}' },
        'outputs.host uses ${app.constructor}, which is not a placeholder of the app',
      ],
      [{ host: 'db.${params' }, 'outputs.host is not a valid template'],
    ];
    for (const [outputs, message] of cases) {
      await expect(
        driver.provision(
          driverRequest({
            params: { host: 'x', tags: ['a'] },
            inputs: { outputs },
          }),
        ),
      ).rejects.toThrow(message);
    }
  });

  it('refuses a map where a value is wanted', async () => {
    await expect(
      driver.provision(
        driverRequest({
          params: { tls: { enabled: true } },
          inputs: { secrets: { tls: '${params.tls}' } },
        }),
      ),
    ).rejects.toThrow(
      'secrets.tls uses ${params.tls}, which is a map, not a value: name one of its fields.',
    );
  });

  it('says which input is not a map of templates', async () => {
    await expect(
      driver.provision(driverRequest({ inputs: { outputs: { port: 5432 } } })),
    ).rejects.toThrow(
      'Resource "api.db": the template driver\'s input outputs.port must be a text.',
    );
  });

  it('serves every type, and deletes nothing', async () => {
    expect(driver.resourceTypes).toEqual(RESOURCE_TYPES.map(t => t.type));
    expect(ANY_TYPE_DRIVER_IDS).toContain('template');
    await expect(
      driver.deprovision({ ...driverRequest(), state: {} }),
    ).resolves.toBeUndefined();
  });
});
