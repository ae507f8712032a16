/*
 * Property-based tests of the scorecards API (issue 12, item 9): generated
 * bad scorecards, campaigns and exemptions, each a valid document with one
 * field broken (wrong types, names of Object.prototype's properties, paths,
 * over-long text, missing fields, arrays for objects, nulls, deep nesting),
 * and random JSON, sent to the real router of the blueprints, DORA and
 * scorecards backends started once. Every answer is below 500; definitely
 * invalid input gets a 4xx that names the field; nothing of a rejected
 * request is stored.
 *
 * Bounded for CI (a fixed seed, PLINTH_PROPERTY_RUNS cases per route, 40 by
 * default); a long run: PLINTH_PROPERTY_RUNS=2000.
 */

import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  createMockDirectory,
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import {
  ANNOTATION_BLUEPRINT,
  ANNOTATION_IDENTIFIER,
  BLUEPRINTS_CATALOG_EVENT_TOPIC,
  CatalogEntitiesEvent,
  PortEntity,
} from '@plinth/plugin-blueprints-common';
// The real blueprints backend, whose blueprints the scorecards are over.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import blueprintsPlugin from '@plinth/plugin-blueprints-backend';
// The real DORA backend, whose figures scorecard rules read.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import doraPlugin from '@plinth/plugin-dora-backend';
import fc from 'fast-check';
import request from 'supertest';
import {
  readiness,
  refOf,
  services,
  testBlueprints,
} from '../__testUtils__/backend';
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
  otherThan,
  overLong,
  PATH_NAMES,
  propertyFailure,
  PROPERTY_TIMEOUT_MS,
  prototypeName,
  readTables,
  TestKnex,
} from '@plinth/backend-utils/testUtils';
import scorecardsPlugin from '../index';

jest.setTimeout(PROPERTY_TIMEOUT_MS);

const api = (path: string) => `/api/scorecards${path}`;

/** Where the scorecards backend keeps what the API changes. */
const TABLES = [
  'scorecard_definitions',
  'scorecard_campaigns',
  'scorecard_exemptions',
] as const;

/** The services' domain and system, for the model's relations. */
const others: Array<PortEntity & { blueprint: string }> = [
  { identifier: 'orders', blueprint: 'Domain', title: 'Orders' },
  { identifier: 'shop', blueprint: 'System', relations: { domain: 'orders' } },
];

function catalogEntity(e: PortEntity & { blueprint: string }): Entity {
  return {
    apiVersion: 'plinth.dev/v1alpha1',
    kind: e.blueprint,
    metadata: {
      name: e.identifier,
      annotations: {
        [ANNOTATION_BLUEPRINT]: e.blueprint,
        [ANNOTATION_IDENTIFIER]: e.identifier,
      },
    },
    spec: {},
  };
}

/** A valid scorecard using most of the format; each case breaks one field. */
function quality(identifier: string) {
  return {
    identifier,
    title: 'Quality',
    description: 'How well a service is kept',
    blueprint: 'Service',
    filter: {
      combinator: 'and',
      conditions: [{ property: '$team', operator: 'isNotEmpty' }],
    },
    levels: [
      { title: 'Basic', color: 'paleBlue' },
      { title: 'Bronze', color: 'bronze' },
      { title: 'Gold', color: 'gold' },
    ],
    rules: [
      {
        identifier: 'documented',
        title: 'Has a readme',
        level: 'Bronze',
        query: {
          combinator: 'and',
          conditions: [{ property: 'readme', operator: 'isNotEmpty' }],
        },
      },
      {
        identifier: 'tested',
        title: 'Coverage at least 80%',
        level: 'Gold',
        threshold: { property: 'coverage', operator: '>=', value: 80 },
      },
    ],
  };
}

/** A valid campaign; each case breaks one field. */
function docs(identifier: string) {
  return {
    identifier,
    title: 'Document every service',
    description: 'Every service has a readme by the end of Q1',
    deadline: '2027-03-31',
    target: 0.5,
    rules: [{ scorecard: 'readiness', rule: 'documented' }],
  };
}

/** A valid exemption; each case breaks one field. */
function exemption() {
  return {
    scorecard: 'readiness',
    rule: 'documented',
    entityRef: 'service:default/pay',
    until: new Date(Date.now() + 30 * 86_400_000).toISOString(),
    reason: 'Docs move to the new portal in Q1',
  };
}

/** A body that is no JSON object. */
const notAnObject = fc.oneof(
  otherThan('object'),
  fc.constant([]),
  fc.constant([quality('listed')]),
  deeplyNested('arrays'),
);

