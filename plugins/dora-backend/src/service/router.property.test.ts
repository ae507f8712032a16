/*
 * Property-based tests of the DORA API (issue 12, item 9): generated bad
 * change, deployment and incident events, each a valid event with one field
 * broken (wrong types, names of Object.prototype's properties, paths,
 * over-long text, missing fields, arrays for objects, nulls, deep nesting),
 * in JSON batches and JSON Lines; bad bodies, content types and webhook
 * sources; sent to the real router of a backend started once. Every answer
 * is below 500; a batch answers each bad event as rejected, naming the
 * field (and the line); a 4xx names the part at fault; nothing of a rejected
 * event or request is stored.
 *
 * The webhooks of the GitHub and PagerDuty sources are tested in their
 * modules (webhook.property.test.ts), which add them to this backend.
 *
 * Bounded for CI (a fixed seed, PLINTH_PROPERTY_RUNS cases per route, 40 by
 * default); a long run: PLINTH_PROPERTY_RUNS=2000.
 */

import {
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import fc from 'fast-check';
import request from 'supertest';
import { change, deployment, incident } from '../__testUtils__/events';
import {
  applyBreak,
  Break,
  breakAt,
  deeplyNested,
  describeAnswer,
  ensure,
  expectNamesPart,
  hostileObject,
  jsonText,
  MISSING,
  namesField,
  otherThan,
  overLong,
  Path,
  PATH_NAMES,
  propertyFailure,
  PROPERTY_TIMEOUT_MS,
  prototypeName,
  readTables,
  TestKnex,
} from '@plinth/backend-utils/testUtils';
import { doraPlugin } from '../plugin';

jest.setTimeout(PROPERTY_TIMEOUT_MS);

const api = (path: string) => `/api/dora${path}`;

/** Where the DORA backend keeps events, and what it derives from them. */
const EVENT_TABLES = [
  'dora_changes',
  'dora_deployments',
  'dora_deployment_changes',
  'dora_incidents',
] as const;
const TABLES = [
  ...EVENT_TABLES,
  'dora_change_leads',
  'dora_entities',
  'dora_entity_teams',
  'dora_webhook_deliveries',
] as const;

/** The content types of JSON Lines bodies the events route takes. */
const NDJSON_TYPES = [
  'application/x-ndjson',
  'application/jsonl',
  'application/jsonlines',
  'application/x-jsonlines',
] as const;

type EventType = 'change' | 'deployment' | 'incident';

/** A valid event of each type; each case breaks one field. */
function validEvent(type: EventType, id: string): Record<string, unknown> {
  switch (type) {
    case 'change':
      return { ...change(id, 1) };
    case 'deployment':
      return { ...deployment(id, 10, { changes: ['c1', 'c2'] }) };
    default:
      return { ...incident(id, 20, 22, 'd1') };
  }
}

/** Texts that are no ISO 8601 date-time with a time zone. */
const notADateTime = fc.oneof(
  fc.constantFrom(
    'yesterday',
    '2024-05-01',
    '2024-05-01T12:00:00',
    '2024-13-01T00:00:00Z',
    '2024-02-30T00:00:00Z',
    '1714557600000',
    '+275760-09-13T00:00:00Z',
    '',
  ),
  otherThan('string'),
  hostileObject,
  deeplyNested(),
);

/** Texts that are no entity ref `kind:namespace/name`. */
const notAnEntityRef = fc.oneof(
  fc.constantFrom(
    'cart',
    'component:',
    'component:default/',
    '1970-01-01T00:00:00Z',
    'Component:default/Cart Service',
    `component:default/${'a'.repeat(300)}`,
    '',
  ),
  fc.constantFrom(...PATH_NAMES),
  prototypeName,
  overLong(255),
  otherThan('string'),
  hostileObject,
  deeplyNested(),
);

/** Values no event id takes. */
const notAnId = fc.oneof(
  fc.constant(''),
  overLong(255),
  otherThan('string'),
  hostileObject,
  deeplyNested(),
);

/**
 * One broken field of an event of `type`, definitely invalid; `[]` is the
 * whole event.
 */
function eventBreak(type: EventType): fc.Arbitrary<Break> {
  const common = [
    breakAt([], fc.oneof(otherThan('object'), deeplyNested('arrays'))),
    breakAt(
      ['type'],
      fc.oneof(
        fc.constant(MISSING),
        fc.constantFrom('Change', 'deploy', 'incidents', ''),
        prototypeName,
        otherThan('string'),
        hostileObject,
        deeplyNested(),
      ),
    ),
    breakAt(['id'], fc.oneof(fc.constant(MISSING), notAnId)),
    breakAt(['entity'], fc.oneof(fc.constant(MISSING), notAnEntityRef)),
  ];
  if (type === 'change') {
    return fc.oneof(
      ...common,
      breakAt(['createdAt'], fc.oneof(fc.constant(MISSING), notADateTime)),
    );
  }
  if (type === 'deployment') {
    return fc.oneof(
      ...common,
      breakAt(
        ['environment'],
        fc.oneof(
          fc.constant(MISSING),
          fc.constant(''),
          overLong(64),
          otherThan('string'),
          hostileObject,
          deeplyNested(),
        ),
      ),
      breakAt(
        ['status'],
        fc.oneof(
          fc.constant(MISSING),
          fc.constantFrom('succeeded', 'SUCCESS', 'failed', ''),
          prototypeName,
          otherThan('string'),
        ),
      ),
      breakAt(['startedAt'], fc.oneof(fc.constant(MISSING), notADateTime)),
      breakAt(
        ['finishedAt'],
        fc.oneof(
          fc.constant(MISSING),
          notADateTime,
          // Before it started.
          fc.constant('2024-03-04T09:00:00Z'),
        ),
      ),
      breakAt(
        ['changes'],
        fc.oneof(otherThan('array'), deeplyNested('objects')),
      ),
      breakAt(['changes', 0], notAnId),
      breakAt(['rework'], fc.oneof(otherThan('boolean'), deeplyNested())),
    );
  }
  return fc.oneof(
    ...common,
    breakAt(['createdAt'], fc.oneof(fc.constant(MISSING), notADateTime)),
    breakAt(
      ['resolvedAt'],
      fc.oneof(
        notADateTime.filter(v => v !== null),
        // Before it was created.
        fc.constant('2024-03-04T19:00:00Z'),
      ),
    ),
    breakAt(
      ['causedBy'],
      notAnId.filter(v => v !== null),
    ),
  );
}

/** A bad event: its type's skeleton, one field broken. */
const badEvent = fc
  .constantFrom<EventType>('change', 'deployment', 'incident')
  .chain(type => eventBreak(type).map(broken => ({ type, broken })));

/**
 * A batch: bad events, and sometimes one valid change among them, at
 * `validAt` (of a fresh id, given when the batch is sent).
 */
type Batch = {
  bad: Array<{ type: EventType; broken: Break }>;
  validAt?: number;
};

const batch: fc.Arbitrary<Batch> = fc.record({
  bad: fc.array(badEvent, { minLength: 1, maxLength: 4 }),
  validAt: fc.option(fc.nat({ max: 4 }), { nil: undefined }),
});

/** What a rejected event's reason must name: its field, or the event. */
function expectReasonNames(reason: unknown, path: Path) {
  if (typeof reason !== 'string' || reason === '') {
    throw new Error(`a rejected event has no reason: ${String(reason)}`);
  }
  const named =
    path.length === 0
      ? reason.includes('an event must be a JSON object')
      : namesField(reason, [], path);
  if (!named) {
    throw new Error(
      `the reason does not name ${path.join('.') || 'the event'}: ${reason}`,
    );
  }
}

describe('the DORA API, against generated bad input', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  let client: ReturnType<typeof request>;
  let knex: TestKnex;
  /** Numbers event ids that must be new. */
  let fresh = 0;

  beforeAll(async () => {
    knex = await databases.init('SQLITE_3');
    const { server } = await startTestBackend({
      features: [
        doraPlugin,
        mockServices.database.factory({ knex }),
        catalogServiceMock.factory({
          entities: [
            {
              apiVersion: 'backstage.io/v1alpha1',
              kind: 'Component',
              metadata: { name: 'cart' },
              spec: { owner: 'group:default/cart-team' },
            },
          ],
        }),
      ],
    });
    client = request(server);

    // Some of everything stored, so that a rejected event could change it.
    const seeded = await client
      .post(api('/events'))
      .send([
        change('c1', 0),
        change('c2', 1),
        deployment('d1', 10, { changes: ['c1', 'c2'] }),
        incident('i1', 11, 12, 'd1'),
      ]);
    ensure(
      seeded.body.accepted === 4,
      () => `the seed was not taken: ${describeAnswer(seeded)}`,
    );
    // The skeletons are valid: each case's failure is its broken field.
    const valid = await client
      .post(api('/events'))
      .send(
        (['change', 'deployment', 'incident'] as const).map(type =>
          validEvent(type, `skeleton-${type}`),
        ),
      );
    ensure(
      valid.body.accepted === 3,
      () => `the skeletons are invalid: ${describeAnswer(valid)}`,
    );
  });

  /** What is stored: the tables, and the deployments the API lists. */
  async function stored() {
    return {
      tables: await readTables(knex, TABLES),
      deployments: (
        await client.get(
          api('/deployments?from=2000-01-01T00:00:00Z&limit=500'),
        )
      ).body,
    };
  }
  type Stored = Awaited<ReturnType<typeof stored>>;

  /**
   * Nothing but the valid change `validId` (when given) was added to the
   * event tables, and nothing there changed; with no valid event, nothing
   * stored changed at all.
   */
  async function expectOnlyStored(before: Stored, validId?: string) {
    const after = await stored();
    if (validId === undefined) {
      expect(after).toEqual(before);
      return;
    }
    for (const table of EVENT_TABLES) {
      const was = new Set(before.tables[table]);
      const now = new Set(after.tables[table]);
      const removed = [...was].filter(row => !now.has(row));
      const added = [...now]
        .filter(row => !was.has(row))
        .map(row => JSON.parse(row));
      expect({ table, removed }).toEqual({ table, removed: [] });
      expect({ table, added: added.map(row => row.id) }).toEqual({
        table,
        added: table === 'dora_changes' ? [validId] : [],
      });
    }
  }

  /**
   * Sends a batch (JSON or JSON Lines) and checks the answer: 200, each bad
   * event rejected with its index (and line), naming its field; the valid
   * one accepted; nothing else stored.
   */
  async function sendBatch(
    { bad, validAt }: Batch,
    format: {
      type: string;
      wrap: 'array' | 'object' | 'lines';
      newline?: string;
      junk?: string[];
    },
  ) {
    const events: Array<{ value: unknown; path?: Path }> = bad.map(
      ({ type, broken }) => ({
        value: applyBreak(validEvent(type, `bad-${++fresh}`), broken),
        path: broken.path,
      }),
    );
    const validId = validAt === undefined ? undefined : `ok-${++fresh}`;
    if (validId !== undefined) {
      events.splice(Math.min(validAt!, events.length), 0, {
        value: validEvent('change', validId),
      });
    }

    let body: string;
    /** Per item of the batch: its line, and what is wrong with it. */
    const expected: Array<{ line?: number; path?: Path; junk?: boolean }> = [];
    if (format.wrap === 'lines') {
      const lines: string[] = [];
      const junk = [...(format.junk ?? [])];
      for (const event of events) {
        // Junk (not JSON) and blank lines between the events.
        const next = junk.shift();
        if (next !== undefined) {
          lines.push(next);
          if (next.trim() !== '') {
            expected.push({ line: lines.length, junk: true });
          }
        }
        lines.push(jsonText(event.value));
        expected.push({ line: lines.length, path: event.path });
      }
      body = lines.join(format.newline ?? '\n');
    } else {
      const list = `[${events.map(e => jsonText(e.value)).join(',')}]`;
      body = format.wrap === 'array' ? list : `{"events":${list}}`;
      events.forEach(event => expected.push({ path: event.path }));
    }

    const before = await stored();
    const res = await client
      .post(api('/events'))
      .set('Content-Type', format.type)
      .send(body);
    if (res.status !== 200) {
      throw new Error(`answered ${describeAnswer(res)}`);
    }
    const rejected: Array<{ index: number; line?: number; reason: string }> =
      res.body.rejected;
    const wanted = expected
      .map((item, index) => ({ ...item, index }))
      .filter(item => item.junk || item.path !== undefined);
    expect(rejected.map(r => [r.index, r.line])).toEqual(
      wanted.map(w => [w.index, w.line]),
    );
    rejected.forEach((r, i) => {
      if (wanted[i].junk) {
        expect(r.reason).toMatch(/^not valid JSON: /);
      } else {
        expectReasonNames(r.reason, wanted[i].path!);
      }
    });
    expect(res.body.accepted).toBe(validId === undefined ? 0 : 1);
    await expectOnlyStored(before, validId);
  }

  it('rejects every broken event of a JSON batch, naming the field, and stores only the valid ones', async () => {
    expect(
      await propertyFailure(
        fc.asyncProperty(
          batch,
          fc.constantFrom('array' as const, 'object' as const),
          fc.constantFrom('application/json', 'application/vnd.plinth+json'),
          async (events, wrap, type) => {
            await sendBatch(events, { type, wrap });
          },
        ),
        1,
      ),
    ).toBeUndefined();
  });

  it('rejects every broken event and line of a JSON Lines batch, naming the field and the line, and stores only the valid ones', async () => {
    const junkLine = fc.oneof(
      fc.constantFrom('{', 'nul', '[1,', '{"type":"change"', 'x', '\u0000'),
      fc.constantFrom('', '   ', '\t'),
      fc.string({ maxLength: 10 }).filter(text => {
        if (/[\r\n]/.test(text) || text.trim() === '') return false;
        try {
          JSON.parse(text);
          return false;
        } catch {
          return true;
        }
      }),
    );
    expect(
      await propertyFailure(
        fc.asyncProperty(
          batch,
          fc.constantFrom(...NDJSON_TYPES),
          fc.constantFrom('\n', '\r\n'),
          fc.array(junkLine, { maxLength: 4 }),
          async (events, type, newline, junk) => {
            await sendBatch(events, { type, wrap: 'lines', newline, junk });
          },
        ),
        NDJSON_TYPES.length,
      ),
    ).toBeUndefined();
  });

  it('answers a body that is no batch, or of a type it does not take, with a 4xx naming the body, and stores nothing', async () => {
    const cases = fc.oneof(
      // JSON, but neither an array nor {"events": [...]}.
      fc
        .oneof(
          otherThan('array', 'object'),
          fc.dictionary(
            fc.string({ maxLength: 8 }).filter(key => key !== 'events'),
            fc.jsonValue({ maxDepth: 1 }),
            { maxKeys: 3 },
          ),
          otherThan('array').map(events => ({ events })),
          deeplyNested('objects'),
        )
        .map(value => ({
          type: 'application/json',
          body: jsonText(value),
          words: ['body'],
        })),
      // Not JSON at all.
      fc
        .oneof(
          fc.constantFrom('[', '{"events": [', '[1,]', 'nul', '\u0000'),
          fc.string({ maxLength: 20 }).filter(text => {
            try {
              JSON.parse(text);
              return false;
            } catch {
              return true;
            }
          }),
        )
        .map(body => ({ type: 'application/json', body, words: ['body'] })),
      // A type it does not take.
      fc
        .tuple(
          fc.constantFrom(
            'text/plain',
            'application/xml',
            'application/x-www-form-urlencoded',
            'multipart/form-data; boundary=x',
            'application/octet-stream',
            'text/csv',
          ),
          fc.string({ maxLength: 20 }),
        )
        .map(([type, body]) => ({ type, body, words: ['body'] })),
      // A character set no parser knows.
      fc
        .tuple(
          fc.constantFrom('application/json', 'application/x-ndjson'),
          fc.constantFrom('x-unknown', 'klingon', 'utf-0'),
        )
        .map(([type, charset]) => ({
          type: `${type}; charset=${charset}`,
          body: '[]',
          words: ['body', 'charset'],
        })),
    );
    expect(
      await propertyFailure(
        fc.asyncProperty(cases, async ({ type, body, words }) => {
          const before = await stored();
          const res = await client
            .post(api('/events'))
            .set('Content-Type', type)
            .send(body);
          if (res.status >= 500 || res.status < 400) {
            throw new Error(`answered ${describeAnswer(res)}`);
          }
          expectNamesPart(res.body, words);
          expect(await stored()).toEqual(before);
        }),
        4,
      ),
    ).toBeUndefined();
  });

  it('answers a delivery to an unknown webhook source with a 404 naming it, and stores nothing', async () => {
    const source = fc.oneof(
      prototypeName,
      fc.constantFrom(...PATH_NAMES, 'github', 'pagerduty', 'GitHub'),
      fc.string({ minLength: 1, maxLength: 20 }),
      // Longer than a source id, in a URL a server takes.
      fc.integer({ min: 65, max: 2000 }).map(n => 's'.repeat(n)),
    );
    expect(
      await propertyFailure(
        fc.asyncProperty(
          source,
          fc.jsonValue({ maxDepth: 3 }),
          async (id, payload) => {
            const before = await stored();
            const res = await client
              .post(api(`/webhooks/${encodeURIComponent(id)}`))
              .set('Content-Type', 'application/json')
              .send(jsonText(payload));
            if (res.status >= 500 || res.status < 400) {
              throw new Error(`answered ${describeAnswer(res)}`);
            }
            expectNamesPart(res.body, [`"${id}"`, 'source']);
            expect(await stored()).toEqual(before);
          },
        ),
        1,
      ),
    ).toBeUndefined();
  });
});
