import { PortEntity } from '../entity/types';
import {
  backstageEntityToPort,
  portEntitiesToBackstage,
  portEntityToBackstage,
} from './portEntity';
import {
  cartService as seedCartService,
  seedBlueprints,
} from '../__testUtils__/seed';
import { Blueprint } from '../blueprint/types';

// The seed's blueprints, the API one with a property that holds its
// OpenAPI document, and a custom blueprint.
const pullRequest: Blueprint = {
  identifier: 'pull-request',
  title: 'Pull Request',
  schema: {
    properties: {
      status: { type: 'string', enum: ['open', 'merged'] },
      leadTimeHours: { type: 'number' },
    },
  },
  relations: { service: { target: 'Component', required: true } },
};
const blueprints = new Map(
  [...seedBlueprints(), pullRequest].map(b => [b.identifier, b]),
);
blueprints.get('API')!.schema.properties.openapi = {
  type: 'string',
  format: 'yaml',
  spec: 'open-api',
};

const cartService = seedCartService() as PortEntity;

describe('portEntityToBackstage', () => {
  it('maps a Component onto the native kind and its relations onto native fields', () => {
    const entity = portEntityToBackstage(cartService, 'Component', {
      blueprints,
    });
    expect(entity).toMatchObject({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: {
        name: 'CartService',
        namespace: 'default',
        title: 'Cart Service',
        annotations: {
          'plinth.dev/blueprint': 'Component',
          'plinth.dev/identifier': 'CartService',
        },
      },
      spec: {
        type: 'service',
        lifecycle: 'unknown',
        owner: 'group:default/unknown',
        system: 'system:default/Cart',
        dependsOn: [
          'resource:default/cart-sql-sb',
          'component:default/CorePaymentLibrary',
          'component:default/CoreKafkaLibrary',
        ],
      },
    });
    // An empty relation gives no native field.
    expect(entity.spec).not.toHaveProperty('consumesApis');
  });

  it('maps consumed and provided APIs by the relation name', () => {
    const products = portEntityToBackstage(
      {
        identifier: 'ProductsService',
        properties: { type: 'service' },
        relations: { system: 'Products', consumesApi: ['CartAPI'] },
      },
      'Component',
      { blueprints },
    );
    expect(products.spec?.consumesApis).toEqual(['api:default/CartAPI']);

    const cart = portEntityToBackstage(
      { identifier: 'CartService', relations: { providesApi: 'CartAPI' } },
      'Component',
      { blueprints },
    );
    expect(cart.spec?.providesApis).toEqual(['api:default/CartAPI']);
  });

  it('puts a System in its Domain and takes the owner from the team', () => {
    const system = portEntityToBackstage(
      {
        identifier: 'Cart',
        team: 'cart-team',
        relations: { domain: 'Orders' },
      },
      'System',
      { blueprints },
    );
    expect(system.spec).toMatchObject({
      owner: 'group:default/cart-team',
      domain: 'domain:default/Orders',
    });
  });

  it('gives an API the type the API docs render, and its definition when it has one', () => {
    const withoutDefinition = portEntityToBackstage(
      {
        identifier: 'CartAPI',
        title: 'Cart API',
        properties: { type: 'Open API' },
        relations: { provider: 'CartService' },
      },
      'API',
      { blueprints },
    );
    expect(withoutDefinition.spec).toMatchObject({
      type: 'openapi',
      lifecycle: 'unknown',
      owner: 'group:default/unknown',
    });
    expect(withoutDefinition.spec?.definition).toContain('no API definition');

    const definition =
      'openapi: 3.0.0\ninfo: { title: Cart, version: 1.0.0 }\n';
    const withDefinition = portEntityToBackstage(
      {
        identifier: 'CartAPI',
        properties: { type: 'grpc', openapi: definition },
      },
      'API',
      { blueprints },
    );
    expect(withDefinition.spec).toMatchObject({ type: 'openapi', definition });
  });

  it('makes any other blueprint a custom kind under Plinth’s apiVersion', () => {
    const entity = portEntityToBackstage(
      {
        identifier: 'acme/cart#42',
        title: 'Add coupons',
        team: ['cart-team', 'payments'],
        properties: { status: 'merged', leadTimeHours: 5.5 },
        relations: { service: 'CartService' },
      },
      'pull-request',
      { blueprints },
    );
    expect(entity.apiVersion).toBe('plinth.dev/v1alpha1');
    expect(entity.kind).toBe('PullRequest');
    expect(entity.metadata.name).toMatch(/^acme-cart-42-[0-9a-f]{8}$/);
    expect(entity.metadata.annotations?.['plinth.dev/identifier']).toBe(
      'acme/cart#42',
    );
    expect(entity.spec).toEqual({
      owner: 'group:default/cart-team',
      properties: { status: 'merged', leadTimeHours: 5.5 },
      relations: { service: 'CartService' },
      team: ['cart-team', 'payments'],
    });
  });

  it('refuses an unknown blueprint', () => {
    expect(() =>
      portEntityToBackstage({ identifier: 'x' }, 'Nope', { blueprints }),
    ).toThrow('there is no blueprint "Nope"');
  });
});