/** Values a text field never takes. */
const notText = fc.oneof(otherThan('string'), hostileObject, deeplyNested());

/** A query (filter or rule) broken at one place under `at`. */
function queryBreak(at: Array<string | number>): fc.Arbitrary<Break> {
  return fc.oneof(
    breakAt(at, fc.oneof(otherThan('object'), deeplyNested('arrays'))),
    breakAt(
      [...at, 'combinator'],
      fc.oneof(fc.constantFrom('xor', 'AND', ''), otherThan('string')),
    ),
    breakAt(
      [...at, 'conditions'],
      fc.oneof(otherThan('array'), deeplyNested('objects')),
    ),
    breakAt([...at, 'conditions', 0], otherThan('object', 'string')),
    breakAt(
      [...at, 'conditions', 0, 'property'],
      fc.oneof(
        fc.constantFrom('nothing', 'Readme', '$nothing'),
        prototypeName,
        otherThan('string'),
      ),
    ),
    breakAt(
      [...at, 'conditions', 0, 'operator'],
      fc.oneof(fc.constantFrom('isVeryEmpty', '=', ''), otherThan('string')),
    ),
  );
}

/** One broken field of {@link quality}, definitely invalid. */
const scorecardBreak: fc.Arbitrary<Break> = fc.oneof(
  breakAt([], notAnObject),
  breakAt(
    ['identifier'],
    fc.oneof(fc.constant(MISSING), badIdentifier(100), notText),
  ),
  breakAt(['title'], fc.oneof(notText, overLong(200))),
  breakAt(['description'], fc.oneof(notText, overLong(2000))),
  breakAt(
    ['blueprint'],
    fc.oneof(
      fc.constant(MISSING),
      fc.constantFrom('Nothing', 'service', ''),
      badIdentifier(100),
      notText,
    ),
  ),
  queryBreak(['filter']),
  breakAt(
    ['levels'],
    fc.oneof(fc.constant([]), otherThan('array'), deeplyNested('objects')),
  ),
  breakAt(['levels', 1], otherThan('object')),
  breakAt(
    ['levels', 1, 'title'],
    fc.oneof(
      fc.constant(MISSING),
      fc.constantFrom('', 'Gold', 'Basic'),
      prototypeName,
      overLong(100),
      notText,
    ),
  ),
  breakAt(
    ['levels', 1, 'color'],
    fc.oneof(fc.constant(MISSING), overLong(100), notText),
  ),
  breakAt(
    ['rules'],
    fc.oneof(fc.constant(MISSING), otherThan('array'), deeplyNested('objects')),
  ),
  breakAt(['rules', 0], fc.oneof(otherThan('object'), deeplyNested('arrays'))),
  breakAt(
    ['rules', 0, 'identifier'],
    fc.oneof(
      fc.constant(MISSING),
      fc.constant('tested'),
      badIdentifier(100),
      notText,
    ),
  ),
  breakAt(['rules', 0, 'title'], fc.oneof(notText, overLong(200))),
  breakAt(['rules', 0, 'description'], fc.oneof(notText, overLong(2000))),
  breakAt(
    ['rules', 0, 'level'],
    fc.oneof(
      fc.constant(MISSING),
      fc.constantFrom('Basic', 'Silver', 'gold', ''),
      prototypeName,
      notText,
    ),
  ),
  breakAt(['rules', 0, 'query'], fc.constant(MISSING)),
  breakAt(
    ['rules', 0, 'threshold'],
    fc.constant({ property: 'coverage', operator: '>=', value: 1 }),
  ),
  queryBreak(['rules', 0, 'query']),
  breakAt(
    ['rules', 1, 'threshold'],
    fc.oneof(otherThan('object'), deeplyNested('arrays')),
  ),
  breakAt(
    ['rules', 1, 'threshold', 'property'],
    fc.oneof(
      fc.constant(MISSING),
      fc.constantFrom('nothing'),
      prototypeName,
      notText,
    ),
  ),
  breakAt(
    ['rules', 1, 'threshold', 'operator'],
    fc.oneof(
      fc.constant(MISSING),
      fc.constantFrom('==', '=>', 'gte', ''),
      notText,
    ),
  ),
  breakAt(
    ['rules', 1, 'threshold', 'value'],
    fc.oneof(fc.constant(MISSING), otherThan('number'), deeplyNested()),
  ),
);

