import { EntityValidator } from './EntityValidator';
import type { Blueprint } from '../blueprint/types';
import { cartService, seedBlueprints } from '../__testUtils__/seed';

const validator = new EntityValidator(seedBlueprints());

/** Problems as `entity pointer: message` lines. */
function check(
  entity: unknown,
  options: { blueprint?: string; pointer?: string; exists?: any } = {},
  using: EntityValidator = validator,
): string[] {
  return using
    .validate(entity, { source: 'entities.json', ...options })
    .map(p => `${p.entity ?? '-'} ${p.pointer}: ${p.message}`);
}

describe('EntityValidator', () => {
  describe('accepts valid seed-shaped entities', () => {
    it.each([
      ['Component', cartService()],
      [
        'Component',
        {
          properties: { type: 'library' },
          relations: { system: 'Cart' },
          title: 'Core Kafka Library',
          identifier: 'CoreKafkaLibrary',
        },
      ],
      [
        'API',
        {
          identifier: 'CartAPI',
          title: 'Cart API',
          blueprint: 'API',
          properties: { type: 'Open API' },
          relations: { provider: 'CartService' },
          icon: 'Link',
        },
      ],
      [
        'Domain',
        {
          properties: {},
          relations: {},
          title: 'Orders',
          identifier: 'Orders',
        },
      ],
      [
        'Resource',
        {
          properties: { type: 'postgress' },
          relations: {},
          icon: 'GPU',
          title: 'Cart SQL database',
          identifier: 'cart-sql-sb',
        },
      ],
      [
        'System',
        {
          properties: {},
          relations: { domain: 'Orders' },
          identifier: 'Cart',
          title: 'Cart',
        },
      ],
    ])('%s %#', (blueprint, entity) => {
      expect(check(entity, { blueprint })).toEqual([]);
    });

    it('takes the blueprint from the entity when no option gives it', () => {
      expect(check(cartService())).toEqual([]);
    });

    it('accepts Port export fields, team forms and null values', () => {
      const entity = {
        ...cartService(),
        title: null,
        icon: null,
        team: ['payments', 'platform'],
        properties: { type: null },
        relations: { system: null, resources: [], providesApi: ['CartAPI'] },
        createdAt: '2024-01-01T00:00:00.000Z',
        updatedAt: '2024-01-01T00:00:00.000Z',
        createdBy: 'auth0|1',
        updatedBy: 'auth0|1',
      };
      expect(check(entity)).toEqual([]);
      expect(check({ ...cartService(), team: 'payments' })).toEqual([]);
      expect(check({ ...cartService(), team: null })).toEqual([]);
    });
  });

  describe('properties', () => {
    it('names the enum values on a wrong one', () => {
      const entity = { ...cartService(), properties: { type: 'servce' } };
      expect(check(entity, { pointer: '/3' })).toEqual([
        'Component:CartService /3/properties/type: property "type" must be one of service, library; got "servce"',
      ]);
    });

    it('rejects properties the blueprint does not define', () => {
      const entity = {
        ...cartService(),
        properties: { type: 'service', language: 'Go' },
      };
      expect(check(entity)).toEqual([
        'Component:CartService /properties/language: unknown property "language"; blueprint Component has the properties type',
      ]);
    });

    const service: Blueprint = {
      identifier: 'service',
      schema: {
        properties: {
          name: { type: 'string', minLength: 3, pattern: '^[a-z]' },
          replicas: { type: 'number', minimum: 1 },
          url: { type: 'string', format: 'url' },
          deployedAt: { type: 'string', format: 'date-time' },
          expires: { type: 'string', format: 'timer' },
          onCall: { type: 'string', format: 'user' },
          owner: { type: 'string', format: 'team' },
          readme: { type: 'string', format: 'markdown' },
          ip: { type: 'string', format: 'ipv4' },
          tags: { type: 'array', items: { type: 'string' }, maxItems: 2 },
          docs: { type: 'object', format: 'labeled-url' },
          public: { type: 'boolean' },
          tier: { type: 'string', default: 'bronze' },
        },
        required: ['name', 'tier'],
      },
      mirrorProperties: { domain: { path: 'system.$title' } },
      relations: { system: { target: 'System' } },
    };
    const serviceValidator = new EntityValidator([
      ...seedBlueprints(),
      service,
    ]);

    it('accepts values of every type and format', () => {
      const entity = {
        identifier: 'cart',
        properties: {
          name: 'cart',
          replicas: 2,
          url: 'https://cart.example.com/health',
          deployedAt: '2024-05-01T12:00:00Z',
          expires: '2024-06-01T00:00:00+02:00',
          onCall: 'jane@example.com',
          owner: 'payments',
          readme: '# Cart',
          ip: '10.0.0.1',
          tags: ['a', 'b'],
          docs: { url: 'https://docs.example.com', displayText: 'Docs' },
          public: false,
          domain: 'Orders',
        },
      };
      expect(check(entity, { blueprint: 'service' }, serviceValidator)).toEqual(
        [],
      );
    });

    it('says what each value should have been', () => {
      const entity = {
        identifier: 'cart',
        properties: {
          name: 'C',
          replicas: '2',
          url: 'cart.example.com',
          deployedAt: 'yesterday',
          onCall: 'jane',
          tags: ['a', 'b', 'c'],
          docs: { displayText: 'Docs' },
          public: 'no',
        },
      };
      expect(check(entity, { blueprint: 'service' }, serviceValidator)).toEqual(
        [
          'service:cart /properties/name: property "name" must be at least 3 characters long; got 1',
          'service:cart /properties/name: property "name" must match the pattern ^[a-z]; got "C"',
          'service:cart /properties/replicas: property "replicas" must be a number; got string "2"',
          'service:cart /properties/url: property "url" must be a URL (like https://example.com); got "cart.example.com"',
          'service:cart /properties/deployedAt: property "deployedAt" must be a date-time (ISO 8601, like 2024-05-01T12:00:00Z); got "yesterday"',
          `service:cart /properties/onCall: property "onCall" must be a user's email address; got "jane"`,
          'service:cart /properties/tags: property "tags" must have at most 2 items; got 3',
          'service:cart /properties/docs: property "docs" must have "url"',
          'service:cart /properties/public: property "public" must be a boolean; got string "no"',
        ],
      );
    });

    it('demands a value for a required property, null included, unless it has a default', () => {
      expect(
        check(
          { identifier: 'cart', properties: { name: null } },
          { blueprint: 'service' },
          serviceValidator,
        ),
      ).toEqual([
        'service:cart /properties/name: property "name" is required; got null',
      ]);
      expect(
        check(
          { identifier: 'cart' },
          { blueprint: 'service' },
          serviceValidator,
        ),
      ).toEqual(['service:cart /properties/name: property "name" is required']);
    });
  });

  describe('relations', () => {
    it('refuses too many targets for a single relation', () => {
      const entity = {
        ...cartService(),
        relations: { system: ['Cart', 'Products'] },
      };
      expect(check(entity)).toEqual([
        'Component:CartService /relations/system: too many targets: relation system takes one System, got 2',
      ]);
    });

    it('accepts a single relation given as a one-item array', () => {
      expect(
        check({ ...cartService(), relations: { system: ['Cart'] } }),
      ).toEqual([]);
    });

    it('demands a required relation', () => {
      expect(
        check({ identifier: 'Cart', relations: {} }, { blueprint: 'System' }),
      ).toEqual([
        'System:Cart /relations/domain: relation domain is required: give the identifier of one Domain',
      ]);
      expect(
        check(
          { identifier: 'Cart', relations: { domain: null } },
          { blueprint: 'System' },
        ),
      ).toEqual([
        'System:Cart /relations/domain: relation domain is required: give the identifier of one Domain; got null',
      ]);
      expect(
        check(
          { identifier: 'Cart', relations: { domain: [] } },
          { blueprint: 'System' },
        ),
      ).toEqual([
        'System:Cart /relations/domain: relation domain is required: give the identifier of one Domain; got an array of 0 items',
      ]);
    });

    it('rejects relations the blueprint does not define, and bad targets', () => {
      const entity = {
        ...cartService(),
        relations: {
          sytem: 'Cart',
          resources: ['cart sql', 7],
          consumesApi: {},
        },
      };
      expect(check(entity)).toEqual([
        'Component:CartService /relations/sytem: unknown relation "sytem"; blueprint Component has the relations system, resources, consumesApi, components, providesApi',
        'Component:CartService /relations/resources/0: relation resources target is not an identifier: "cart sql" may contain only letters, digits and @ _ . + : / = -',
        'Component:CartService /relations/resources/1: relation resources targets must be Resource identifiers (strings); got number',
        'Component:CartService /relations/consumesApi: relation consumesApi must be a list of API identifiers; got object',
      ]);
    });

    it('checks that targets exist when asked to', () => {
      const known = new Set([
        'System:Cart',
        'Component:CorePaymentLibrary',
        'Resource:cart-sql-sb',
      ]);
      const exists = (blueprint: string, id: string) =>
        known.has(`${blueprint}:${id}`);
      expect(check(cartService(), { exists })).toEqual([
        'Component:CartService /relations/components/1: relation components points to Component "CoreKafkaLibrary", which does not exist',
      ]);
    });
  });

  describe('the entity itself', () => {
    it('names the characters an identifier may hold', () => {
      expect(check({ ...cartService(), identifier: 'Cart Service' })).toEqual([
        'Component:Cart Service /identifier: identifier "Cart Service" may contain only letters, digits and @ _ . + : / = -',
      ]);
      expect(check({ ...cartService(), identifier: undefined })).toEqual([
        'Component : missing "identifier"',
      ]);
    });

    it('needs a blueprint from the entity or the options', () => {
      const { blueprint, ...entity } = cartService();
      expect(blueprint).toBe('Component');
      expect(check(entity)).toEqual([
        'CartService : missing "blueprint": the entity names no blueprint, and none was given for its file',
      ]);
      expect(check({ ...entity, blueprint: 'Service' })).toEqual([
        'Service:CartService /blueprint: unknown blueprint "Service"; known blueprints: Domain, System, Resource, API, Component',
      ]);
      expect(check(cartService(), { blueprint: 'System' })).toEqual([
        'System:CartService /blueprint: blueprint "Component" does not match "System", the blueprint this entity is read as',
      ]);
    });

    it('checks title, icon, team and unknown keys', () => {
      const entity = { ...cartService(), title: 3, team: [1], owner: 'x' };
      expect(check(entity)).toEqual([
        'Component:CartService /title: title must be a string or null; got number',
        'Component:CartService /team/0: team must be a team name (string); got number',
        'Component:CartService /owner: unknown key "owner"; an entity has identifier, title, icon, blueprint, team, properties and relations',
      ]);
      expect(check([cartService()])).toEqual([
        '- : an entity must be a JSON object; got array',
      ]);
    });
  });

  describe('names every JavaScript object has', () => {
    // As a file or a request body is read: `__proto__` an own key.
    const json = (text: string) => JSON.parse(text);

    it.each([
      '__proto__',
      'constructor',
      'toString',
      'hasOwnProperty',
      'valueOf',
    ])('a property named %s is an unknown property', name => {
      const entity = json(
        `{"identifier":"CartService","properties":{"type":"service","${name}":1}}`,
      );
      expect(check(entity, { blueprint: 'Component' })).toEqual([
        `Component:CartService /properties/${name}: unknown property "${name}"; blueprint Component has the properties type`,
      ]);
    });

    it.each(['__proto__', 'constructor', 'toString'])(
      'a relation named %s is an unknown relation',
      name => {
        const entity = json(
          `{"identifier":"CartService","relations":{"${name}":"Cart"}}`,
        );
        expect(check(entity, { blueprint: 'Component' })).toEqual([
          `Component:CartService /relations/${name}: unknown relation "${name}"; blueprint Component has the relations system, resources, consumesApi, components, providesApi`,
        ]);
      },
    );

    it('refuses such names, and path segments, as identifiers and relation targets', () => {
      const reason =
        'is the name of a property every JavaScript object has (Object.prototype); choose another name';
      expect(check({ ...cartService(), identifier: 'constructor' })).toEqual([
        `Component:constructor /identifier: identifier "constructor" ${reason}`,
      ]);
      expect(
        check({
          ...cartService(),
          identifier: '../../etc/passwd',
          relations: { system: '__proto__', resources: ['a/../b'] },
        }),
      ).toEqual([
        'Component:../../etc/passwd /identifier: identifier "../../etc/passwd" has a "." or ".." path segment; identifiers appear in URL paths and file names, where those lead elsewhere',
        `Component:../../etc/passwd /relations/system: relation system target is not an identifier: "__proto__" ${reason}`,
        'Component:../../etc/passwd /relations/resources/0: relation resources target is not an identifier: "a/../b" has a "." or ".." path segment; identifiers appear in URL paths and file names, where those lead elsewhere',
      ]);
    });

    it("bounds entity identifiers at Port's 1,000 characters", () => {
      expect(check({ ...cartService(), identifier: 'x'.repeat(1000) })).toEqual(
        [],
      );
      expect(
        check({ ...cartService(), identifier: 'x'.repeat(1001) }).map(line =>
          line.replace(/x{20,}/, 'x…'),
        ),
      ).toEqual([
        'Component:x… /identifier: identifier must be at most 1000 characters long; got 1001',
      ]);
    });
  });

  it('checks a "type": "enum" property as a string enum', () => {
    const application = {
      identifier: 'argocdApplication',
      schema: {
        properties: {
          healthStatus: { type: 'enum', enum: ['Healthy', 'Degraded'] },
        },
        required: ['healthStatus'],
      },
    } as unknown as Blueprint;
    const using = new EntityValidator([application]);
    const options = { blueprint: 'argocdApplication' };
    expect(
      check(
        { identifier: 'cart', properties: { healthStatus: 'Healthy' } },
        options,
        using,
      ),
    ).toEqual([]);
    expect(
      check(
        { identifier: 'cart', properties: { healthStatus: 'Sick' } },
        options,
        using,
      ),
    ).toEqual([
      'argocdApplication:cart /properties/healthStatus: property "healthStatus" must be one of Healthy, Degraded; got "Sick"',
    ]);
    expect(
      check(
        { identifier: 'cart', properties: { healthStatus: 3 } },
        options,
        using,
      ),
    ).toEqual([
      'argocdApplication:cart /properties/healthStatus: property "healthStatus" must be a string; got number 3',
      'argocdApplication:cart /properties/healthStatus: property "healthStatus" must be one of Healthy, Degraded; got 3',
    ]);
  });

  it('reports, rather than throws, when an unvalidated blueprint does not compile', () => {
    const broken = {
      identifier: 'broken',
      schema: { properties: { p: { type: 'object', properties: { q: 5 } } } },
    } as unknown as Blueprint;
    const using = new EntityValidator([broken]);
    expect(
      check(
        { identifier: 'x', properties: { p: {} } },
        { blueprint: 'broken' },
        using,
      ),
    ).toEqual([
      expect.stringMatching(
        /^broken:x \/properties: blueprint broken cannot check properties: its schema does not compile \(.+\)$/,
      ),
    ]);
  });
});
