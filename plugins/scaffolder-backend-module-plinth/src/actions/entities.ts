import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  blueprintEntityRef,
  PortEntity,
} from '@plinth/plugin-blueprints-common';
import type { BlueprintEntityStore } from '@plinth/plugin-blueprints-node';
import type { z as zod } from 'zod/v3';
import { explained, sideEffect } from './steps';

const BLUEPRINT =
  'The blueprint identifier, such as Customer or FeatureFlag (as in the data model page)';
const IDENTIFIER =
  "The entity's identifier, unique within its blueprint, such as acme";

/** The entity document of the input, without the fields left empty. */
function documentOf(input: {
  identifier: string;
  title?: string;
  team?: string | string[];
  properties?: Record<string, unknown>;
  relations?: Record<string, unknown>;
}): PortEntity {
  return Object.fromEntries(
    Object.entries({
      identifier: input.identifier,
      title: input.title || undefined,
      team: input.team || undefined,
      properties: input.properties,
      relations: input.relations,
    }).filter(([, value]) => value !== undefined),
  ) as unknown as PortEntity;
}

const entityInput = {
  blueprint: (z: typeof zod) => z.string().min(1).describe(BLUEPRINT),
  identifier: (z: typeof zod) => z.string().min(1).describe(IDENTIFIER),
  title: (z: typeof zod) =>
    z.string().optional().describe('Its title, as people read it'),
  team: (z: typeof zod) =>
    z
      .union([z.string(), z.array(z.string())])
      .optional()
      .describe('The owning team or teams (group names or refs)'),
  properties: (z: typeof zod) =>
    z
      .record(z.unknown())
      .optional()
      .describe("Property values, by the blueprint's property identifiers"),
  relations: (z: typeof zod) =>
    z
      .record(z.unknown())
      .optional()
      .describe(
        "Related entities' identifiers, by the blueprint's relation identifiers",
      ),
};

/**
 * `plinth:entity:create`: an entity of a blueprint in the entity store,
 * validated as the store validates it (a dry run validates and stores
 * nothing).
 * @public
 */
export function createEntityCreateAction(options: {
  entities: BlueprintEntityStore;
}) {
  const { entities } = options;
  return createTemplateAction({
    id: 'plinth:entity:create',
    description:
      "Creates (or with upsert, replaces) an entity of a blueprint in Plinth's entity store, validated against the blueprint's schema; it shows in the catalog",
    supportsDryRun: true,
    examples: [
      {
        description: 'A new customer on the starter plan',
        example: `steps:
  - id: customer
    name: Create the customer
    action: plinth:entity:create
    input:
      blueprint: Customer
      identifier: acme
      title: Acme Corp
      properties:
        plan: starter
        softwareVersion: "2.4"`,
      },
    ],
    schema: {
      input: {
        ...entityInput,
        upsert: z =>
          z
            .boolean()
            .optional()
            .describe('Replace an entity of this identifier if there is one'),
      },
      output: {
        identifier: z => z.string().describe('Its identifier'),
        entityRef: z =>
          z.string().describe('Its catalog entity ref, for links'),
      },
    },
    async handler(ctx) {
      const { blueprint, identifier } = ctx.input;
      const credentials = await ctx.getInitiatorCredentials();
      const document = documentOf(ctx.input);
      const describe = `${
        ctx.input.upsert ? 'create or replace' : 'create'
      } ${blueprint} ${identifier}`;
      // A dry run asks the store to validate it, as a run would, and to
      // keep nothing.
      if (ctx.isDryRun) {
        await explained(describe, () =>
          entities.createEntity(blueprint, document, {
            credentials,
            upsert: ctx.input.upsert,
            validationOnly: true,
          }),
        );
      }
      await sideEffect(ctx, {
        key: `plinth:entity:create:${blueprint}:${identifier}`,
        describe,
        dry: null,
        run: async () => {
          await explained(describe, () =>
            entities.createEntity(blueprint, document, {
              credentials,
              upsert: ctx.input.upsert,
            }),
          );
          return null;
        },
      });
      ctx.output('identifier', identifier);
      ctx.output('entityRef', blueprintEntityRef(blueprint, identifier));
    },
  });
}

