import { Entity } from '@backstage/catalog-model';
import {
  Blueprint,
  BlueprintListResponse,
  PortEntity,
  portEntityToBackstage,
  RegisteredBlueprint,
} from '@plinth/plugin-blueprints-common';
import { BlueprintsApi } from '../api/BlueprintsApi';

/*
 * A trimmed copy of the demo data model (examples/plinth): enough blueprints
 * to exercise every property type and format, relations both ways, and each
 * kind of derived property.
 */

export const systemBlueprint: Blueprint = {
  identifier: 'System',
  title: 'System',
  icon: 'DevopsTool',
  schema: { properties: {}, required: [] },
  relations: {},
};

export const componentBlueprint: Blueprint = {
  identifier: 'Component',
  title: 'Component',
  icon: 'Cloud',
  schema: {
    properties: {
      type: {
        type: 'string',
        enum: ['service', 'library'],
        enumColors: { service: 'blue', library: 'green' },
      },
    },
  },
  relations: {
    system: { target: 'System', required: false, many: false },
  },
};

export const clusterBlueprint: Blueprint = {
  identifier: 'Cluster',
  title: 'Cluster',
  icon: 'Cluster',
  schema: {
    properties: {
      provider: {
        title: 'Provider',
        type: 'string',
        enum: ['eks', 'gke'],
        enumColors: { eks: 'orange', gke: 'blue' },
      },
    },
    required: ['provider'],
  },
};

export const environmentBlueprint: Blueprint = {
  identifier: 'Environment',
  title: 'Environment',
  icon: 'Environment',
  description: 'Where a system is deployed',
  schema: {
    properties: {
      type: {
        title: 'Type',
        type: 'string',
        enum: ['development', 'staging', 'production', 'ephemeral'],
        enumColors: {
          development: 'green',
          staging: 'yellow',
          production: 'red',
          ephemeral: 'lightGray',
        },
      },
      url: { title: 'URL', type: 'string', format: 'url' },
      expiresAt: { title: 'Expires', type: 'string', format: 'timer' },
      locked: { title: 'Locked', type: 'boolean', default: false },
      replicas: { title: 'Replicas', type: 'number', minimum: 0 },
      owner: { title: 'Requested by', type: 'string', format: 'user' },
      onCall: { title: 'On call', type: 'string', format: 'team' },
      contact: { title: 'Contact', type: 'string', format: 'email' },
      notes: { title: 'Notes', type: 'string', format: 'markdown' },
      values: { title: 'Values', type: 'string', format: 'yaml' },
      labels: { title: 'Labels', type: 'object' },
      regions: {
        title: 'Regions',
        type: 'array',
        items: { type: 'string', enum: ['eu-west-1', 'us-east-1'] },
        uniqueItems: true,
      },
    },
    required: ['type'],
  },
  mirrorProperties: {
    domain: { title: 'Domain', path: 'system.domain.$title' },
  },
  calculationProperties: {
    replicaLabel: {
      title: 'Replica label',
      type: 'string',
      calculation: '"\\(.properties.replicas) replicas"',
    },
  },
  aggregationProperties: {
    deployments: {
      title: 'Deployments',
      target: 'Deployment',
      calculationSpec: { calculationBy: 'entities', func: 'count' },
    },
  },
  relations: {
    system: {
      title: 'System',
      target: 'System',
      required: true,
      many: false,
    },
    cluster: {
      title: 'Cluster',
      target: 'Cluster',
      required: false,
      many: false,
    },
  },
};

export const deploymentBlueprint: Blueprint = {
  identifier: 'Deployment',
  title: 'Deployment',
  icon: 'Deployment',
  schema: {
    properties: {
      status: {
        title: 'Status',
        type: 'string',
        enum: ['success', 'failure'],
        enumColors: { success: 'green', failure: 'red' },
      },
      startedAt: { title: 'Started', type: 'string', format: 'date-time' },
      pipeline: { title: 'Pipeline', type: 'object', format: 'labeled-url' },
      changes: { title: 'Changes', type: 'array', items: { type: 'string' } },
    },
    required: ['status'],
  },
  mirrorProperties: {
    environmentType: { title: 'Environment type', path: 'environment.type' },
  },
  relations: {
    service: {
      title: 'Service',
      target: 'Component',
      required: true,
      many: false,
    },
    environment: {
      title: 'Environment',
      target: 'Environment',
      required: true,
      many: false,
    },
  },
};