/** One broken field of {@link docs}, definitely invalid. */
const campaignBreak: fc.Arbitrary<Break> = fc.oneof(
  breakAt([], notAnObject),
  breakAt(
    ['identifier'],
    fc.oneof(fc.constant(MISSING), badIdentifier(100), notText),
  ),
  breakAt(
    ['title'],
    fc.oneof(fc.constant(MISSING), fc.constant(''), overLong(200), notText),
  ),
  breakAt(['description'], fc.oneof(overLong(2000), notText)),
  breakAt(
    ['deadline'],
    fc.oneof(
      fc.constant(MISSING),
      fc.constantFrom(
        'tomorrow',
        '2027-13-45',
        '31/03/2027',
        '+275760-09-13',
        '',
      ),
      notText,
    ),
  ),
  breakAt(
    ['target'],
    fc.oneof(
      fc.constantFrom(0, -1, 1.5, 100),
      otherThan('number'),
      deeplyNested(),
    ),
  ),
  breakAt(
    ['rules'],
    fc.oneof(
      fc.constant(MISSING),
      fc.constant([]),
      otherThan('array'),
      deeplyNested('objects'),
    ),
  ),
  breakAt(['rules', 0], fc.oneof(otherThan('object'), deeplyNested('arrays'))),
  breakAt(
    ['rules', 0, 'scorecard'],
    fc.oneof(
      fc.constant(MISSING),
      fc.constantFrom('nothing', 'Readiness', ''),
      prototypeName,
      notText,
    ),
  ),
  breakAt(
    ['rules', 0, 'rule'],
    fc.oneof(
      fc.constant(MISSING),
      fc.constantFrom('nothing', 'Documented', ''),
      prototypeName,
      notText,
    ),
  ),
);

/** One broken field of {@link exemption}, definitely invalid. */
const exemptionBreak: fc.Arbitrary<Break> = fc.oneof(
  breakAt([], notAnObject),
  breakAt(
    ['scorecard'],
    fc.oneof(
      fc.constant(MISSING),
      fc.constantFrom('', 'nothing', 'Readiness'),
      prototypeName,
      notText,
    ),
  ),
  breakAt(
    ['rule'],
    fc.oneof(
      fc.constant(MISSING),
      fc.constantFrom('', 'nothing', 'Documented'),
      prototypeName,
      notText,
    ),
  ),
  breakAt(
    ['entityRef'],
    fc.oneof(
      fc.constant(MISSING),
      fc.constantFrom(
        '1970-01-01T00:00:00Z',
        'not a ref',
        'pay',
        'service:default/nowhere',
        'service:default/__proto__',
        'service:__proto__/pay',
        '',
      ),
      fc.constantFrom(...PATH_NAMES),
      prototypeName,
      overLong(1000),
      notText,
    ),
  ),
  breakAt(
    ['until'],
    fc.oneof(
      fc.constant(MISSING),
      fc.constantFrom(
        '9999-12-31T23:59:59Z',
        '2999-01-01',
        '1970-01-01T00:00:00Z',
        'tomorrow',
        '+275760-09-13T00:00:00.000Z',
        '',
      ),
      fc
        .integer({ min: 366, max: 100_000 })
        .map(days => new Date(Date.now() + days * 86_400_000).toISOString()),
      notText,
    ),
  ),
  breakAt(
    ['reason'],
    fc.oneof(
      fc.constant(MISSING),
      fc.constantFrom('', '   ', '\n\t'),
      overLong(2000),
      notText,
    ),
  ),
  // The body takes no other key.
  fc
    .oneof(badKey, fc.constantFrom('grantedBy', 'id', 'Reason'))
    .chain(key => breakAt([key], fc.jsonValue({ maxDepth: 1 }))),
);

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

