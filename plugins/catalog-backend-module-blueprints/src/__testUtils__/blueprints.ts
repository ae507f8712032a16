import {
  Blueprint,
  RegisteredBlueprint,
  StoredEntity,
} from '@plinth/plugin-blueprints-common';
import { BlueprintsService } from '@plinth/plugin-blueprints-node';

/** Blueprints shaped like the seed's, and a custom one. */
export const testBlueprints: Blueprint[] = [
  { identifier: 'Domain', schema: { properties: {} } },
  {
    identifier: 'System',
    schema: { properties: {} },
    relations: { domain: { target: 'Domain', required: true } },
  },
  {
    identifier: 'Component',
    schema: {
      properties: { type: { type: 'string', enum: ['service', 'library'] } },
    },
    relations: {
      system: { target: 'System' },
      components: { target: 'Component', many: true },
    },
  },
  {
    identifier: 'API',
    schema: { properties: { type: { type: 'string' } } },
    relations: { provider: { target: 'Component', required: true } },
  },
  {
    identifier: 'Environment',
    schema: {
      properties: {
        type: { type: 'string', enum: ['development', 'production'] },
        ttlHours: { type: 'number', minimum: 1 },
      },
      required: ['type'],
    },
    relations: { system: { target: 'System', required: true } },
  },
];

/**
 * The blueprints backend as the module reads it, answering from memory: the
 * module's own tests are about what it does with the answers.
 */
export class InMemoryBlueprintsService implements BlueprintsService {
  reads = 0;

  constructor(
    public blueprints: Blueprint[] = testBlueprints,
    public stored: StoredEntity[] = [],
  ) {}

  async getBlueprints() {
    this.reads++;
    const items: RegisteredBlueprint[] = this.blueprints.map(blueprint => ({
      blueprint,
      origin: 'file',
      source: `blueprints/${blueprint.identifier}.json`,
      version: 1,
      updatedAt: '2026-11-27T12:00:00.000Z',
    }));
    return { items, problems: [] };
  }

  async getStoredEntities() {
    return { items: this.stored };
  }

  // The module never reads entity views; nothing is computed here.
  async getEntityViews() {
    return { items: [] };
  }

  async getEntityViewsByRefs(entityRefs: string[]) {
    return { items: entityRefs.map(() => null) };
  }
}