export const apiBlueprint: Blueprint = {
  identifier: 'API',
  title: 'API',
  icon: 'Link',
  schema: {
    properties: {
      spec: { title: 'Specification', type: 'string', spec: 'open-api' },
    },
  },
  relations: {
    provider: { target: 'Component', required: true, many: false },
  },
};

export const blueprints: Blueprint[] = [
  systemBlueprint,
  componentBlueprint,
  clusterBlueprint,
  environmentBlueprint,
  deploymentBlueprint,
  apiBlueprint,
];

export function registered(blueprint: Blueprint): RegisteredBlueprint {
  return {
    blueprint,
    origin: 'file',
    source: `examples/plinth/blueprints/${blueprint.identifier}.json`,
    version: 2,
    updatedAt: '2026-11-20T10:00:00Z',
  };
}

export const blueprintList: BlueprintListResponse = {
  items: blueprints.map(registered),
  problems: [
    {
      source: 'examples/plinth/blueprints/Broken.json',
      pointer: '/schema/properties/size/type',
      message: 'type must be one of string, number, boolean, object, array',
    },
  ],
};

const byId = new Map(blueprints.map(b => [b.identifier, b]));

/** A Port entity as the catalog holds it. */
export function catalogEntity(blueprint: string, port: PortEntity): Entity {
  return portEntityToBackstage(port, blueprint, { blueprints: byId });
}

export const cartProduction = catalogEntity('Environment', {
  identifier: 'cart-production',
  title: 'Cart production',
  team: 'cart-team',
  properties: {
    type: 'production',
    url: 'https://cart.example.com',
    expiresAt: '2027-01-15T18:00:00Z',
    locked: true,
    replicas: 6,
    owner: 'alice@example.com',
    onCall: 'cart-team',
    contact: 'cart-team@example.com',
    notes: '**Change freeze** on Fridays.',
    values: 'resources:\n  cpu: 500m\n',
    labels: { 'cost-center': 'orders' },
    regions: ['eu-west-1'],
  },
  relations: { system: 'Cart', cluster: null },
});

/** A fake of the blueprints backend, over the fixtures. */
export function fakeBlueprintsApi(
  overrides: Partial<BlueprintsApi> = {},
): jest.Mocked<BlueprintsApi> {
  return {
    listBlueprints: jest.fn(async () => blueprintList),
    getBlueprint: jest.fn(async (identifier: string) =>
      registered(byId.get(identifier)!),
    ),
    getBlueprintVersions: jest.fn(async (identifier: string) => ({
      items: [
        {
          version: 2,
          blueprint: byId.get(identifier)!,
          origin: 'file' as const,
          source: `examples/plinth/blueprints/${identifier}.json`,
          createdAt: '2026-11-20T10:00:00Z',
          createdBy: 'user:default/alice',
        },
        {
          version: 1,
          blueprint: byId.get(identifier)!,
          origin: 'file' as const,
          source: `examples/plinth/blueprints/${identifier}.json`,
          createdAt: '2026-11-01T10:00:00Z',
        },
      ],
    })),
    listBlueprintEntities: jest.fn(async () => []),
    createEntity: jest.fn(
      async (_blueprint: string, entity: PortEntity) => entity,
    ),
    validateEntity: jest.fn(async () => ({ valid: true, problems: [] })),
    getDerivedProperties: jest.fn(async () => undefined),
    getDerivedPropertiesByRefs: jest.fn(async () => []),
    ...overrides,
  } as jest.Mocked<BlueprintsApi>;
}
