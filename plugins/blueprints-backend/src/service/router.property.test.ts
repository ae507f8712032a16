/*
 * Property-based tests of the blueprints API (issue 12, item 9): generated
 * bad blueprints and entities, each a valid document with one field broken
 * (wrong types, names of Object.prototype's properties, paths, over-long
 * text, missing fields, arrays for objects, nulls, deep nesting), and random
 * JSON, sent to the real router of a backend started once. Every answer is
 * below 500; definitely invalid input gets a 4xx (or, from the validation
 * route, `valid: false`) that names the field; and nothing of a rejected
 * request is stored.
 *
 * Bounded for CI (a fixed seed, PLINTH_PROPERTY_RUNS cases per route, 40
 * by default); a long run: PLINTH_PROPERTY_RUNS=2000.
 */

import {
  createMockDirectory,
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  ANNOTATION_BLUEPRINT,
  ANNOTATION_IDENTIFIER,
} from '@plinth/plugin-blueprints-common';
import fc from 'fast-check';
import request from 'supertest';
import {
  componentBlueprint,
  domainBlueprint,
  systemBlueprint,
} from '../__testUtils__/fixtures';
import {
  applyBreak,
  badIdentifier,
  badKey,
  Break,
  breakAt,
  deeplyNested,
  describeAnswer,
  ensure,
  expectNamesField,
  expectNamesPart,
  hostileObject,
  jsonText,
  keysOf,
  MISSING,
  namesField,
  otherThan,
  overLong,
  PATH_NAMES,
  propertyFailure,
  PROPERTY_TIMEOUT_MS,
  PROTOTYPE_NAMES,
  prototypeName,
  readTables,
  TestKnex,
} from '@plinth/backend-utils/testUtils';
import blueprintsPlugin from '../index';

jest.setTimeout(PROPERTY_TIMEOUT_MS);

const api = (path: string) => `/api/blueprints${path}`;

/** Where the backend keeps what the API changes. */
const TABLES = [
  'api_blueprints',
  'blueprint_versions',
  'applied_blueprints',
  'registry_state',
  'store_entities',
] as const;

/** The Domain the catalog has, for relations to point to. */
const ordersDomain = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Domain',
  metadata: {
    name: 'orders',
    annotations: {
      [ANNOTATION_BLUEPRINT]: 'Domain',
      [ANNOTATION_IDENTIFIER]: 'orders',
    },
  },
};

/** A valid blueprint using most of the format; each case breaks one field. */
function squad(identifier: string) {
  return {
    identifier,
    title: 'Squad',
    description: 'A team of people',
    icon: 'Team',
    schema: {
      properties: {
        size: { type: 'number', title: 'Size', minimum: 0 },
        lead: { type: 'string', title: 'Lead', format: 'user' },
        tier: { type: 'string', enum: ['gold', 'silver'] },
      },
      required: ['size'],
    },
    relations: {
      domain: { target: 'Domain', title: 'Domain', required: false },
    },
    mirrorProperties: {
      domainTitle: { title: 'Domain', path: 'domain.$title' },
    },
    calculationProperties: {
      label: { title: 'Label', calculation: '.title', type: 'string' },
    },
  };
}

/** A valid entity of the Component blueprint; each case breaks one field. */
function cart(identifier: string) {
  return {
    identifier,
    title: 'Cart',
    icon: 'Service',
    team: 'cart-team',
    properties: { type: 'service', language: 'TypeScript' },
    relations: { system: null },
  };
}

/** Values a string field of a blueprint never takes. */
const notText = fc.oneof(otherThan('string'), hostileObject, deeplyNested());

/**
 * One broken field of {@link squad}, definitely invalid. `put`: the body of
 * a replacement, whose missing identifier is the path's.
 */
