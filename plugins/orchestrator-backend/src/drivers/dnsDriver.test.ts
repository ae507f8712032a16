import { InputError } from '@backstage/errors';
import { driverRequest } from './__testUtils__/request';
import { createDnsDriver } from './dnsDriver';

/** A dns resource whose id (and key, for simplicity) is `resId`. */
const dns = (resId: string, more = {}) =>
  driverRequest({ key: resId, resId, type: 'dns', ...more });

describe('createDnsDriver', () => {
  it('names a host per resource, environment and app under .localhost', async () => {
    const driver = createDnsDriver();
    const { outputs } = await driver.provision(dns('api-dns'));
    expect(outputs).toEqual({
      host: 'api-dns.development.cartservice.localhost',
    });
    expect((await driver.provision(dns('api-dns'))).outputs).toEqual(outputs);
  });

  it('makes each value a DNS label, with a hash when it had to change', async () => {
    const driver = createDnsDriver();
    const host = async (resId: string) =>
      (await driver.provision(dns(resId))).outputs.host;
    const dotted = await host('api.dns');
    expect(dotted).toMatch(
      /^api-dns-[0-9a-f]{8}\.development\.cartservice\.localhost$/,
    );
    // Ids that read alike never share a host.
    expect(await host('api_dns')).not.toEqual(dotted);
    expect(await host('API.DNS')).not.toEqual(dotted);
    const long = await host(`${'a'.repeat(100)}`);
    const [label] = long.split('.');
    expect(label).toHaveLength(63);
    expect(label).toMatch(/^a+-[0-9a-f]{8}$/);
    expect(await host(`${'a'.repeat(101)}`)).not.toEqual(long);
  });

  it('takes the pattern from the config, or from the input', async () => {
    const driver = createDnsDriver({
      pattern: '${app.name}-${environment.id}.apps.example.com',
    });
    expect((await driver.provision(dns('web'))).outputs.host).toBe(
      'cartservice-development.apps.example.com',
    );
    expect(
      (
        await driver.provision(
          dns('web', {
            params: { sub: 'Shop Front' },
            environment: { id: 'pr-7', type: 'ephemeral' },
            inputs: {
              pattern: '${params.sub}.${environment.type}.Example.COM',
            },
          }),
        )
      ).outputs.host,
    ).toMatch(/^shop-front-[0-9a-f]{8}\.ephemeral\.example\.com$/);
  });

  it('shortens a label the pattern makes too long', async () => {
    const { outputs } = await createDnsDriver({
      pattern: '${resource.key}-${resource.key}.example.com',
    }).provision(dns('a'.repeat(40)));
    const [label, ...rest] = outputs.host.split('.');
    expect(label.length).toBeLessThanOrEqual(63);
    expect(rest.join('.')).toBe('example.com');
  });

  it('says what is wrong with a pattern', async () => {
    const driver = createDnsDriver();
    const cases: Array<[object, string]> = [
      [
        { inputs: { pattern: '${params.sub}.example.com' } },
        'Resource "web": the input pattern uses ${params.sub}, which names no param of this resource; its params are: none.',
      ],
      [
        { inputs: { pattern: '${resource.key}_x.example.com' } },
        'Resource "web": the input pattern gives the host "web_x.example.com", whose part "web_x" is not a DNS label',
      ],
      [
        { inputs: { pattern: `${'${resource.key}.'.repeat(70)}com` } },
        'longer than the 253 a host name may have',
      ],
      [
        {
          inputs: { token: 'tok', pattern: '${inputs.token}.example.com' },
          secretInputs: ['token'],
        },
        'the input pattern uses the secret ${inputs.token}; a host name is not secret, so it may not.',
      ],
      [
        { inputs: { pattern: 42 } },
        "the dns driver's input pattern must be a text",
      ],
    ];
    for (const [more, message] of cases) {
      const run = driver.provision(dns('web', more));
      await expect(run).rejects.toThrow(InputError);
      await expect(run).rejects.toThrow(message);
    }
  });

  it('refuses an unclosed placeholder in the configured pattern at start', () => {
    expect(() =>
      createDnsDriver({ pattern: '${app.name.example.com' }),
    ).toThrow('plinth.orchestrator.drivers.dns.pattern is not a valid pattern');
  });
});