describe('backstageEntityToPort', () => {
  it.each([
    ['Component', cartService],
    [
      'pull-request',
      {
        identifier: 'acme/cart#42',
        title: 'Add coupons',
        blueprint: 'pull-request',
        team: ['cart-team'],
        icon: 'Github',
        properties: { status: 'open', leadTimeHours: null },
        relations: { service: 'CartService' },
        createdAt: '2026-11-01T10:00:00.000Z',
        updatedAt: '2026-11-02T10:00:00.000Z',
        createdBy: 'alice@example.com',
        updatedBy: 'bob@example.com',
      },
    ],
  ] as Array<[string, PortEntity]>)(
    'gives back the %s entity exactly',
    (blueprint, port) => {
      const entity = portEntityToBackstage(port, blueprint, { blueprints });
      // Through JSON, as the catalog stores it.
      const stored = JSON.parse(JSON.stringify(entity));
      expect(backstageEntityToPort(stored)).toEqual({ ...port, blueprint });
    },
  );

  it('ignores entities that did not come from a blueprint', () => {
    expect(
      backstageEntityToPort({
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: { name: 'plain' },
        spec: { type: 'service', owner: 'me', lifecycle: 'production' },
      }),
    ).toBeUndefined();
  });
});

describe('portEntitiesToBackstage', () => {
  // The seed's Cart API, provided by Cart Service, and Products Service
  // that consumes it.
  const cartApi: PortEntity = {
    identifier: 'CartAPI',
    title: 'Cart API',
    blueprint: 'API',
    properties: { type: 'Open API' },
    relations: { provider: 'CartService' },
    icon: 'Link',
  };
  const products: PortEntity = {
    identifier: 'ProductsService',
    blueprint: 'Component',
    properties: { type: 'service' },
    relations: { system: 'Products', consumesApi: ['CartAPI'] },
  };
  const seed = [
    { entity: cartApi, blueprint: 'API' },
    { entity: cartService, blueprint: 'Component' },
    { entity: products, blueprint: 'Component' },
  ];

  it("makes an API's provider the providing Component's native providesApis", () => {
    const [api, service, consumer] = portEntitiesToBackstage(seed, {
      blueprints,
    });
    expect(service.spec?.providesApis).toEqual(['api:default/CartAPI']);
    // Before Port's own data, with the other native fields.
    expect(Object.keys(service.spec!)).toEqual([
      'type',
      'lifecycle',
      'system',
      'dependsOn',
      'owner',
      'providesApis',
      'properties',
      'relations',
      'icon',
    ]);
    // The API keeps its Port relation; the consumer its own field.
    expect(api.spec?.relations).toEqual({ provider: 'CartService' });
    expect(consumer.spec?.consumesApis).toEqual(['api:default/CartAPI']);
    expect(consumer.spec).not.toHaveProperty('providesApis');
  });

  it('adds to a providesApis the Component has, without repeats', () => {
    const [, service] = portEntitiesToBackstage(
      [
        { entity: cartApi, blueprint: 'API' },
        {
          entity: { ...cartService, relations: { providesApi: 'CartAPI' } },
          blueprint: 'Component',
        },
      ],
      { blueprints },
    );
    expect(service.spec?.providesApis).toEqual(['api:default/CartAPI']);
  });

  it('leaves a provider that is not among the entities to the catalog module', () => {
    const [api] = portEntitiesToBackstage(
      [{ entity: cartApi, blueprint: 'API' }],
      {
        blueprints,
      },
    );
    expect(api).toEqual(portEntityToBackstage(cartApi, 'API', { blueprints }));
  });

  it('loses nothing on the way back: the API gives its provider relation back', () => {
    const mapped = portEntitiesToBackstage(seed, { blueprints });
    const back = mapped.map(entity =>
      backstageEntityToPort(JSON.parse(JSON.stringify(entity))),
    );
    expect(back).toEqual(
      seed.map(({ entity, blueprint }) => ({ ...entity, blueprint })),
    );
    expect(back[0]?.relations).toEqual({ provider: 'CartService' });
  });
});
