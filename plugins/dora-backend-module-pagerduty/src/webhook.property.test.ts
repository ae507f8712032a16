/*
 * Property-based tests of the PagerDuty webhook (issue 12, item 9), through
 * the real DORA backend with this module, started once: authenticated
 * deliveries of incident payloads with one field broken (wrong types, names
 * of Object.prototype's properties, over-long text, missing fields, arrays
 * for objects, nulls, deep nesting); bad tokens, signatures and bodies;
 * random JSON. Every answer is below 500; a 4xx names the field or header at
 * fault, and stores nothing (not even the delivery id); a delivery answered
 * 200 for a broken payload takes no event in.
 *
 * Bounded for CI (a fixed seed, PLINTH_PROPERTY_RUNS cases per route,
 * 40 by default); a long run: PLINTH_PROPERTY_RUNS=2000.
 */

import {
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
// The real DORA backend, on whose extension point the module adds its source.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import doraPlugin from '@plinth/plugin-dora-backend';
import fc from 'fast-check';
import { createHmac } from 'node:crypto';
import request from 'supertest';
import triggered from './__fixtures__/pagerduty-incident-triggered.json';
import {
  applyBreak,
  Break,
  breakAt,
  deeplyNested,
  describeAnswer,
  ensure,
  expectNamesField,
  expectNamesPart,
  hostileObject,
  jsonText,
  MISSING,
  otherThan,
  overLong,
  propertyFailure,
  PROPERTY_TIMEOUT_MS,
  prototypeName,
  readTables,
  TestKnex,
} from '@plinth/backend-utils/testUtils';
import pagerDutyModule from './index';

jest.setTimeout(PROPERTY_TIMEOUT_MS);

const TOKEN = 'pd-Token-value-5678';
const SIGNING = 'pd-Signing-value-9012';
const WEBHOOK = '/api/dora/webhooks/pagerduty';

/** The DORA backend's tables: events, what it derives, delivery ids. */
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

const signature = (body: string, secret = SIGNING) =>
  `v1=${createHmac('sha256', secret).update(body).digest('hex')}`;

/**
 * A broken payload field, and the fields of the DORA incident it maps to:
 * a break the source can read (a date that is none) is taken to an event
 * the backend rejects, naming those (`maps`); without `maps`, the source
 * must refuse the delivery itself.
 */
interface PayloadBreak {
  broken: Break;
  maps?: string[];
}

const notText = fc.oneof(otherThan('string'), hostileObject, deeplyNested());
const notTextOrNull = fc.oneof(
  otherThan('string', 'null'),
  hostileObject,
  deeplyNested(),
);
const notAnObject = fc.oneof(otherThan('object'), deeplyNested('arrays'));

const of = (
  broken: fc.Arbitrary<Break>,
  maps?: string[],
): fc.Arbitrary<PayloadBreak> => broken.map(b => ({ broken: b, maps }));

/** One broken field of an incident delivery. */
const payloadBreak: fc.Arbitrary<PayloadBreak> = fc.oneof(
  of(breakAt([], notAnObject)),
  of(breakAt(['event'], fc.oneof(fc.constant(MISSING), notAnObject))),
  of(
    breakAt(
      ['event', 'id'],
      fc.oneof(fc.constant(MISSING), fc.constant(''), overLong(255), notText),
    ),
  ),
  of(breakAt(['event', 'event_type'], fc.oneof(fc.constant(MISSING), notText))),
  of(
    breakAt(
      ['event', 'resource_type'],
      fc.oneof(fc.constant(MISSING), notText),
    ),
  ),
  of(
    breakAt(
      ['event', 'occurred_at'],
      fc.oneof(
        fc.constant(MISSING),
        fc.constantFrom('yesterday', 'soon', ''),
        notText,
      ),
    ),
  ),
  of(breakAt(['event', 'data'], fc.oneof(fc.constant(MISSING), notAnObject))),
  of(
    breakAt(
      ['event', 'data', 'id'],
      fc.oneof(fc.constant(MISSING), fc.constant(''), notText),
    ),
  ),
  of(breakAt(['event', 'data', 'id'], overLong(255)), ['id']),
  of(
    breakAt(
      ['event', 'data', 'type'],
      fc.oneof(
        fc.constant(MISSING),
        fc.constantFrom('service', 'Incident', ''),
        prototypeName,
        notText,
      ),
    ),
  ),
  of(
    breakAt(
      ['event', 'data', 'status'],
      fc.oneof(fc.constant(MISSING), notText),
    ),
  ),
  of(
    breakAt(
      ['event', 'data', 'created_at'],
      fc.oneof(fc.constant(MISSING), notText),
    ),
  ),
  of(
    breakAt(
      ['event', 'data', 'created_at'],
      fc.constantFrom('yesterday', '2024-05-02', '2024-13-45T00:00:00Z', ''),
    ),
    ['createdAt'],
  ),
  of(
    breakAt(
      ['event', 'data', 'service'],
      fc.oneof(fc.constant(MISSING), notAnObject),
    ),
  ),
  of(
    breakAt(
      ['event', 'data', 'service', 'id'],
      fc.oneof(fc.constant(MISSING), fc.constant(''), notText),
    ),
  ),
  of(breakAt(['event', 'data', 'service', 'summary'], notTextOrNull)),
  // A name that makes no entity ref (no entity of the catalog has the service).
  of(
    breakAt(
      ['event', 'data', 'service', 'summary'],
      fc.oneof(fc.constantFrom('!!!', '---', '☃'), overLong(255)),
    ),
    ['entity'],
  ),
);

describe('the PagerDuty webhook, against generated bad deliveries', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  let client: ReturnType<typeof request>;
  let knex: TestKnex;
  /** Numbers event ids (PagerDuty's delivery ids), each new. */
  let fresh = 0;

  beforeAll(async () => {
    knex = await databases.init('SQLITE_3');
    const { server } = await startTestBackend({
      features: [
        doraPlugin,
        pagerDutyModule,
        mockServices.database.factory({ knex }),
        mockServices.rootConfig.factory({
          data: {
            plinth: {
              dora: {
                webhooks: {
                  pagerduty: { token: TOKEN, signingSecret: SIGNING },
                },
              },
            },
          },
        }),
        // The entity of the fixture's service, by its name: no annotation.
        catalogServiceMock.factory({
          entities: [
            {
              apiVersion: 'backstage.io/v1alpha1',
              kind: 'Component',
              metadata: { name: 'cart-service-prod' },
              spec: {},
            },
          ],
        }),
      ],
    });
    client = request(server);

    // The incident stored, so that a delivery could change it.
    const res = await deliver(JSON.stringify(triggered));
    ensure(
      res.status === 200 && res.body.created === 1,
      () => `the seed was not taken: ${describeAnswer(res)}`,
    );
  });

  /** A delivery as PagerDuty sends it: the token header, signed. */
  function deliver(
    body: string,
    options: { token?: string | null; signature?: string | null } = {},
  ) {
    let req = client
      .post(WEBHOOK)
      .set('Authorization', '')
      .set('Content-Type', 'application/json');
    const token = options.token === undefined ? TOKEN : options.token;
    if (token !== null) req = req.set('X-Plinth-Token', token);
    const signed =
      options.signature === undefined ? signature(body) : options.signature;
    if (signed !== null) req = req.set('X-PagerDuty-Signature', signed);
    return req.send(body);
  }

  /** The fixture under a fresh event id: a delivery not received before. */
  function freshDelivery() {
    const payload = structuredClone(triggered);
    payload.event.id = `evt-${++fresh}`;
    return payload;
  }

  const stored = () => readTables(knex, TABLES);

  /** Below 500; a 4xx stores nothing at all; a 200 takes no event in. */
  async function checkStored(
    res: request.Response,
    before: Awaited<ReturnType<typeof stored>>,
  ) {
    if (res.status >= 500) {
      throw new Error(`answered ${describeAnswer(res)}`);
    }
    const after = await stored();
    if (res.status >= 400) {
      expect(after).toEqual(before);
      return;
    }
    for (const table of EVENT_TABLES) {
      expect({ table, rows: after[table] }).toEqual({
        table,
        rows: before[table],
      });
    }
  }

  it('refuses every delivery with a broken payload, naming the field, or takes no event of it', async () => {
    expect(
      await propertyFailure(
        fc.asyncProperty(payloadBreak, async ({ broken, maps }) => {
          const body = jsonText(applyBreak(freshDelivery(), broken));
          const before = await stored();
          const res = await deliver(body);
          await checkStored(res, before);
          if (res.status >= 400) {
            expectNamesField(res.body, broken.path, ['body', 'payload']);
            return;
          }
          if (!maps) {
            throw new Error(`took a broken payload: ${describeAnswer(res)}`);
          }
          ensure(
            res.body.accepted === 0,
            () => `took a broken payload: ${describeAnswer(res)}`,
          );
          // Ignored (a stale status), or rejected naming the event's field.
          const reason: unknown = res.body.rejected?.[0]?.reason;
          ensure(
            res.body.ignored !== undefined ||
              maps.some(field => String(reason).includes(field)),
            () =>
              `the rejection names none of ${maps.join(', ')}: ${describeAnswer(
                res,
              )}`,
          );
        }),
        1,
      ),
    ).toBeUndefined();
  });

  it('refuses a bad token, signature or body with a 4xx naming it, and stores nothing, not even the delivery id', async () => {
    const cases = fc.oneof(
      // A token that is not the configured one.
      fc
        .oneof(
          fc.constant(null),
          fc.constantFrom('', 'pd-Token-value-567', `${TOKEN}x`, 'null'),
          fc.string({ maxLength: 30 }).filter(s => /^[\x20-\x7e]*$/.test(s)),
        )
        .filter(token => token?.trim() !== TOKEN)
        .map(token => ({
          body: JSON.stringify(freshDelivery()),
          options: { token } as { token?: string | null; signature?: string },
          words: ['X-Plinth-Token'],
        })),
      // A signature that is not of this body with this secret.
      fc
        .oneof(
          fc.constant(null),
          fc.constantFrom('', 'v1=', 'v0=00', 'v1=00,v1=11'),
          fc.stringMatching(/^[0-9a-f]{64}$/).map(hex => `v1=${hex}`),
        )
        .chain(signed =>
          fc.constant({
            body: JSON.stringify(freshDelivery()),
            options: { signature: signed } as {
              token?: string | null;
              signature?: string | null;
            },
            words: ['X-PagerDuty-Signature'],
          }),
        ),
      // Signed with another secret.
      fc.constant(null).map(() => {
        const body = JSON.stringify(freshDelivery());
        return {
          body,
          options: { signature: signature(body, 'guess') },
          words: ['X-PagerDuty-Signature'],
        };
      }),
      // A body that is not JSON.
      fc
        .oneof(
          fc.constantFrom('{"event":', '[', 'nul', ''),
          fc.string({ maxLength: 20 }).filter(text => {
            try {
              JSON.parse(text);
              return false;
            } catch {
              return true;
            }
          }),
        )
        .map(body => ({ body, options: {}, words: ['body'] })),
    );
    expect(
      await propertyFailure(
        fc.asyncProperty(cases, async ({ body, options, words }) => {
          const before = await stored();
          const res = await deliver(body, options);
          if (res.status < 400 || res.status >= 500) {
            throw new Error(`answered ${describeAnswer(res)}`);
          }
          expectNamesPart(res.body, words);
          expect(await stored()).toEqual(before);
        }),
        3,
      ),
    ).toBeUndefined();
  });

  it('answers random JSON below 500, a 4xx naming the payload, and stores nothing from it', async () => {
    expect(
      await propertyFailure(
        fc.asyncProperty(fc.jsonValue({ maxDepth: 4 }), async payload => {
          const before = await stored();
          const res = await deliver(jsonText(payload));
          await checkStored(res, before);
          if (res.status >= 400) {
            expectNamesPart(res.body, ['payload', 'body']);
          }
        }),
        1,
      ),
    ).toBeUndefined();
  });
});
