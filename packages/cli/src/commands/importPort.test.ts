import { createMockDirectory } from '@backstage/backend-test-utils';
import { backstageEntityToPort } from '@plinth/plugin-blueprints-common';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import { importPortCommand } from './importPort';

describe('plinth import port', () => {
  const dir = createMockDirectory();
  beforeEach(() => dir.clear());

  const content = {
    'port/blueprints/Domain.json': JSON.stringify({
      identifier: 'Domain',
      schema: { properties: {} },
    }),
    'port/blueprints/System.json': JSON.stringify({
      identifier: 'System',
      schema: { properties: {} },
      relations: { domain: { target: 'Domain', required: true } },
    }),
    'port/entities/Domain/Orders.json': JSON.stringify({
      identifier: 'Orders',
      title: 'Orders',
    }),
    'port/entities/System/Cart.json': JSON.stringify({
      identifier: 'Cart',
      relations: { domain: 'Orders' },
    }),
  };

  it('writes catalog YAML for blueprints and entities, and a Location for them all', async () => {
    dir.setContent(content);
    const result = await importPortCommand(['port/entities'], {
      blueprints: ['port/blueprints'],
      out: 'catalog',
      cwd: dir.path,
    });
    expect(result.exitCode).toBe(0);

    const files = dir.content({ path: 'catalog' }) as Record<string, any>;
    expect(parse(files['catalog-info.yaml']).spec.targets).toEqual([
      './blueprints/Domain.yaml',
      './blueprints/System.yaml',
      './domain/Orders.yaml',
      './system/Cart.yaml',
    ]);
    expect(parse(files.system['Cart.yaml'])).toMatchObject({
      kind: 'System',
      metadata: { name: 'Cart' },
      spec: {
        domain: 'domain:default/Orders',
        relations: { domain: 'Orders' },
      },
    });
    expect(parse(files.blueprints['System.yaml'])).toMatchObject({
      apiVersion: 'plinth.dev/v1alpha1',
      kind: 'Blueprint',
      metadata: { name: 'System' },
      spec: { relations: { domain: { target: 'Domain' } } },
    });
  });

  it('writes nothing when anything is invalid', async () => {
    dir.setContent({
      ...content,
      'port/entities/System/Lost.json': JSON.stringify({ identifier: 'Lost' }),
    });
    const result = await importPortCommand(['port/entities'], {
      blueprints: ['port/blueprints'],
      out: 'catalog',
      cwd: dir.path,
    });
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toContain(
      'port/entities/System/Lost.json: System:Lost /relations',
    );
    expect(result.stdout).toContain('nothing was written');
    expect(dir.content({ path: '.' })).not.toHaveProperty('catalog');
  });

  it("imports the example app's seed: Cart API's provider is Cart Service's providesApis", async () => {
    const root = resolve(__dirname, '../../../..');
    const result = await importPortCommand(['examples/plinth/entities'], {
      blueprints: ['examples/plinth/blueprints'],
      out: join(dir.path, 'catalog'),
      cwd: root,
    });
    expect(result.exitCode).toBe(0);
    expect(result.stderr).toBeUndefined();

    const files = dir.content({ path: 'catalog' }) as Record<string, any>;
    const cartService = parse(files.component['CartService.yaml']);
    expect(cartService.spec.providesApis).toEqual(['api:default/CartAPI']);
    // Cart API keeps Port's relation: the way back gives the provider.
    const cartApi = parse(files.api['CartAPI.yaml']);
    expect(cartApi.spec.relations).toEqual({ provider: 'CartService' });
    expect(backstageEntityToPort(cartApi)?.relations).toEqual({
      provider: 'CartService',
    });
    // Only the providing component gets it.
    expect(
      parse(files.component['ProductsService.yaml']).spec,
    ).not.toHaveProperty('providesApis');
  });

  it('writes the files with warnings printed on stderr', async () => {
    dir.setContent({
      ...content,
      'port/blueprints/Domain.json': JSON.stringify({
        identifier: 'Domain',
        schema: {
          properties: { tier: { type: 'enum', enum: ['gold', 'silver'] } },
        },
      }),
    });
    const result = await importPortCommand(['port/entities'], {
      blueprints: ['port/blueprints'],
      out: 'catalog',
      cwd: dir.path,
    });
    expect(result.exitCode).toBe(0);
    expect(result.stderr).toMatch(
      /^port\/blueprints\/Domain\.json: \/schema\/properties\/tier\/type: warning: /,
    );
    expect(dir.content({ path: 'catalog' })).toHaveProperty([
      'catalog-info.yaml',
    ]);
  });
});