/**
 * `plinth:entity:update`: changes properties, relations, title or team of
 * an entity of the entity store (merged into what it has).
 * @public
 */
export function createEntityUpdateAction(options: {
  entities: BlueprintEntityStore;
}) {
  const { entities } = options;
  return createTemplateAction({
    id: 'plinth:entity:update',
    description:
      "Changes an entity of Plinth's entity store: the properties, relations, title or team given are merged into what it has, and the result is validated against its blueprint",
    supportsDryRun: true,
    examples: [
      {
        description: "Upgrade a customer's plan tier",
        example: `steps:
  - id: plan
    name: Change the plan
    action: plinth:entity:update
    input:
      blueprint: Customer
      identifier: acme
      properties:
        plan: enterprise`,
      },
    ],
    schema: {
      input: entityInput,
      output: {
        changed: z =>
          z
            .array(z.string())
            .describe('What changed, as "property: before → after"'),
        entityRef: z =>
          z.string().describe('Its catalog entity ref, for links'),
      },
    },
    async handler(ctx) {
      const { blueprint, identifier } = ctx.input;
      const credentials = await ctx.getInitiatorCredentials();
      const current = await explained(`read ${blueprint} ${identifier}`, () =>
        entities.getEntity(blueprint, identifier, { credentials }),
      );
      const { identifier: _, ...change } = documentOf(ctx.input);
      const changed = Object.entries(change.properties ?? {})
        .filter(
          ([key, value]) =>
            JSON.stringify(current.properties?.[key]) !== JSON.stringify(value),
        )
        .map(
          ([key, value]) =>
            `${key}: ${JSON.stringify(
              current.properties?.[key] ?? null,
            )} → ${JSON.stringify(value)}`,
        );
      const describe = `update ${blueprint} ${identifier}${
        changed.length ? ` (${changed.join('; ')})` : ''
      }`;
      if (ctx.isDryRun) {
        // Validated as merged, stored nowhere.
        await explained(describe, () =>
          entities.createEntity(
            blueprint,
            { identifier, ...change },
            { credentials, upsert: true, merge: true, validationOnly: true },
          ),
        );
      }
      await sideEffect(ctx, {
        key: `plinth:entity:update:${blueprint}:${identifier}`,
        describe,
        dry: null,
        run: async () => {
          await explained(describe, () =>
            entities.updateEntity(blueprint, identifier, change, {
              credentials,
              merge: true,
            }),
          );
          return null;
        },
      });
      ctx.output('changed', changed);
      ctx.output('entityRef', blueprintEntityRef(blueprint, identifier));
    },
  });
}

/**
 * `plinth:entity:delete`: an entity of the entity store.
 * @public
 */
export function createEntityDeleteAction(options: {
  entities: BlueprintEntityStore;
}) {
  const { entities } = options;
  return createTemplateAction({
    id: 'plinth:entity:delete',
    description:
      "Deletes an entity from Plinth's entity store (and so from the catalog)",
    supportsDryRun: true,
    examples: [
      {
        description: 'Remove a customer who left',
        example: `steps:
  - id: delete
    name: Delete the customer
    action: plinth:entity:delete
    input:
      blueprint: Customer
      identifier: acme`,
      },
    ],
    schema: {
      input: {
        blueprint: z => z.string().min(1).describe(BLUEPRINT),
        identifier: z => z.string().min(1).describe(IDENTIFIER),
      },
    },
    async handler(ctx) {
      const { blueprint, identifier } = ctx.input;
      const credentials = await ctx.getInitiatorCredentials();
      const current = await explained(`read ${blueprint} ${identifier}`, () =>
        entities.getEntity(blueprint, identifier, { credentials }),
      );
      const describe = `delete ${blueprint} ${
        current.title ?? identifier
      } (${identifier})`;
      await sideEffect(ctx, {
        key: `plinth:entity:delete:${blueprint}:${identifier}`,
        describe,
        dry: null,
        run: async () => {
          await explained(describe, () =>
            entities.deleteEntity(blueprint, identifier, { credentials }),
          );
          return null;
        },
      });
    },
  });
}
