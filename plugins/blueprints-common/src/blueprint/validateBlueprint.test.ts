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

    it('warns of an unknown keyword, near misses named, with what the type accepts', () => {
      const value = withProperty({ type: 'string', minLenght: 2 });
      const result = validateBlueprint(value, 'bp.json');
      expect(result.blueprint).toBe(value);
      expect(result.problems).toEqual([
        {
          source: 'bp.json',
          pointer: '/schema/properties/p/minLenght',
          severity: 'warning',
          message:
            'unknown keyword "minLenght" is kept as written, but Plinth does not check or use it (did you mean "minLength"?); a string property accepts type, title, description, icon, default, format, spec, specAuthentication, enum, enumColors, minLength, maxLength, pattern',
        },
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

  describe('names every JavaScript object has are ordinary unknown names', () => {
    // JSON.parse, as a request body or a file is read: `__proto__` is then
    // an own key, not the object's prototype.
    const json = (text: string) => JSON.parse(text);

    it.each([
      '__proto__',
      'constructor',
      'toString',
      'hasOwnProperty',
      'valueOf',
    ])('a property of type %s is an unknown type, not a crash', name => {
      expect(
        problemsOf(
          json(
            `{"identifier":"x","schema":{"properties":{"p":{"type":"${name}"}}}}`,
          ),
        ),
      ).toEqual([
        `/schema/properties/p/type: type must be one of string, number, boolean, object, array; got "${name}"`,
      ]);
      expect(
        problemsOf(
          json(
            `{"identifier":"x","schema":{"properties":{"p":{"type":"array","items":{"type":"${name}"}}}}}`,
          ),
        ),
      ).toEqual([
        `/schema/properties/p/items/type: type must be one of string, number, boolean, object, array; got "${name}"`,
      ]);
    });

    it('a format or spec of such a name is an unknown format or spec', () => {
      expect(
        problemsOf(withProperty({ type: 'string', format: 'constructor' })),
      ).toEqual([
        '/schema/properties/p/format: unknown format "constructor"; a string property accepts the formats date-time, url, email, idn-email, ipv4, ipv6, markdown, yaml, user, team, timer, proto, blueprints',
      ]);
      expect(
        problemsOf(withProperty({ type: 'string', spec: 'toString' })),
      ).toEqual([
        '/schema/properties/p/spec: unknown spec "toString"; a string property accepts the specs open-api, async-api, embedded-url',
      ]);
    });

    it('refuses such names as keys of properties, relations and derived properties', () => {
      const value = json(`{
        "identifier": "x",
        "schema": { "properties": { "__proto__": { "type": "string" }, "toString": { "type": "number" } } },
        "relations": { "constructor": { "target": "y" } },
        "mirrorProperties": { "valueOf": { "path": "constructor.$title" } },
        "calculationProperties": { "hasOwnProperty": { "type": "string", "calculation": ".identifier" } },
        "aggregationProperties": { "isPrototypeOf": { "target": "y", "calculationSpec": { "calculationBy": "entities", "func": "count" } } }
      }`);
      const reason =
        'is the name of a property every JavaScript object has (Object.prototype); choose another name';
      expect(problemsOf(value)).toEqual([
        `/schema/properties/__proto__: property key "__proto__" ${reason}`,
        `/schema/properties/toString: property key "toString" ${reason}`,
        `/relations/constructor: relation key "constructor" ${reason}`,
        `/mirrorProperties/valueOf: mirror property key "valueOf" ${reason}`,
        `/mirrorProperties/valueOf/path: path "constructor.$title": segment 1 "constructor" ${reason}`,
        `/calculationProperties/hasOwnProperty: calculation property key "hasOwnProperty" ${reason}`,
        `/aggregationProperties/isPrototypeOf: aggregation property key "isPrototypeOf" ${reason}`,
      ]);
    });

    it('refuses them as relation and aggregation targets, in mirror paths and aggregation specs', () => {
      const value = json(`{
        "identifier": "x",
        "schema": { "properties": {} },
        "relations": { "system": { "target": "__proto__" } },
        "mirrorProperties": { "domain": { "path": "system.toString" } },
        "aggregationProperties": {
          "total": {
            "target": "constructor",
            "calculationSpec": { "calculationBy": "property", "func": "sum", "property": "valueOf" },
            "pathFilter": [{ "path": ["__proto__"], "fromBlueprint": "prototype" }]
          }
        },
        "ownership": { "type": "Inherited", "path": "system.hasOwnProperty" }
      }`);
      const reason =
        'is the name of a property every JavaScript object has (Object.prototype); choose another name';
      expect(problemsOf(value)).toEqual([
        `/relations/system/target: target "__proto__" ${reason}`,
        `/mirrorProperties/domain/path: path "system.toString": segment 2 "toString" ${reason}`,
        `/aggregationProperties/total/target: target "constructor" ${reason}`,
        `/aggregationProperties/total/calculationSpec/property: property "valueOf" ${reason}`,
        `/aggregationProperties/total/pathFilter/0/fromBlueprint: fromBlueprint "prototype" ${reason}`,
        `/aggregationProperties/total/pathFilter/0/path/0: relation key "__proto__" ${reason}`,
        `/ownership/path: path "system.hasOwnProperty": segment 2 "hasOwnProperty" ${reason}`,
      ]);
    });

    it('an unknown keyword of such a name is an error, not a kept keyword', () => {
      expect(
        problemsOf(
          json(
            '{"identifier":"x","schema":{"properties":{"p":{"type":"string","__proto__":{"type":"number"}}}}}',
          ),
        ),
      ).toEqual([
        '/schema/properties/p/__proto__: unknown keyword "__proto__": it is the name of a property every JavaScript object has (Object.prototype); remove it',
      ]);
    });

    it('schema.required and enumColors naming such names are ordinary mistakes', () => {
      expect(
        problemsOf(
          blueprint({
            schema: {
              properties: {
                p: {
                  type: 'string',
                  enum: ['a'],
                  enumColors: { constructor: 'red' },
                },
              },
              required: ['toString'],
            },
          }),
        ),
      ).toEqual([
        '/schema/properties/p/enumColors/constructor: enumColors names "constructor", which is not one of the enum values (a)',
        '/schema/required/0: schema.required lists "toString", which is not a property (properties: p)',
      ]);
    });
  });

  describe('identifiers, keys and free text are bounded', () => {
    it.each([
      ['../../etc/passwd', 'has a "." or ".." path segment'],
      ['a/../b', 'has a "." or ".." path segment'],
      ['./x', 'has a "." or ".." path segment'],
      ['..', 'may not be ".."'],
      ['__proto__', 'is the name of a property every JavaScript object has'],
      ['constructor', 'is the name of a property every JavaScript object has'],
      ['prototype', 'is the name of a property every JavaScript object has'],
      ['x'.repeat(10_000), 'must be at most 100 characters long; got 10000'],
      ['', 'must not be empty'],
    ])('the identifier %j is refused: %s', (identifier, reason) => {
      const [problem] = validateBlueprint(
        blueprint({ identifier }),
        'bp.json',
      ).problems;
      expect(problem.pointer).toBe('/identifier');
      expect(problem.message).toContain(reason);
      expect(problem.message).toMatch(/^identifier /);
    });

    it('accepts identifiers with dots and slashes that are not path segments', () => {
      for (const identifier of [
        'github.com/acme/cart',
        'a..b',
        'v1.2',
        'x'.repeat(100),
      ]) {
        expect(problemsOf(blueprint({ identifier }))).toEqual([]);
      }
    });

    it("bounds keys at 100 characters, as Port's API does", () => {
      const long = 'k'.repeat(101);
      expect(
        problemsOf(
          blueprint({
            schema: { properties: { ['k'.repeat(100)]: { type: 'string' } } },
            relations: { [long]: { target: 'y' } },
          }),
        ),
      ).toEqual([
        `/relations/${long}: relation key must be at most 100 characters long; got 101`,
      ]);
    });

    it('bounds titles at 200 characters and descriptions at 2,000', () => {
      expect(
        problemsOf(
          blueprint({
            title: 't'.repeat(201),
            description: 'd'.repeat(2001),
            schema: {
              properties: {
                p: {
                  type: 'string',
                  title: 't'.repeat(200),
                  description: 'd'.repeat(2001),
                },
              },
            },
            relations: { r: { target: 'y', title: 't'.repeat(250) } },
          }),
        ),
      ).toEqual([
        '/title: title must be at most 200 characters long; got 201',
        '/description: description must be at most 2000 characters long; got 2001',
        '/schema/properties/p/description: description must be at most 2000 characters long; got 2001',
        '/relations/r/title: title must be at most 200 characters long; got 250',
      ]);
    });
  });

  describe("Port's integrations", () => {
    /** The warnings of a blueprint, as `pointer: message` lines. */
    function warningsOf(value: unknown): string[] {
      return validateBlueprint(value, 'bp.json')
        .problems.filter(p => p.severity === 'warning')
        .map(p => `${p.pointer}: ${p.message}`);
    }

    // The shapes of Port's ArgoCD and AWS integration blueprints.
    const argoApplication = {
      identifier: 'argocdApplication',
      title: 'ArgoCD Application',
      schema: {
        properties: {
          healthStatus: {
            title: 'Health Status',
            type: 'enum',
            enum: [
              'Healthy',
              'Missing',
              'Suspended',
              'Degraded',
              'Progressing',
              'Unknown',
            ],
            enumColors: { Healthy: 'green', Degraded: 'red' },
          },
        },
      },
    };
    const awsBucket = {
      identifier: 'awsS3Bucket',
      title: 'S3 Bucket',
      schema: {
        properties: {
          creationDate: {
            title: 'Creation Date',
            type: 'string',
            format: 'date-time',
            dateFormat: 'YYYY-MM-DD',
          },
        },
      },
    };

    it('reads "type": "enum" with string values as a string enum, with a warning', () => {
      const result = validateBlueprint(argoApplication, 'argocd.json');
      expect(result.blueprint).toBe(argoApplication);
      expect(result.blueprint?.schema.properties.healthStatus.type).toBe(
        'enum',
      );
      expect(warningsOf(argoApplication)).toEqual([
        '/schema/properties/healthStatus/type: "type": "enum" is not one of Port\'s property types; it is kept as written and read as "type": "string" with these enum values',
      ]);
    });

    it('refuses "type": "enum" without string values', () => {
      expect(problemsOf(withProperty({ type: 'enum' }))).toEqual([
        '/schema/properties/p/type: "type": "enum" is read as a string enum, and needs an "enum" list of strings; or use one of string, number, boolean, object, array',
      ]);
      expect(
        problemsOf(withProperty({ type: 'enum', enum: ['a', 2] })),
      ).toEqual([
        '/schema/properties/p/enum/1: enum values of a "type": "enum" property must be strings; got number 2',
      ]);
      expect(
        problemsOf(withProperty({ type: 'enum', enum: ['a'], minimum: 1 })),
      ).toEqual([
        expect.stringContaining('read as "type": "string"'),
        expect.stringMatching(
          /^\/schema\/properties\/p\/minimum: minimum does not apply to a string property/,
        ),
      ]);
    });

    it('keeps an unknown keyword beside known ones, with a warning', () => {
      const result = validateBlueprint(awsBucket, 'aws.json');
      expect(result.blueprint).toBe(awsBucket);
      expect(result.blueprint?.schema.properties.creationDate).toHaveProperty(
        'dateFormat',
        'YYYY-MM-DD',
      );
      expect(result.problems).toEqual([
        {
          source: 'aws.json',
          pointer: '/schema/properties/creationDate/dateFormat',
          severity: 'warning',
          message: expect.stringMatching(
            /^unknown keyword "dateFormat" is kept as written, but Plinth does not check or use it; a string property accepts /,
          ),
        },
      ]);
    });

    it('an error beside a warning leaves the blueprint out', () => {
      const result = validateBlueprint(
        { ...awsBucket, identifier: '../x' },
        'aws.json',
      );
      expect(result.blueprint).toBeUndefined();
      expect(result.problems.map(p => p.severity ?? 'error')).toEqual([
        'warning',
        'error',
      ]);
    });
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
