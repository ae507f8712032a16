import { validateBlueprint } from './validateBlueprint';
import { seedBlueprint, seedBlueprints } from '../__testUtils__/seed';

/** The problems of a blueprint, as `pointer: message` lines. */
function problemsOf(value: unknown): string[] {
  return validateBlueprint(value, 'bp.json').problems.map(
    p => `${p.pointer}: ${p.message}`,
  );
}

/** A minimal valid blueprint with the given extras. */
function blueprint(extra: Record<string, unknown> = {}): Record<string, any> {
  return {
    identifier: 'service',
    title: 'Service',
    schema: { properties: {}, required: [] },
    relations: {},
    ...extra,
  };
}

function withProperty(property: Record<string, unknown>): Record<string, any> {
  return blueprint({ schema: { properties: { p: property } } });
}

describe('validateBlueprint', () => {
  describe('accepts what Port accepts', () => {
    it.each(seedBlueprints().map(b => [b.identifier, b]))(
      'the seed-shaped %s blueprint',
      (_, value) => {
        expect(validateBlueprint(value, 'bp.json')).toEqual({
          blueprint: value,
          problems: [],
        });
      },
    );

    it('a blueprint as Port exports it', () => {
      const exported = {
        ...seedBlueprint('System'),
        description: 'A group of components',
        ownership: { type: 'Direct' },
        teamInheritance: { path: 'domain' },
        changelogDestination: { type: 'WEBHOOK', url: 'https://example.com' },
        createdAt: '2024-01-01T00:00:00.000Z',
        createdBy: 'auth0|123',
        updatedAt: '2024-01-02T00:00:00.000Z',
        updatedBy: 'auth0|123',
      };
      expect(problemsOf(exported)).toEqual([]);
    });

    it('every property type, format and spec in its place', () => {
      const value = blueprint({
        schema: {
          properties: {
            lastDeploy: {
              type: 'string',
              format: 'date-time',
              title: 'Last deploy',
            },
            repo: { type: 'string', format: 'url', spec: 'open-api' },
            dashboard: {
              type: 'string',
              format: 'url',
              spec: 'embedded-url',
              specAuthentication: {
                clientId: 'c',
                authorizationUrl: 'https://a.example.com',
                tokenUrl: 'https://t.example.com',
              },
            },
            onCall: {
              type: 'string',
              format: 'user',
              default: 'me@example.com',
            },
            owners: {
              type: 'array',
              items: { type: 'string', format: 'team' },
            },
            links: {
              type: 'array',
              items: { type: 'object', format: 'labeled-url' },
            },
            docs: { type: 'object', format: 'labeled-url' },
            openApi: { type: 'object', spec: 'open-api' },
            language: {
              type: 'string',
              enum: ['Go', 'Python', null],
              enumColors: { Go: 'blue', Python: 'yellow' },
              minLength: 1,
              maxLength: 20,
              pattern: '^[A-Z]',
              default: 'Go',
            },
            replicas: {
              type: 'number',
              minimum: 0,
              maximum: 10,
              enum: [1, 2, 3],
              default: 2,
            },
            public: { type: 'boolean', default: false, icon: 'Lock' },
            config: {
              type: 'object',
              properties: { port: { type: 'number' } },
              additionalProperties: true,
              patternProperties: { '^S_': { type: 'string' } },
              default: { port: 8080 },
            },
            tags: {
              type: 'array',
              minItems: 0,
              maxItems: 5,
              uniqueItems: true,
            },
          },
          required: ['language'],
        },
        relations: {
          system: { target: 'System', required: true, many: false },
          dependsOn: { target: 'service', required: false, many: true },
        },
        mirrorProperties: {
          domainName: { title: 'Domain', path: 'system.domain.$title' },
        },
        calculationProperties: {
          slack: {
            title: 'Slack',
            calculation: '"https://slack.com/" + .identifier',
            type: 'string',
            format: 'url',
          },
          status: {
            calculation: '.properties.language',
            type: 'string',
            colorized: true,
            colors: { Go: 'green' },
          },
          summary: {
            calculation: '.properties.readme',
            type: 'string',
            spec: 'markdown',
          },
        },
        aggregationProperties: {
          openIssues: {
            title: 'Open issues',
            target: 'issue',
            calculationSpec: { calculationBy: 'entities', func: 'count' },
            query: { combinator: 'and', rules: [] },
          },
          weeklyDeploys: {
            target: 'deployment',
            type: 'number',
            calculationSpec: {
              calculationBy: 'entities',
              func: 'average',
              averageOf: 'week',
              measureTimeBy: '$createdAt',
            },
          },
          storyPoints: {
            target: 'issue',
            calculationSpec: {
              calculationBy: 'property',
              func: 'sum',
              property: 'points',
            },
            pathFilter: [{ path: ['system'], fromBlueprint: 'System' }],
          },
        },
        ownership: { type: 'Inherited', path: 'system' },
      });
      expect(problemsOf(value)).toEqual([]);
    });
  });

  describe('identifier', () => {
    it('names the characters Port allows', () => {
      expect(problemsOf(blueprint({ identifier: 'my service' }))).toEqual([
        '/identifier: identifier "my service" may contain only letters, digits and @ _ . + : / = -',
      ]);
    });

    it('accepts every allowed character', () => {
      expect(
        problemsOf(blueprint({ identifier: 'a-Z_0.9@x+y:z/w=v' })),
      ).toEqual([]);
    });

    it('refuses . and .. and more than 100 characters', () => {
      expect(problemsOf(blueprint({ identifier: '..' }))).toEqual([
        '/identifier: identifier may not be ".."',
      ]);
      expect(problemsOf(blueprint({ identifier: 'x'.repeat(101) }))).toEqual([
        '/identifier: identifier must be at most 100 characters long; got 101',
      ]);
    });

    it('is required, as is schema.properties', () => {
      expect(problemsOf({ schema: {} })).toEqual([
        `: missing "identifier": the blueprint's identifier (letters, digits and @ _ . + : / = -)`,
        '/schema: missing "properties": an object of property definitions (may be {})',
      ]);
    });
  });

  describe('shape', () => {
    it('names an unknown top-level key', () => {
      expect(problemsOf(blueprint({ propertes: {} }))).toEqual([
        '/propertes: unknown top-level key "propertes"; a blueprint has identifier, title, icon, description, schema, relations, mirrorProperties, calculationProperties, aggregationProperties, formulaProperties, ownership, teamInheritance, changelogDestination, createdAt, updatedAt, createdBy, updatedBy',
      ]);
    });

    it('accepts only {} as formulaProperties', () => {
      expect(problemsOf(blueprint({ formulaProperties: { f: {} } }))).toEqual([
        "/formulaProperties: formulaProperties is no longer part of Port's format; only {} is accepted (use calculationProperties)",
      ]);
    });

    it('says which type a field must have', () => {
      expect(problemsOf(blueprint({ title: 3 }))).toEqual([
        '/title: title must be a string; got number',
      ]);
      expect(problemsOf([blueprint()])).toEqual([
        ': a blueprint must be an object; got array',
      ]);
    });
  });

  describe('properties', () => {
    it('lists the types Port accepts for an unknown type', () => {
      expect(problemsOf(withProperty({ type: 'strng' }))).toEqual([
        '/schema/properties/p/type: type must be one of string, number, boolean, object, array; got "strng"',
      ]);
      expect(problemsOf(withProperty({ title: 'P' }))).toEqual([
        '/schema/properties/p: missing "type": one of string, number, boolean, object, array',
      ]);
    });

    it('lists the formats Port accepts for an unknown format', () => {
      expect(
        problemsOf(withProperty({ type: 'string', format: 'datetime' })),
      ).toEqual([
        '/schema/properties/p/format: unknown format "datetime"; a string property accepts the formats date-time, url, email, idn-email, ipv4, ipv6, markdown, yaml, user, team, timer, proto, blueprints',
      ]);
      expect(
        problemsOf(
          withProperty({
            type: 'array',
            items: { type: 'string', format: 'labeled-url' },
          }),
        ),
      ).toEqual([
        '/schema/properties/p/items/format: unknown format "labeled-url" (labeled-url is a format for objects); string items accept the formats date-time, url, email, idn-email, ipv4, ipv6, markdown, yaml, user, team, timer, proto, blueprints',
      ]);
    });

    it('refuses keywords on the wrong type', () => {
      expect(
        problemsOf(withProperty({ type: 'number', minLength: 2 })),
      ).toEqual([
        '/schema/properties/p/minLength: minLength does not apply to a number property, which accepts type, title, description, icon, default, enum, enumColors, minimum, maximum, exclusiveMinimum, exclusiveMaximum',
      ]);
      expect(
        problemsOf(withProperty({ type: 'boolean', format: 'url' })),
      ).toEqual([
        '/schema/properties/p/format: format does not apply to a boolean property, which accepts type, title, description, icon, default',
      ]);
    });

    it('names an unknown keyword with what the type accepts', () => {
      expect(
        problemsOf(withProperty({ type: 'string', minLenght: 2 })),
      ).toEqual([
        '/schema/properties/p/minLenght: unknown keyword "minLenght"; a string property accepts type, title, description, icon, default, format, spec, specAuthentication, enum, enumColors, minLength, maxLength, pattern',
      ]);
    });

    it('checks spec per type', () => {
      expect(
        problemsOf(withProperty({ type: 'string', spec: 'openapi' })),
      ).toEqual([
        '/schema/properties/p/spec: unknown spec "openapi"; a string property accepts the specs open-api, async-api, embedded-url',
      ]);
      expect(
        problemsOf(withProperty({ type: 'object', spec: 'embedded-url' })),
      ).toEqual([
        '/schema/properties/p/spec: unknown spec "embedded-url"; an object property accepts the specs open-api, async-api',
      ]);
    });

    it('checks enum values and colours', () => {
      expect(
        problemsOf(
          withProperty({
            type: 'string',
            enum: ['service', 1, 'service'],
            enumColors: { service: 'blue', library: 'green' },
          }),
        ),
      ).toEqual([
        '/schema/properties/p/enum/1: enum values of a string property must be strings; got number 1',
        '/schema/properties/p/enum/2: enum lists "service" twice',
        '/schema/properties/p/enumColors/library: enumColors names "library", which is not one of the enum values (service, 1)',
      ]);
    });

    it('requires a pattern that compiles and a default that fits', () => {
      // The reason after the colon is the JavaScript engine's.
      expect(
        problemsOf(withProperty({ type: 'string', pattern: '([a-z]' })),
      ).toEqual([
        expect.stringMatching(
          /^\/schema\/properties\/p\/pattern: pattern is not a valid regular expression: .*Unterminated group/,
        ),
      ]);
      expect(
        problemsOf(
          withProperty({
            type: 'string',
            enum: ['service', 'library'],
            default: 'app',
          }),
        ),
      ).toEqual([
        '/schema/properties/p/default: default must be one of service, library; got "app" (the default must satisfy the property)',
      ]);
      expect(
        problemsOf(withProperty({ type: 'number', default: '3' })),
      ).toEqual([
        '/schema/properties/p/default: default must be a number; got string "3" (the default must satisfy the property)',
      ]);
    });

    it('explains where required belongs', () => {
      expect(
        problemsOf(withProperty({ type: 'string', required: true })),
      ).toEqual([
        '/schema/properties/p/required: "required": true is not how Port marks a required property; list its key in schema.required',
      ]);
    });

    it('checks property keys and schema.required', () => {
      const value = blueprint({
        schema: {
          properties: { 'my prop': { type: 'string' } },
          required: ['name'],
        },
      });
      expect(problemsOf(value)).toEqual([
        '/schema/properties/my prop: property key "my prop" may contain only letters, digits and @ _ = -',
        '/schema/required/0: schema.required lists "name", which is not a property (properties: my prop)',
      ]);
    });
  });

  describe('relations', () => {
    it('refuses a relation that is required and many', () => {
      expect(
        problemsOf(
          blueprint({
            relations: {
              deps: { target: 'service', required: true, many: true },
            },
          }),
        ),
      ).toEqual([
        '/relations/deps: a relation cannot be both required and many (Port rejects it): a required relation takes exactly one target',
      ]);
    });

    it('requires a target and names unknown keys', () => {
      expect(
        problemsOf(
          blueprint({
            relations: { system: { title: 'System', requried: true } },
          }),
        ),
      ).toEqual([
        '/relations/system: missing "target": the identifier of the blueprint it points to',
        '/relations/system/requried: unknown key "requried"; expected target, title, description, required, many',
      ]);
    });
  });

  describe('mirror, calculation and aggregation properties', () => {
    const system = { system: { target: 'System' } };

    it('requires a mirror path through a relation of this blueprint', () => {
      expect(
        problemsOf(
          blueprint({
            relations: system,
            mirrorProperties: {
              a: { path: 'system' },
              b: { path: 'domain.$title' },
              c: { path: 'system.$name' },
            },
          }),
        ),
      ).toEqual([
        '/mirrorProperties/a/path: path "system" must lead through at least one relation: <relation>.<property>, like "system.$title"',
        '/mirrorProperties/b/path: path "domain.$title" starts with "domain", which is not a relation of this blueprint (relations: system)',
        '/mirrorProperties/c/path: path "system.$name" ends with "$name", which is not a meta-property; meta-properties are $identifier, $title, $team, $blueprint, $icon, $createdAt, $updatedAt, $createdBy, $updatedBy',
      ]);
    });

    it('checks calculation properties', () => {
      expect(
        problemsOf(
          blueprint({
            calculationProperties: {
              a: { type: 'string' },
              b: { type: 'number', calculation: '1', format: 'url' },
            },
          }),
        ),
      ).toEqual([
        '/calculationProperties/a: missing "calculation": a jq expression',
        '/calculationProperties/b/format: format does not apply to a number calculation property',
      ]);
    });

    it('checks aggregation calculation specs', () => {
      expect(
        problemsOf(
          blueprint({
            aggregationProperties: {
              a: {
                target: 'x',
                calculationSpec: { calculationBy: 'entities', func: 'sum' },
              },
              b: {
                target: 'x',
                calculationSpec: { calculationBy: 'entities', func: 'average' },
              },
              c: {
                target: 'x',
                calculationSpec: { calculationBy: 'property', func: 'max' },
              },
              d: {
                target: 'x',
                calculationSpec: { calculationBy: 'things', func: 'count' },
              },
            },
          }),
        ),
      ).toEqual([
        '/aggregationProperties/d/calculationSpec/calculationBy: calculationBy must be one of entities, property; got "things"',
        '/aggregationProperties/a/calculationSpec/func: func "sum" needs "calculationBy": "property"; with "calculationBy": "entities" func is count or average',
        '/aggregationProperties/b/calculationSpec: missing "averageOf": an average of entities is per hour, day, week, month or total',
        '/aggregationProperties/c/calculationSpec: missing "property": the number property of the target blueprint to aggregate',
      ]);
    });

    it('checks ownership', () => {
      expect(
        problemsOf(blueprint({ ownership: { type: 'Inherited' } })),
      ).toEqual([
        '/ownership: missing "path": Inherited ownership follows a dot path of relations to the blueprint whose team owns these entities',
      ]);
      expect(
        problemsOf(blueprint({ ownership: { type: 'Direct', path: 'x' } })),
      ).toEqual([
        '/ownership/path: path is only used with "type": "Inherited"',
      ]);
      expect(problemsOf(blueprint({ ownership: { type: 'Shared' } }))).toEqual([
        '/ownership/type: type must be one of Direct, Inherited; got "Shared"',
      ]);
    });
  });

  it('reports a key clash at its second occurrence', () => {
    const value = {
      identifier: 'Component',
      relations: { system: { target: 'System' } },
      schema: { properties: { system: { type: 'string' } } },
      mirrorProperties: { system: { path: 'system.$title' } },
    };
    expect(problemsOf(value)).toEqual([
      '/schema/properties/system: "system" is already the key of a relation (/relations/system); properties, relations, mirror, calculation and aggregation properties need different keys',
      '/mirrorProperties/system: "system" is already the key of a relation (/relations/system); properties, relations, mirror, calculation and aggregation properties need different keys',
    ]);
  });

  it('prefixes pointers with the blueprint position in its document', () => {
    expect(
      validateBlueprint(blueprint({ title: 1 }), 'all.json', { pointer: '/2' })
        .problems,
    ).toEqual([
      {
        source: 'all.json',
        pointer: '/2/title',
        message: 'title must be a string; got number',
      },
    ]);
  });
});