function blueprintBreak(put: boolean): fc.Arbitrary<Break> {
  const property = ['schema', 'properties', 'size'];
  return fc.oneof(
    breakAt(
      ['identifier'],
      put
        ? fc.oneof(badIdentifier(100), notText)
        : fc.oneof(fc.constant(MISSING), badIdentifier(100), notText),
    ),
    breakAt(['title'], fc.oneof(notText, overLong(200))),
    breakAt(['description'], fc.oneof(notText, overLong(2000))),
    breakAt(['icon'], notText),
    breakAt(
      ['schema'],
      fc.oneof(
        fc.constant(MISSING),
        otherThan('object'),
        deeplyNested('arrays'),
      ),
    ),
    breakAt(
      ['schema', 'properties'],
      fc.oneof(
        fc.constant(MISSING),
        otherThan('object'),
        deeplyNested('arrays'),
      ),
    ),
    badKey.chain(key =>
      breakAt(['schema', 'properties', key], fc.constant({ type: 'string' })),
    ),
    breakAt(property, fc.oneof(otherThan('object'), deeplyNested('arrays'))),
    breakAt(
      [...property, 'type'],
      fc.oneof(
        fc.constantFrom('integer', 'date', 'String', ''),
        otherThan('string'),
        fc.constant(MISSING),
      ),
    ),
    breakAt([...property, 'title'], fc.oneof(notText, overLong(200))),
    breakAt(
      [...property, 'minimum'],
      fc.oneof(otherThan('number'), deeplyNested()),
    ),
    // Other unknown keywords are kept with a warning, by design.
    prototypeName.chain(key =>
      breakAt([...property, key], fc.jsonValue({ maxDepth: 1 })),
    ),
    breakAt(
      ['schema', 'required'],
      fc.oneof(
        otherThan('array'),
        fc.constant(['nothing']),
        fc.constant(['size', 'size']),
        fc.array(otherThan('string'), { minLength: 1, maxLength: 3 }),
      ),
    ),
    breakAt(
      ['relations'],
      fc.oneof(otherThan('object'), deeplyNested('arrays')),
    ),
    badKey.chain(key =>
      breakAt(['relations', key], fc.constant({ target: 'Domain' })),
    ),
    breakAt(
      ['relations', 'domain', 'target'],
      fc.oneof(
        fc.constantFrom('Nowhere', 'domain'),
        badIdentifier(100),
        notText,
        fc.constant(MISSING),
      ),
    ),
    breakAt(['relations', 'domain', 'many'], otherThan('boolean')),
    breakAt(
      ['relations', 'domain'],
      fc.constant({ target: 'Domain', required: true, many: true }),
    ),
    breakAt(
      ['mirrorProperties', 'domainTitle', 'path'],
      fc.oneof(
        fc.constantFrom('nowhere.$title', 'domain.nothing', '', '..'),
        notText,
      ),
    ),
    breakAt(
      ['calculationProperties', 'label', 'calculation'],
      fc.oneof(fc.constantFrom('.[', '|||', 'def f: f; f('), notText),
    ),
    breakAt(
      ['calculationProperties', 'label', 'type'],
      fc.oneof(fc.constantFrom('integer', 'enum'), otherThan('string')),
    ),
    // A key the format does not have, at the top.
    fc
      .oneof(badKey, fc.constantFrom('owner', 'Identifier', 'schemas'))
      .chain(key => breakAt([key], fc.jsonValue({ maxDepth: 1 }))),
  );
}

/** How an entity is written, and whether a missing field keeps its value. */
type EntityWrite = {
  method: 'post' | 'put' | 'patch';
  path: string;
  identifier: string;
  /** PATCH and merging upserts keep what the body leaves out. */
  merges: boolean;
  /** PUT and PATCH take the identifier from the path. */
  identifierFromPath: boolean;
};

const entityWrites: EntityWrite[] = [
  {
    method: 'post',
    path: '/blueprints/Component/entities',
    identifier: 'cart-new',
    merges: false,
    identifierFromPath: false,
  },
  {
    method: 'post',
    path: '/blueprints/Component/entities?upsert=true',
    identifier: 'cart',
    merges: false,
    identifierFromPath: false,
  },
  {
    method: 'post',
    path: '/blueprints/Component/entities?upsert=true&merge=true',
    identifier: 'cart',
    merges: true,
    identifierFromPath: false,
  },
  {
    method: 'put',
    path: '/blueprints/Component/entities/cart',
    identifier: 'cart',
    merges: false,
    identifierFromPath: true,
  },
  {
    method: 'patch',
    path: '/blueprints/Component/entities/cart',
    identifier: 'cart',
    merges: true,
    identifierFromPath: true,
  },
];

/** Values an entity's string-or-null field never takes. */
const notTextOrNull = fc.oneof(
  otherThan('string', 'null'),
  hostileObject,
  deeplyNested(),
);

