import { createServiceFactory } from '@backstage/backend-plugin-api';
import {
  createMockDirectory,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  ANNOTATION_BLUEPRINT,
  ANNOTATION_IDENTIFIER,
  Blueprint,
  BLUEPRINTS_CATALOG_EVENT_TOPIC,
  CatalogEntitiesEvent,
  PortEntity,
} from '@plinth/plugin-blueprints-common';
// The real blueprints backend, whose entity views the scorecards evaluate.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import blueprintsPlugin from '@plinth/plugin-blueprints-backend';
// The real DORA backend, whose figures scorecard rules read.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import doraPlugin from '@plinth/plugin-dora-backend';
import type { Scorecard } from '@plinth/plugin-scorecards-common';
import request from 'supertest';
import scorecardsPlugin from '../index';
import {
  HiddenEntities,
  hidingServices,
} from '@plinth/backend-utils/testUtils';

/** A small model: services in systems in domains, with open incidents counted. */
export const testBlueprints: Blueprint[] = [
  { identifier: 'Domain', title: 'Domain', schema: { properties: {} } },
  {
    identifier: 'System',
    title: 'System',
    schema: { properties: {} },
    relations: { domain: { target: 'Domain' } },
  },
  {
    identifier: 'Service',
    title: 'Service',
    schema: {
      properties: {
        readme: { type: 'string' },
        coverage: { type: 'number', title: 'Test coverage' },
      },
    },
    relations: { system: { target: 'System' } },
    mirrorProperties: { domainTitle: { path: 'system.domain.$title' } },
  },
];

export const readiness: Scorecard = {
  identifier: 'readiness',
  title: 'Production readiness',
  blueprint: 'Service',
  rules: [
    {
      identifier: 'owned',
      title: 'Has an owner',
      level: 'Bronze',
      query: {
        combinator: 'and',
        conditions: [{ property: '$team', operator: 'isNotEmpty' }],
      },
    },
    {
      identifier: 'documented',
      title: 'Has a readme',
      level: 'Silver',
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

export const services: Array<PortEntity & { blueprint: string }> = [
  {
    identifier: 'cart',
    blueprint: 'Service',
    title: 'Cart',
    team: 'cart-team',
    properties: { readme: '# Cart', coverage: 91 },
    relations: { system: 'shop' },
  },
  {
    identifier: 'pay',
    blueprint: 'Service',
    title: 'Pay',
    team: 'pay-team',
    properties: { coverage: 30 },
    relations: { system: 'shop' },
  },
  {
    identifier: 'legacy',
    blueprint: 'Service',
    properties: {},
  },
];

const others: Array<PortEntity & { blueprint: string }> = [
  { identifier: 'orders', blueprint: 'Domain', title: 'Orders' },
  {
    identifier: 'shop',
    blueprint: 'System',
    relations: { domain: 'orders' },
  },
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

export const refOf = (e: PortEntity & { blueprint: string }) =>
  `${e.blueprint.toLocaleLowerCase('en-US')}:default/${e.identifier}`;

/**
 * The blueprints, DORA and scorecards backends together, over an in-memory catalog
 * holding the model's entities (and `extraEntities`, such as Scorecard
 * entities); the catalog's change feed is replayed into the events service.
 */
export async function startScorecardsBackend(options: {
  scorecardFiles?: Record<string, unknown>;
  extraEntities?: Entity[];
  deny?: boolean;
  config?: Record<string, unknown>;
  /** Entities a permission policy hides from one user. */
  hide?: HiddenEntities;
}) {
  const dir = createMockDirectory();
  dir.setContent({
    ...Object.fromEntries(
      testBlueprints.map(b => [
        `blueprints/${b.identifier}.json`,
        JSON.stringify(b),
      ]),
    ),
    ...Object.fromEntries(
      Object.entries(options.scorecardFiles ?? {}).map(([name, value]) => [
        `scorecards/${name}`,
        JSON.stringify(value),
      ]),
    ),
    'scorecards/.keep': '',
  });
  const events = mockServices.events();
  const all = [...others, ...services];
  const catalogEntities = [
    ...all.map(catalogEntity),
    ...(options.extraEntities ?? []),
  ];
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
      mockServices.rootConfig.factory({
        data: {
          plinth: {
            blueprints: { files: [dir.resolve('blueprints')] },
            scorecards: {
              files: [dir.resolve('scorecards')],
              ...options.config,
            },
          },
        },
      }),
      // Each plugin gets its own in-memory SQLite database.
      ...(options.hide
        ? hidingServices(
            catalogServiceMock({ entities: catalogEntities }),
            options.hide,
          )
        : [catalogServiceMock.factory({ entities: catalogEntities })]),
      ...(options.deny
        ? [mockServices.permissions.factory({ result: AuthorizeResult.DENY })]
        : []),
    ],
  });
  const delivered: CatalogEntitiesEvent = {
    type: 'catalog.entities.changed',
    entities: all.map(entity => ({ entityRef: refOf(entity), entity })),
  };
  await events.publish({
    topic: BLUEPRINTS_CATALOG_EVENT_TOPIC,
    eventPayload: delivered,
  });
  return {
    client: request(backend.server),
    stop: () => backend.stop(),
  };
}

/** Asks until `done` holds of the answer, or 20 seconds have passed. */
export async function eventually(
  read: () => Promise<request.Response>,
  done: (response: request.Response) => boolean,
): Promise<request.Response> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const response = await read();
    if (done(response) || Date.now() > deadline) return response;
    await new Promise(r => setTimeout(r, 200));
  }
}