describe('the scorecards API, against generated bad input', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  const dir = createMockDirectory();
  /** Each plugin's database, by plugin id. */
  const knexes = new Map<string, TestKnex>();
  let client: ReturnType<typeof request>;
  let stop: () => Promise<void>;
  /** Numbers identifiers that must be new. */
  let fresh = 0;

  beforeAll(async () => {
    dir.setContent({
      ...Object.fromEntries(
        testBlueprints.map(b => [
          `blueprints/${b.identifier}.json`,
          JSON.stringify(b),
        ]),
      ),
      'scorecards/readiness.json': JSON.stringify(readiness),
    });
    const events = mockServices.events();
    const all = [...others, ...services];
    const backend = await startTestBackend({
      features: [
        blueprintsPlugin,
        doraPlugin,
        scorecardsPlugin,
        createServiceFactory({
          service: eventsServiceRef,
          deps: {},
          factory: () => events,
        }),
        // Each plugin its own in-memory SQLite database, kept to read.
        createServiceFactory({
          service: coreServices.database,
          deps: { plugin: coreServices.pluginMetadata },
          async factory({ plugin }) {
            const knex = await databases.init('SQLITE_3');
            knexes.set(plugin.getId(), knex);
            return mockServices.database({ knex });
          },
        }),
        mockServices.rootConfig.factory({
          data: {
            plinth: {
              blueprints: { files: [dir.resolve('blueprints')] },
              scorecards: { files: [dir.resolve('scorecards')] },
            },
          },
        }),
        catalogServiceMock.factory({ entities: all.map(catalogEntity) }),
      ],
    });
    stop = () => backend.stop();
    const delivered: CatalogEntitiesEvent = {
      type: 'catalog.entities.changed',
      entities: all.map(entity => ({ entityRef: refOf(entity), entity })),
    };
    await events.publish({
      topic: BLUEPRINTS_CATALOG_EVENT_TOPIC,
      eventPayload: delivered,
    });
    client = request(backend.server);

    // The skeletons are valid: each case's failure is its broken field.
    for (const [path, body] of [
      ['/scorecards', quality('quality')],
      ['/campaigns', docs('docs')],
      ['/exemptions', exemption()],
    ] as const) {
      const res = await client.post(api(path)).send(body);
      ensure(
        res.status === 201,
        () => `the skeleton of ${path} is invalid: ${describeAnswer(res)}`,
      );
    }
  });

  afterAll(async () => {
    await stop?.();
  });

  /**
   * What is stored: the tables, and what the API lists (campaigns without
   * their progress, which evaluation changes meanwhile).
   */
  async function stored() {
    const knex = knexes.get('scorecards');
    if (!knex) throw new Error('the scorecards backend has no database');
    const campaigns = (await client.get(api('/campaigns'))).body;
    return {
      tables: await readTables(knex, TABLES),
      scorecards: (await client.get(api('/scorecards'))).body,
      campaigns: campaigns.items?.map(
        (i: { campaign: unknown; origin: string }) => [i.campaign, i.origin],
      ),
      exemptions: (await client.get(api('/exemptions'))).body,
    };
  }

  /** Sends a body as JSON (`json`), or as text said to be JSON (`text`). */
  function send(path: string, body: { json: unknown } | { text: string }) {
    return client
      .post(api(path))
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

  it('answers every broken scorecard of POST /scorecards with a 4xx naming the field, and stores nothing', async () => {
    expect(
      await propertyFailure(
        fc.asyncProperty(scorecardBreak, async broken => {
          // A fresh identifier: a case wrongly taken does not fail the next.
          const body = applyBreak(quality(`quality-${++fresh}`), broken);
          const before = await stored();
          const res = await send('/scorecards', { json: body });
          await check(res, before, {
            invalid: true,
            names: b => expectNamesField(b, broken.path),
          });
        }),
        1,
      ),
    ).toBeUndefined();
  });

  it('answers every broken campaign of POST /campaigns with a 4xx naming the field, and stores nothing', async () => {
    expect(
      await propertyFailure(
        fc.asyncProperty(campaignBreak, async broken => {
          const body = applyBreak(docs(`docs-${++fresh}`), broken);
          const before = await stored();
          const res = await send('/campaigns', { json: body });
          await check(res, before, {
            invalid: true,
            names: b => expectNamesField(b, broken.path),
          });
        }),
        1,
      ),
    ).toBeUndefined();
  });

  it('answers every broken exemption of POST /exemptions with a 4xx naming the field, and stores nothing', async () => {
    expect(
      await propertyFailure(
        fc.asyncProperty(exemptionBreak, async broken => {
          const body = applyBreak(exemption(), broken);
          const before = await stored();
          const res = await send('/exemptions', { json: body });
          await check(res, before, {
            invalid: true,
            names: b => expectNamesField(b, broken.path),
          });
        }),
        1,
      ),
    ).toBeUndefined();
  });

  it('answers random JSON and text below 500 on every write route, a 4xx naming the part, and stores nothing from it', async () => {
    const routes = [
      { path: '/scorecards', fields: ['identifier', 'blueprint', 'rules'] },
      { path: '/campaigns', fields: ['identifier', 'title', 'rules'] },
      { path: '/exemptions', fields: ['scorecard', 'rule', 'entityRef'] },
      { path: '/evaluate', fields: ['scorecard', 'entityRefs'] },
    ];
    expect(
      await propertyFailure(
        fc.asyncProperty(
          fc.constantFrom(...routes),
          anyBody,
          async (route, body) => {
            const before = await stored();
            const res = await send(route.path, body);
            await check(res, before, {
              invalid: false,
              names: b =>
                expectNamesPart(b, [
                  'body',
                  ...route.fields,
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