/** One broken field of {@link cart}, definitely invalid for this write. */
function entityBreak(write: EntityWrite): fc.Arbitrary<Break> {
  const missing = (values: fc.Arbitrary<unknown>) =>
    write.merges ? values : fc.oneof(fc.constant(MISSING), values);
  return fc.oneof(
    breakAt(
      ['identifier'],
      write.identifierFromPath
        ? fc.oneof(badIdentifier(1000), otherThan('string'), deeplyNested())
        : missing(
            fc.oneof(badIdentifier(1000), otherThan('string'), deeplyNested()),
          ),
    ),
    breakAt(['title'], notTextOrNull),
    breakAt(['icon'], notTextOrNull),
    breakAt(
      ['team'],
      fc.oneof(
        otherThan('string', 'null', 'array'),
        fc.array(otherThan('string'), { minLength: 1, maxLength: 3 }),
        deeplyNested('objects'),
      ),
    ),
    breakAt(
      ['properties'],
      fc.oneof(otherThan('object', 'null'), deeplyNested('arrays')),
    ),
    breakAt(
      ['properties', 'type'],
      missing(
        fc.oneof(
          fc.constantFrom('servce', 'Service', ''),
          otherThan('string'),
          deeplyNested(),
        ),
      ),
    ),
    breakAt(
      ['properties', 'language'],
      fc.oneof(otherThan('string', 'null'), deeplyNested()),
    ),
    fc
      .oneof(badKey, fc.constantFrom('colour', 'Type'))
      .chain(key =>
        breakAt(['properties', key], fc.jsonValue({ maxDepth: 1 })),
      ),
    breakAt(
      ['relations'],
      fc.oneof(otherThan('object', 'null'), deeplyNested('arrays')),
    ),
    breakAt(
      ['relations', 'system'],
      fc.oneof(
        fc.constantFrom('nowhere', 'shop'),
        badIdentifier(1000),
        otherThan('string', 'null', 'array'),
        fc.constant(['shop', 'payments']),
        deeplyNested('objects'),
      ),
    ),
    fc
      .oneof(badKey, fc.constantFrom('domain', 'owner'))
      .chain(key => breakAt(['relations', key], fc.constant(null))),
    // A key an entity does not have, at the top.
    fc
      .oneof(badKey, fc.constantFrom('owner', 'Identifier', 'props'))
      .chain(key => breakAt([key], fc.jsonValue({ maxDepth: 1 }))),
    breakAt(
      ['blueprint'],
      fc.oneof(
        fc.constantFrom('Domain', 'System', 'component'),
        otherThan('string'),
      ),
    ),
  );
}

/** What a request body may be besides a document: any JSON, or not JSON. */
const anyBody = fc.oneof(
  fc.jsonValue({ maxDepth: 4 }).map(value => ({ json: value })),
  fc
    .oneof(
      fc.string(),
      fc.constantFrom('{"identifier": ', '[', '{"a":1}}', 'nul', '\u0000'),
    )
    .map(text => ({ text })),
);

