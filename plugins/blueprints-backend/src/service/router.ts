import {
  HttpAuthService,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import {
  bodyParserErrors,
  createRouteAuth,
  internalErrors,
  parseRequest,
} from '@plinth/backend-utils';
import {
  blueprintCreatePermission,
  blueprintDeletePermission,
  blueprintEntityCreatePermission,
  blueprintEntityDeletePermission,
  blueprintEntityUpdatePermission,
  BlueprintListResponse,
  blueprintUpdatePermission,
  BlueprintVersionsResponse,
  DEFAULT_MAX_DOCUMENT_BYTES,
  DerivedPropertiesBatchResponse,
  DerivedPropertiesResponse,
  EntityViewsBatchResponse,
  EntityViewsResponse,
  OwnedEntitiesResponse,
  PortEntity,
  RegisteredBlueprint,
  StoredEntityListResponse,
  ValidationResponse,
} from '@plinth/plugin-blueprints-common';
import express from 'express';
import Router from 'express-promise-router';
import { z } from 'zod/v3';
import type { DerivedReader } from '../derived/DerivedReader';
import type { BlueprintRegistry } from './BlueprintRegistry';
import type { EntityStore } from './EntityStore';

/** A JSON object; what is in it is checked by the services. */
const documentSchema = z.record(z.string(), z.unknown(), {
  invalid_type_error: 'the body must be a JSON object',
});

/** A query flag: `true` or `false`, false when absent. */
const flag = z
  .enum(['true', 'false'], {
    errorMap: () => ({ message: 'must be true or false' }),
  })
  .optional()
  .transform(value => value === 'true');

const entityWriteQuerySchema = z.object({
  upsert: flag,
  merge: flag,
  validation_only: flag,
});

const derivedBatchSchema = z.object({
  entityRefs: z
    .array(z.string().min(1, 'must not be empty'))
    .max(1000, 'at most 1000 refs at a time'),
});

const viewsQuerySchema = z.object({
  blueprint: z
    .string({
      required_error: 'is required',
      invalid_type_error: 'must be given once',
    })
    .min(1, 'must not be empty'),
  after: z.string({ invalid_type_error: 'must be given once' }).optional(),
  limit: z.coerce
    .number({ invalid_type_error: 'must be a number' })
    .int('must be a whole number')
    .min(1, 'must be at least 1')
    .max(5000, 'must be at most 5000')
    .default(1000),
});

const validateEntityQuerySchema = z.object({
  blueprint: z
    .string({ invalid_type_error: 'must be given once' })
    .min(1, 'must not be empty')
    .optional(),
});

/** What {@link createRouter} needs. */
export interface RouterOptions {
  logger: LoggerService;
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  registry: BlueprintRegistry;
  entities: EntityStore;
  derived: DerivedReader;
}

/**
 * The blueprints backend's REST API, mounted at `/api/blueprints`: the
 * blueprint registry, validation, and the entity store. Every route needs
 * a user or service; every change needs its permission.
 */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { httpAuth, permissions, registry, entities, derived } = options;
  const router = Router();
  router.use(express.json({ limit: DEFAULT_MAX_DOCUMENT_BYTES }));

  // Every route waits for the registry's first load.
  const auth = createRouteAuth({
    httpAuth,
    permissions,
    ready: () => registry.ready(),
  });

  router.get('/blueprints', async (req, res) => {
    await auth.credentials(req);
    const body: BlueprintListResponse = registry.list();
    res.json(body);
  });

  router.get('/blueprints/:identifier', async (req, res) => {
    await auth.credentials(req);
    const body: RegisteredBlueprint = registry.require(req.params.identifier);
    res.json(body);
  });

  router.get('/blueprints/:identifier/versions', async (req, res) => {
    await auth.credentials(req);
    const body: BlueprintVersionsResponse = {
      items: await registry.versions(req.params.identifier),
    };
    res.json(body);
  });

  router.post('/blueprints', async (req, res) => {
    const credentials = await auth.authorized(req, blueprintCreatePermission);
    const document = parseRequest(documentSchema, req.body, 'body');
    const body: RegisteredBlueprint = await registry.create(
      document,
      credentials,
    );
    res.status(201).json(body);
  });

  router.put('/blueprints/:identifier', async (req, res) => {
    const credentials = await auth.authorized(req, blueprintUpdatePermission);
    const document = parseRequest(documentSchema, req.body, 'body');
    const body: RegisteredBlueprint = await registry.replace(
      req.params.identifier,
      document,
      credentials,
    );
    res.json(body);
  });

  router.delete('/blueprints/:identifier', async (req, res) => {
    await auth.authorized(req, blueprintDeletePermission);
    await registry.delete(req.params.identifier);
    res.status(204).end();
  });

  router.post('/validate/blueprint', async (req, res) => {
    await auth.credentials(req);
    const body: ValidationResponse = await registry.validate(req.body);
    res.json(body);
  });

  router.post('/validate/entity', async (req, res) => {
    const credentials = await auth.credentials(req);
    const query = parseRequest(validateEntityQuerySchema, req.query, 'query');
    const body: ValidationResponse = await entities.validate(
      req.body,
      query.blueprint,
      credentials,
    );
    res.json(body);
  });

  router.get('/derived/by-ref/:kind/:namespace/:name', async (req, res) => {
    const credentials = await auth.credentials(req);
    const { kind, namespace, name } = req.params;
    const [found] = await derived.get(
      [`${kind}:${namespace}/${name}`],
      credentials,
    );
    if (!found) {
      throw new NotFoundError(
        `no derived properties for ${kind}:${namespace}/${name}: it is of no blueprint, not computed yet, or not visible to you`,
      );
    }
    const body: DerivedPropertiesResponse = found;
    res.json(body);
  });

  router.get('/derived/owned-by/:team', async (req, res) => {
    const credentials = await auth.credentials(req);
    const body: OwnedEntitiesResponse = await derived.ownedBy(
      req.params.team,
      credentials,
    );
    res.json(body);
  });

  router.post('/derived/by-refs', async (req, res) => {
    const credentials = await auth.credentials(req);
    const { entityRefs } = parseRequest(derivedBatchSchema, req.body, 'body');
    const body: DerivedPropertiesBatchResponse = {
      items: await derived.get(entityRefs, credentials),
    };
    res.json(body);
  });

  // Entity views for other backend plugins (scorecards): whole blueprints at
  // a time, so service callers only, and no per-entity visibility check.
  router.get('/derived/views', async (req, res) => {
    await auth.credentials(req, { allow: ['service'] });
    const { blueprint, after, limit } = parseRequest(
      viewsQuerySchema,
      req.query,
      'query',
    );
    const body: EntityViewsResponse = await derived.views(
      blueprint,
      after,
      limit,
    );
    res.json(body);
  });

  router.post('/derived/views/by-refs', async (req, res) => {
    await auth.credentials(req, { allow: ['service'] });
    const { entityRefs } = parseRequest(derivedBatchSchema, req.body, 'body');
    const body: EntityViewsBatchResponse = {
      items: await derived.viewsByRefs(entityRefs),
    };
    res.json(body);
  });

  router.get('/entities', async (req, res) => {
    const credentials = await auth.credentials(req);
    const body: StoredEntityListResponse = {
      items: await entities.list(credentials),
    };
    res.json(body);
  });

  router.get('/blueprints/:blueprint/entities', async (req, res) => {
    const credentials = await auth.credentials(req);
    const items: PortEntity[] = await entities.listOf(
      req.params.blueprint,
      credentials,
    );
    res.json({ items });
  });

  router.get(
    '/blueprints/:blueprint/entities/:identifier',
    async (req, res) => {
      const credentials = await auth.credentials(req);
      const entity = await entities.get(
        req.params.blueprint,
        req.params.identifier,
        credentials,
      );
      res.json({ entity });
    },
  );

  router.post('/blueprints/:blueprint/entities', async (req, res) => {
    const credentials = await auth.credentials(req);
    const query = parseRequest(entityWriteQuerySchema, req.query, 'query');
    await auth.authorize(
      credentials,
      query.upsert
        ? blueprintEntityUpdatePermission
        : blueprintEntityCreatePermission,
    );
    const document = parseRequest(documentSchema, req.body, 'body');
    const { entity, created } = await entities.create(
      req.params.blueprint,
      document,
      {
        upsert: query.upsert,
        merge: query.merge,
        validationOnly: query.validation_only,
      },
      credentials,
    );
    res.status(created ? 201 : 200).json({ entity });
  });

  for (const method of ['put', 'patch'] as const) {
    router[method](
      '/blueprints/:blueprint/entities/:identifier',
      async (req, res) => {
        const credentials = await auth.authorized(
          req,
          blueprintEntityUpdatePermission,
        );
        const document = parseRequest(documentSchema, req.body, 'body');
        const entity = await entities.update(
          req.params.blueprint,
          req.params.identifier,
          document,
          { merge: method === 'patch' },
          credentials,
        );
        res.json({ entity });
      },
    );
  }

  router.delete(
    '/blueprints/:blueprint/entities/:identifier',
    async (req, res) => {
      await auth.authorized(req, blueprintEntityDeletePermission);
      await entities.delete(req.params.blueprint, req.params.identifier);
      res.status(204).end();
    },
  );

  router.use(bodyParserErrors());
  router.use(internalErrors(options));

  return router;
}
