import { cartService, seedBlueprints } from './__testUtils__/seed';
import { validatePortDocuments } from './validatePortDocuments';

const blueprintDocuments = () =>
  seedBlueprints().map(value => ({
    value,
    source: `blueprints/${value.identifier}.json`,
  }));

const entity = (
  blueprint: string,
  value: Record<string, unknown>,
  source = `entities/${blueprint}/${value.identifier}.json`,
) => ({ value, source, blueprintHint: blueprint });

describe('validatePortDocuments', () => {
  it('keeps seed-shaped blueprints and entities, the folder giving the blueprint', () => {
    const result = validatePortDocuments(
      {
        blueprints: blueprintDocuments(),
        entities: [
          entity('Domain', { identifier: 'Orders', title: 'Orders' }),
          entity('System', {
            identifier: 'Cart',
            relations: { domain: 'Orders' },
          }),
          entity('Resource', {
            identifier: 'cart-sql-sb',
            properties: { type: 'postgress' },
          }),
          entity('Component', {
            identifier: 'CorePaymentLibrary',
            properties: { type: 'library' },
            relations: { system: 'Cart' },
          }),
          entity('Component', {
            identifier: 'CoreKafkaLibrary',
            properties: { type: 'library' },
            relations: { system: 'Cart' },
          }),
          entity('Component', cartService()),
        ],
      },
      { checkRelationTargets: true },
    );
    expect(result.problems).toEqual([]);
    expect(result.blueprints).toHaveLength(5);
    expect(
      result.entities.map(e => `${e.blueprint}:${e.entity.identifier}`),
    ).toEqual([
      'Domain:Orders',
      'System:Cart',
      'Resource:cart-sql-sb',
      'Component:CorePaymentLibrary',
      'Component:CoreKafkaLibrary',
      'Component:CartService',
    ]);
  });

  it('checks relation targets only when asked to', () => {
    const documents = {
      blueprints: blueprintDocuments(),
      entities: [
        entity('System', {
          identifier: 'Cart',
          relations: { domain: 'Orders' },
        }),
      ],
    };
    expect(validatePortDocuments(documents).problems).toEqual([]);
    expect(
      validatePortDocuments(documents, { checkRelationTargets: true }),
    ).toMatchObject({
      entities: [],
      problems: [
        {
          source: 'entities/System/Cart.json',
          pointer: '/relations/domain',
          entity: 'System:Cart',
          message: expect.stringContaining('Orders'),
        },
      ],
    });
  });

  it('rejects an identifier given twice, naming both places', () => {
    const result = validatePortDocuments({
      blueprints: blueprintDocuments(),
      entities: [
        entity('Domain', { identifier: 'Orders' }, 'a.json'),
        entity('Domain', { identifier: 'Orders' }, 'b.json'),
      ],
    });
    expect(result.entities.map(e => e.source)).toEqual(['a.json']);
    expect(result.problems).toEqual([
      {
        source: 'b.json',
        pointer: '',
        entity: 'Domain:Orders',
        message: 'the identifier is given twice: also in a.json',
      },
    ]);
  });

  it('leaves out both identifiers that meet on one Backstage name', () => {
    const result = validatePortDocuments({
      blueprints: blueprintDocuments(),
      entities: [
        entity('Domain', { identifier: 'Orders' }),
        entity('Domain', { identifier: 'orders' }),
        entity('Domain', { identifier: 'Payments' }),
      ],
    });
    expect(result.entities.map(e => e.entity.identifier)).toEqual(['Payments']);
    expect(result.problems).toEqual([
      expect.objectContaining({
        entity: 'Domain:orders',
        message: expect.stringContaining('maps onto the same Backstage name'),
      }),
    ]);
  });

  it('drops the entities of a blueprint that cannot be applied', () => {
    const blueprints = blueprintDocuments();
    // System's relation points at a blueprint that does not exist.
    (blueprints[1].value.relations as any).domain.target = 'Domian';
    const result = validatePortDocuments({
      blueprints,
      entities: [entity('System', { identifier: 'Cart' })],
    });
    expect(result.blueprints.map(b => b.identifier)).not.toContain('System');
    expect(result.entities).toEqual([]);
    expect(result.problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          source: 'blueprints/System.json',
          pointer: '/relations/domain/target',
        }),
        {
          source: 'entities/System/Cart.json',
          pointer: '',
          entity: 'System:Cart',
          message:
            'not applied: its blueprint "System" is invalid (see the blueprint\'s problems)',
        },
      ]),
    );
  });

  describe("blueprints of Port's integrations, with warnings", () => {
    const application = {
      identifier: 'argocdApplication',
      schema: {
        properties: {
          healthStatus: { type: 'enum', enum: ['Healthy', 'Degraded'] },
        },
      },
    };

    it('keeps their entities, checked as string enums, and reports the warnings', () => {
      const result = validatePortDocuments({
        blueprints: [{ value: application, source: 'argocd.json' }],
        entities: [
          entity('argocdApplication', {
            identifier: 'cart',
            properties: { healthStatus: 'Healthy' },
          }),
          entity('argocdApplication', {
            identifier: 'kafka',
            properties: { healthStatus: 'healthy' },
          }),
        ],
      });
      expect(result.blueprints).toEqual([application]);
      expect(result.entities.map(e => e.entity.identifier)).toEqual(['cart']);
      expect(result.problems).toEqual([
        expect.objectContaining({
          source: 'argocd.json',
          pointer: '/schema/properties/healthStatus/type',
          severity: 'warning',
        }),
        expect.objectContaining({
          entity: 'argocdApplication:kafka',
          pointer: '/properties/healthStatus',
          message:
            'property "healthStatus" must be one of Healthy, Degraded; got "healthy"',
        }),
      ]);
    });

    it('does not repeat the warnings of blueprints already known', () => {
      const result = validatePortDocuments(
        {
          blueprints: [],
          entities: [
            entity('argocdApplication', {
              identifier: 'cart',
              properties: { healthStatus: 'Healthy' },
            }),
          ],
        },
        { knownBlueprints: [application as any] },
      );
      expect(result.problems).toEqual([]);
      expect(result.entities).toHaveLength(1);
    });
  });
});