describe('the blueprints API, against generated bad input', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  const dir = createMockDirectory();
  let client: ReturnType<typeof request>;
  let knex: TestKnex;
  /** Numbers identifiers that must be new. */
  let fresh = 0;

  beforeAll(async () => {
    dir.setContent({
      'blueprints/domain.json': JSON.stringify(domainBlueprint()),
      'blueprints/system.json': JSON.stringify(systemBlueprint()),
      'blueprints/component.json': JSON.stringify(componentBlueprint()),
    });
    knex = await databases.init('SQLITE_3');
    const { server } = await startTestBackend({
      features: [
        blueprintsPlugin,
        mockServices.rootConfig.factory({
          data: {
            plinth: {
              blueprints: {
                files: [dir.resolve('blueprints')],
                // No refresh during the run: only requests change the tables.
                refreshInterval: { hours: 24 },
              },
            },
          },
        }),
        mockServices.database.factory({ knex }),
        catalogServiceMock.factory({ entities: [ordersDomain] }),
      ],
    });
    client = request(server);

    // The API blueprint that PUT replaces, and the entity PUT and PATCH change.
    const created = await client.post(api('/blueprints')).send(squad('Squad'));
    ensure(created.status === 201, () => describeAnswer(created));
    const entity = await client
      .post(api('/blueprints/Component/entities'))
      .send(cart('cart'));
    ensure(entity.status === 201, () => describeAnswer(entity));
    // The skeletons are valid: each case's failure is its broken field.
    const valid = await client
      .post(api('/validate/blueprint'))
      .send(squad('Squad2'));
    ensure(
      valid.body.valid === true && valid.body.problems.length === 0,
      () => `the blueprint skeleton is invalid: ${describeAnswer(valid)}`,
    );
    const validEntity = await client
      .post(api('/validate/entity?blueprint=Component'))
      .send(cart('cart-new'));
    ensure(
      validEntity.body.valid === true && validEntity.body.problems.length === 0,
      () => `the entity skeleton is invalid: ${describeAnswer(validEntity)}`,
    );
  });

  /** What is stored: the tables, and what the API lists. */
  async function stored() {
    return {
      tables: await readTables(knex, TABLES),
      blueprints: (await client.get(api('/blueprints'))).body,
      entities: (await client.get(api('/entities'))).body,
    };
  }

  /** Sends a body as JSON (`json`), or as text said to be JSON (`text`). */
  function send(
    method: 'post' | 'put' | 'patch',
    path: string,
    body: { json: unknown } | { text: string },
  ) {
    return client[method](api(path))
      .set('Content-Type', 'application/json')
      .send('text' in body ? body.text : jsonText(body.json));
  }

  /**
   * The checks of every answer: below 500; a 4xx for definitely invalid
   * input; a 4xx names what is wrong (`names`); nothing of a rejected
   * request is stored (`before`: what was stored before it).
   */
  async function check(
    res: request.Response,
    before: Awaited<ReturnType<typeof stored>>,
    options: { invalid: boolean; names: (body: unknown) => void },
  ) {
    if (res.status >= 500) {
      throw new Error(`answered ${describeAnswer(res)}`);
    }
    if (options.invalid && res.status < 400) {
      throw new Error(`took invalid input: ${describeAnswer(res)}`);
    }
    if (res.status < 400) return;
    options.names(res.body);
    expect(await stored()).toEqual(before);
  }

  it('answers every broken blueprint of POST /blueprints with a 4xx naming the field, and stores nothing', async () => {
    expect(
      await propertyFailure(
        fc.asyncProperty(blueprintBreak(false), async broken => {
          // A fresh identifier: a case wrongly taken does not fail the next.
          const body = applyBreak(squad(`Crew${++fresh}`), broken);
          const before = await stored();
          const res = await send('post', '/blueprints', { json: body });
          await check(res, before, {
            invalid: true,
            names: b => expectNamesField(b, broken.path, ['body', 'request']),
          });
        }),
        1,
      ),
    ).toBeUndefined();
  });

  it('answers every broken blueprint of PUT /blueprints/:id with a 4xx naming the field, and stores nothing', async () => {
    expect(
      await propertyFailure(
        fc.asyncProperty(blueprintBreak(true), async broken => {
          const body = applyBreak(squad('Squad'), broken);
          const before = await stored();
          const res = await send('put', '/blueprints/Squad', { json: body });
          await check(res, before, {
            invalid: true,
            names: b => expectNamesField(b, broken.path, ['body', 'request']),
          });
        }),
        1,
      ),
    ).toBeUndefined();
  });

  it('answers every broken blueprint of POST /validate/blueprint as invalid, naming the field, and stores nothing', async () => {
    const before = await stored();
    expect(
      await propertyFailure(
        fc.asyncProperty(blueprintBreak(false), async broken => {
          const body = applyBreak(squad('Crew'), broken);
          const res = await send('post', '/validate/blueprint', { json: body });
          if (res.status >= 500) {
            throw new Error(`answered ${describeAnswer(res)}`);
          }
          if (res.status >= 400) {
            expectNamesField(res.body, broken.path, ['body', 'request']);
          } else {
            ensure(
              res.body.valid === false,
              () => `took invalid input: ${describeAnswer(res)}`,
            );
            const problems: Array<{ pointer: string; message: string }> =
              res.body.problems;
            const said = problems.map(p => `${p.pointer}: ${p.message}`);
            if (
              !namesField(
                said.join('\n'),
                problems.map(p => p.pointer).filter(Boolean),
                broken.path,
                [''],
              )
            ) {
              throw new Error(
                `the problems do not name the field: ${JSON.stringify(
                  said,
                ).slice(0, 2000)}`,
              );
            }
          }
        }),
        1,
      ),
    ).toBeUndefined();
    expect(await stored()).toEqual(before);
  });

  it('answers every broken entity of POST (with upsert and merge), PUT and PATCH with a 4xx naming the field, and stores nothing', async () => {
    const cases = fc
      .constantFrom(...entityWrites)
      .chain(write => entityBreak(write).map(broken => ({ write, broken })));
    expect(
      await propertyFailure(
        fc.asyncProperty(cases, async ({ write, broken }) => {
          const identifier =
            write.identifier === 'cart-new'
              ? `cart-${++fresh}`
              : write.identifier;
          const body = applyBreak(cart(identifier), broken);
          const before = await stored();
          const res = await send(write.method, write.path, { json: body });
          await check(res, before, {
            invalid: true,
            names: b => expectNamesField(b, broken.path, ['body', 'request']),
          });
        }),
        entityWrites.length,
      ),
    ).toBeUndefined();
  });

  it('answers bad query flags and unknown or hostile blueprint and entity ids with a 4xx naming them, and stores nothing', async () => {
    const known = ['Squad', 'Domain', 'System', 'Component', 'cart'];
    const hostileId = fc
      .oneof(
        fc.constantFrom(...PROTOTYPE_NAMES, ...PATH_NAMES, 'Nothing', 'squad'),
        fc.string({ minLength: 1, maxLength: 20 }),
      )
      .filter(id => !known.includes(id));
    const flagValue = fc.oneof(
      fc.string({ maxLength: 8 }).filter(v => v !== 'true' && v !== 'false'),
      fc.constantFrom('TRUE', '1', 'yes', 'true,false', '__proto__'),
    );
    const cases = fc.oneof(
      // A bad flag: query upsert, merge or validation_only.
      fc
        .tuple(
          fc.constantFrom('upsert', 'merge', 'validation_only'),
          fc.oneof(
            flagValue.map(v => [v]),
            fc.constant(['true', 'false']),
          ),
        )
        .map(([flag, values]) => ({
          method: 'post' as const,
          path: `/blueprints/Component/entities?${values
            .map(v => `${flag}=${encodeURIComponent(v)}`)
            .join('&')}`,
          body: cart('cart-new') as unknown,
          words: [`query ${flag}`],
        })),
      // merge without upsert.
      fc.constant({
        method: 'post' as const,
        path: '/blueprints/Component/entities?merge=true',
        body: cart('cart-new') as unknown,
        words: ['merge', 'upsert'],
      }),
      // An unknown blueprint, whatever its name.
      hostileId.map(id => ({
        method: 'post' as const,
        path: `/blueprints/${encodeURIComponent(id)}/entities`,
        body: cart('cart-new') as unknown,
        words: [`"${id}"`, 'blueprint'],
      })),
      hostileId.map(id => ({
        method: 'put' as const,
        path: `/blueprints/${encodeURIComponent(id)}`,
        body: squad(id) as unknown,
        words: [`"${id}"`, 'identifier', 'blueprint'],
      })),
      // An unknown entity, whatever its name.
      fc
        .tuple(fc.constantFrom('put' as const, 'patch' as const), hostileId)
        .map(([method, id]) => ({
          method,
          path: `/blueprints/Component/entities/${encodeURIComponent(id)}`,
          body: { ...cart(id), identifier: undefined } as unknown,
          words: [`"${id}"`, 'identifier', 'entity'],
        })),
    );
    expect(
      await propertyFailure(
        fc.asyncProperty(cases, async ({ method, path, body, words }) => {
          const before = await stored();
          const res = await send(method, path, { json: body });
          await check(res, before, {
            invalid: true,
            names: b => expectNamesPart(b, words),
          });
        }),
        5,
      ),
    ).toBeUndefined();
  });

  it('answers random JSON and text below 500 on every write route, a 4xx naming the part, and stores nothing from it', async () => {
    const routes = [
      { method: 'post' as const, path: '/blueprints', field: 'identifier' },
      { method: 'put' as const, path: '/blueprints/Squad', field: 'schema' },
      {
        method: 'post' as const,
        path: '/validate/blueprint',
        field: 'identifier',
      },
      {
        method: 'post' as const,
        path: '/blueprints/Component/entities',
        field: 'identifier',
      },
      {
        method: 'post' as const,
        path: '/blueprints/Component/entities?upsert=true',
        field: 'identifier',
      },
      {
        method: 'put' as const,
        path: '/blueprints/Component/entities/cart',
        field: 'properties',
      },
      {
        method: 'patch' as const,
        path: '/blueprints/Component/entities/cart',
        field: 'properties',
      },
      {
        method: 'post' as const,
        path: '/validate/entity?blueprint=Component',
        field: 'identifier',
      },
    ];
    expect(
      await propertyFailure(
        fc.asyncProperty(
          fc.constantFrom(...routes),
          anyBody,
          async (route, body) => {
            const before = await stored();
            const res = await send(route.method, route.path, body);
            await check(res, before, {
              invalid: false,
              names: b =>
                expectNamesPart(b, [
                  'body',
                  'request',
                  route.field,
                  ...('json' in body ? keysOf(body.json) : []),
                ]),
            });
          },
        ),
        routes.length,
      ),
    ).toBeUndefined();
  });
});
