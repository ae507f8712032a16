/*
 * Property-based tests of the GitHub webhook (issue 12, item 9), through
 * the real DORA backend with this module, started once: signed deliveries
 * of `deployment_status` and `pull_request` payloads with one field broken
 * (wrong types, names of Object.prototype's properties, over-long text,
 * missing fields, arrays for objects, nulls, deep nesting), as JSON and
 * form-encoded; bad signatures, headers and bodies; random JSON. Every
 * answer is below 500; a 4xx names the field or header at fault, and stores
 * nothing (not even the delivery id); a delivery answered 200 for a broken
 * payload takes no event in.
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
import success from './__fixtures__/github-deployment_status-success.json';
import merged from './__fixtures__/github-pull_request-closed-merged.json';
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
import githubModule from './index';

jest.setTimeout(PROPERTY_TIMEOUT_MS);

const SECRET = 'gh-Secret-value-1234';
const WEBHOOK = '/api/dora/webhooks/github';

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

const signed = (body: string, secret = SECRET) =>
  `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;

/**
 * A broken payload field, and the fields of the DORA event it maps to: a
 * break the source can read (a date that is none) is taken to an event the
 * backend rejects, naming those (`maps`); without `maps`, the source must
 * refuse the delivery itself.
 */
interface PayloadBreak {
  event: 'deployment_status' | 'pull_request';
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
const notADate = fc.constantFrom(
  'yesterday',
  '2024-05-02',
  '2024-13-45T00:00:00Z',
  '',
);

/** Breaks of the repository, shared by both events. */
function repositoryBreaks(event: PayloadBreak['event']) {
  const of = (
    broken: fc.Arbitrary<Break>,
    maps?: string[],
  ): fc.Arbitrary<PayloadBreak> =>
    broken.map(b => ({ event, broken: b, maps }));
  return [
    of(breakAt(['repository'], fc.oneof(fc.constant(MISSING), notAnObject))),
    of(
      breakAt(
        ['repository', 'full_name'],
        fc.oneof(fc.constant(MISSING), fc.constant(''), notText),
      ),
    ),
    of(
      breakAt(
        ['repository', 'name'],
        fc.oneof(fc.constant(MISSING), fc.constant(''), notText),
      ),
    ),
    // A name that makes no entity ref (no entity of the catalog has the repository).
    of(
      breakAt(
        ['repository', 'name'],
        fc.oneof(
          fc.constantFrom('Cart Service', '../x', '-x-', 'a/b', '__proto__'),
          overLong(255),
        ),
      ),
      ['entity'],
    ),
  ];
}

const deploymentStatusBreak: fc.Arbitrary<PayloadBreak> = (() => {
  const event = 'deployment_status' as const;
  const of = (
    broken: fc.Arbitrary<Break>,
    maps?: string[],
  ): fc.Arbitrary<PayloadBreak> =>
    broken.map(b => ({ event, broken: b, maps }));
  return fc.oneof(
    of(breakAt([], notAnObject)),
    of(
      breakAt(
        ['deployment_status'],
        fc.oneof(fc.constant(MISSING), notAnObject),
      ),
    ),
    of(
      breakAt(
        ['deployment_status', 'state'],
        fc.oneof(fc.constant(MISSING), notText),
      ),
    ),
    of(
      breakAt(
        ['deployment_status', 'created_at'],
        fc.oneof(fc.constant(MISSING), notText),
      ),
    ),
    of(breakAt(['deployment_status', 'created_at'], notADate), ['finishedAt']),
    of(breakAt(['deployment_status', 'environment'], notTextOrNull)),
    of(breakAt(['deployment_status', 'environment'], overLong(64)), [
      'environment',
    ]),
    of(breakAt(['deployment'], fc.oneof(fc.constant(MISSING), notAnObject))),
    of(
      breakAt(
        ['deployment', 'id'],
        fc.oneof(
          fc.constant(MISSING),
          fc.constant(1.5),
          otherThan('number'),
          deeplyNested(),
        ),
      ),
    ),
    of(
      breakAt(
        ['deployment', 'sha'],
        fc.oneof(fc.constant(MISSING), fc.constant(''), notText),
      ),
    ),
    of(
      breakAt(
        ['deployment', 'created_at'],
        fc.oneof(fc.constant(MISSING), notText),
      ),
    ),
    of(breakAt(['deployment', 'created_at'], notADate), ['startedAt']),
    // Started after it finished.
    of(
      breakAt(
        ['deployment', 'created_at'],
        fc.constant('2024-05-02T10:00:00Z'),
      ),
      ['finishedAt'],
    ),
    of(breakAt(['deployment', 'task'], notTextOrNull)),
    of(breakAt(['deployment', 'environment'], notTextOrNull)),
    of(
      breakAt(
        ['deployment', 'payload', 'entityRef'],
        fc.oneof(
          fc.constantFrom('not a ref', 'component:', '1970-01-01T00:00:00Z'),
          prototypeName,
          overLong(255),
        ),
      ),
      ['entity'],
    ),
    of(
      breakAt(
        ['deployment', 'payload', 'changes'],
        overLong(255).map(id => [id]),
      ),
      ['changes'],
    ),
    ...repositoryBreaks(event),
  );
})();

const pullRequestBreak: fc.Arbitrary<PayloadBreak> = (() => {
  const event = 'pull_request' as const;
  const of = (
    broken: fc.Arbitrary<Break>,
    maps?: string[],
  ): fc.Arbitrary<PayloadBreak> =>
    broken.map(b => ({ event, broken: b, maps }));
  return fc.oneof(
    of(breakAt([], notAnObject)),
    of(breakAt(['action'], fc.oneof(fc.constant(MISSING), notText))),
    of(breakAt(['pull_request'], fc.oneof(fc.constant(MISSING), notAnObject))),
    of(
      breakAt(
        ['pull_request', 'number'],
        fc.oneof(
          fc.constant(MISSING),
          fc.constant(1.5),
          otherThan('number'),
          deeplyNested(),
        ),
      ),
    ),
    of(
      breakAt(
        ['pull_request', 'created_at'],
        fc.oneof(fc.constant(MISSING), notText),
      ),
    ),
    of(breakAt(['pull_request', 'created_at'], notADate), ['createdAt']),
    of(
      breakAt(
        ['pull_request', 'merged'],
        fc.oneof(otherThan('boolean', 'null'), deeplyNested()),
      ),
    ),
    of(
      breakAt(
        ['pull_request', 'merge_commit_sha'],
        fc.oneof(
          fc.constant(MISSING),
          fc.constantFrom(null, ''),
          notTextOrNull,
        ),
      ),
    ),
    of(breakAt(['pull_request', 'merge_commit_sha'], overLong(255)), ['id']),
    ...repositoryBreaks(event),
  );
})();

/** What a request body may be: any JSON. */
const anyJson = fc.jsonValue({ maxDepth: 4 });

describe('the GitHub webhook, against generated bad deliveries', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  let client: ReturnType<typeof request>;
  let knex: TestKnex;
  /** Numbers delivery ids, each new. */
  let fresh = 0;

  beforeAll(async () => {
    knex = await databases.init('SQLITE_3');
    const { server } = await startTestBackend({
      features: [
        doraPlugin,
        githubModule,
        mockServices.database.factory({ knex }),
        mockServices.rootConfig.factory({
          data: {
            plinth: { dora: { webhooks: { github: { secret: SECRET } } } },
          },
        }),
        // No entity is annotated with a repository: entities come from names.
        catalogServiceMock.factory({
          entities: [
            {
              apiVersion: 'backstage.io/v1alpha1',
              kind: 'Component',
              metadata: { name: 'cart-service' },
              spec: {},
            },
          ],
        }),
      ],
    });
    client = request(server);

    // A change and its deployment stored, so that a delivery could change them.
    for (const [event, payload] of [
      ['pull_request', merged],
      ['deployment_status', success],
    ] as const) {
      const res = await deliver(event, JSON.stringify(payload));
      ensure(
        res.status === 200 && res.body.created === 1,
        () => `the seed was not taken: ${describeAnswer(res)}`,
      );
    }
  });

  /** A delivery as GitHub sends it, signed, with a fresh delivery id. */
  function deliver(
    event: string | undefined,
    body: string,
    options: {
      signature?: string | null;
      deliveryId?: string | null;
      type?: string;
    } = {},
  ) {
    let req = client
      .post(WEBHOOK)
      .set('Authorization', '')
      .set('Content-Type', options.type ?? 'application/json');
    if (event !== undefined) req = req.set('X-GitHub-Event', event);
    const deliveryId =
      options.deliveryId === undefined
        ? `delivery-${++fresh}`
        : options.deliveryId;
    if (deliveryId !== null) req = req.set('X-GitHub-Delivery', deliveryId);
    const signature =
      options.signature === undefined ? signed(body) : options.signature;
    if (signature !== null) req = req.set('X-Hub-Signature-256', signature);
    return req.send(body);
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

  it('refuses every signed delivery with a broken payload, naming the field, or takes no event of it, as JSON or a form', async () => {
    expect(
      await propertyFailure(
        fc.asyncProperty(
          fc.oneof(deploymentStatusBreak, pullRequestBreak),
          fc.constantFrom('json' as const, 'form' as const),
          async ({ event, broken, maps }, format) => {
            const payload = applyBreak(
              event === 'deployment_status' ? success : merged,
              broken,
            );
            const json = jsonText(payload);
            const body =
              format === 'json'
                ? json
                : new URLSearchParams({ payload: json }).toString();
            const before = await stored();
            const res = await deliver(event, body, {
              type:
                format === 'json'
                  ? 'application/json'
                  : 'application/x-www-form-urlencoded',
            });
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
                `the rejection names none of ${maps.join(
                  ', ',
                )}: ${describeAnswer(res)}`,
            );
          },
        ),
        2,
      ),
    ).toBeUndefined();
  });

  it('refuses a bad signature, header or body with a 4xx naming it, and stores nothing, not even the delivery id', async () => {
    const body = JSON.stringify(merged);
    const cases = fc.oneof(
      // A signature that is not of this body with this secret.
      fc
        .oneof(
          fc.constant(null),
          fc.constantFrom('', 'sha256=', 'sha1=00', signed(body, 'guess')),
          fc.string({ maxLength: 40 }).map(s => `sha256=${s}`),
          fc.stringMatching(/^[0-9a-f]{64}$/).map(hex => `sha256=${hex}`),
        )
        .map(signature => ({
          event: 'pull_request' as string | undefined,
          body,
          options: { signature },
          words: ['X-Hub-Signature-256'],
        })),
      // No event name.
      fc.constant({
        event: undefined as string | undefined,
        body,
        options: {},
        words: ['X-GitHub-Event'],
      }),
      // No delivery id, or one too long to keep.
      fc
        .oneof(
          fc.constantFrom(null, '', '   '),
          fc.integer({ min: 256, max: 4000 }).map(n => 'd'.repeat(n)),
        )
        .map(deliveryId => ({
          event: 'pull_request' as string | undefined,
          body,
          options: { deliveryId },
          words: ['X-GitHub-Delivery'],
        })),
      // A body that is not JSON.
      fc
        .oneof(
          fc.constantFrom('{"action":', '[', 'nul', ''),
          fc.string({ maxLength: 20 }).filter(text => {
            try {
              JSON.parse(text);
              return false;
            } catch {
              return true;
            }
          }),
        )
        .map(text => ({
          event: 'pull_request' as string | undefined,
          body: text,
          options: {},
          words: ['body'],
        })),
      // A form without a payload, or whose payload is not JSON.
      fc
        .oneof(
          fc.constantFrom('', 'a=1', 'payloads=%7B%7D', 'payload', '&&'),
          fc
            .constantFrom('{', 'nul', '')
            .map(text => `payload=${encodeURIComponent(text)}`),
        )
        .map(text => ({
          event: 'pull_request' as string | undefined,
          body: text,
          options: { type: 'application/x-www-form-urlencoded' },
          words: ['payload'],
        })),
    );
    expect(
      await propertyFailure(
        fc.asyncProperty(
          cases,
          async ({ event, body: sent, options, words }) => {
            const before = await stored();
            const res = await deliver(event, sent, options);
            if (res.status < 400 || res.status >= 500) {
              throw new Error(`answered ${describeAnswer(res)}`);
            }
            expectNamesPart(res.body, words);
            expect(await stored()).toEqual(before);
          },
        ),
        5,
      ),
    ).toBeUndefined();
  });

  it('answers signed random JSON below 500 under any event name, a 4xx naming the payload, and stores nothing from it', async () => {
    const eventName = fc.oneof(
      fc.constantFrom('deployment_status', 'pull_request', 'ping', 'push'),
      prototypeName,
      fc
        .string({ minLength: 1, maxLength: 20 })
        .filter(s => /^[\x21-\x7e]+$/.test(s)),
    );
    expect(
      await propertyFailure(
        fc.asyncProperty(eventName, anyJson, async (event, payload) => {
          const before = await stored();
          const res = await deliver(event, jsonText(payload));
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
