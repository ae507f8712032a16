import {
  BackstageCredentials,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import {
  AuthorizeResult,
  BasicPermission,
} from '@backstage/plugin-permission-common';
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
import express, { Request } from 'express';
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

/**
 * Parses a request part with a zod schema.
 * @throws InputError naming every field that is wrong
 */
function parse<T extends z.ZodTypeAny>(
  schema: T,
  value: unknown,
  what: string,
): z.output<T> {
  const result = schema.safeParse(value);
  if (!result.success) {
    throw new InputError(
      result.error.issues
        .map(issue =>
          issue.path.length > 0
            ? `${what} ${issue.path.join('.')}: ${issue.message}`
            : `${what}: ${issue.message}`,
        )
        .join('\n'),
    );
  }
  return result.data;
}

/** What {@link createRouter} needs. */
export interface RouterOptions {
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

  /** Who calls; the answer waits for the registry's first load. */
  async function caller(req: Request): Promise<BackstageCredentials> {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    await registry.ready();
    return credentials;
  }

  /** @throws NotAllowedError when the permission is denied */
  async function authorize(
    credentials: BackstageCredentials,
    permission: BasicPermission,
  ): Promise<void> {
    const [decision] = await permissions.authorize([{ permission }], {
      credentials,
    });
    if (decision.result === AuthorizeResult.DENY) {
      throw new NotAllowedError(`not allowed: ${permission.name}`);
    }
  }

  /**
   * Who calls, if they may do this.
   * @throws NotAllowedError when the permission is denied
   */
  async function authorized(
    req: Request,
    permission: BasicPermission,
  ): Promise<BackstageCredentials> {
    const credentials = await caller(req);
    await authorize(credentials, permission);
    return credentials;
  }

  router.get('/blueprints', async (req, res) => {
    await caller(req);
    const body: BlueprintListResponse = registry.list();
    res.json(body);
  });

  router.get('/blueprints/:identifier', async (req, res) => {
    await caller(req);
    const body: RegisteredBlueprint = registry.require(req.params.identifier);
    res.json(body);
  });

  router.get('/blueprints/:identifier/versions', async (req, res) => {
    await caller(req);
    const body: BlueprintVersionsResponse = {
      items: await registry.versions(req.params.identifier),
    };
    res.json(body);
  });

  router.post('/blueprints', async (req, res) => {
    const credentials = await authorized(req, blueprintCreatePermission);
    const document = parse(documentSchema, req.body, 'body');
    const body: RegisteredBlueprint = await registry.create(
      document,
      credentials,
    );
    res.status(201).json(body);
  });

  router.put('/blueprints/:identifier', async (req, res) => {
    const credentials = await authorized(req, blueprintUpdatePermission);
    const document = parse(documentSchema, req.body, 'body');
    const body: RegisteredBlueprint = await registry.replace(
      req.params.identifier,
      document,
      credentials,
    );
    res.json(body);
  });

  router.delete('/blueprints/:identifier', async (req, res) => {
    await authorized(req, blueprintDeletePermission);
    await registry.delete(req.params.identifier);
    res.status(204).end();
  });

  router.post('/validate/blueprint', async (req, res) => {
    await caller(req);
    const body: ValidationResponse = await registry.validate(req.body);
    res.json(body);
  });

  router.post('/validate/entity', async (req, res) => {
    const credentials = await caller(req);
    const query = parse(validateEntityQuerySchema, req.query, 'query');
    const body: ValidationResponse = await entities.validate(
      req.body,
      query.blueprint,
      credentials,
    );
    res.json(body);
  });

  router.get('/derived/by-ref/:kind/:namespace/:name', async (req, res) => {
    const credentials = await caller(req);
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
    const credentials = await caller(req);
    const body: OwnedEntitiesResponse = await derived.ownedBy(
      req.params.team,
      credentials,
    );
    res.json(body);
  });

  router.post('/derived/by-refs', async (req, res) => {
    const credentials = await caller(req);
    const { entityRefs } = parse(derivedBatchSchema, req.body, 'body');
    const body: DerivedPropertiesBatchResponse = {
      items: await derived.get(entityRefs, credentials),
    };
    res.json(body);
  });

  // Entity views for other backend plugins (scorecards): whole blueprints at
  // a time, so service callers only, and no per-entity visibility check.
  router.get('/derived/views', async (req, res) => {
    await httpAuth.credentials(req, { allow: ['service'] });
    await registry.ready();
    const { blueprint, after, limit } = parse(
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
    await httpAuth.credentials(req, { allow: ['service'] });
    await registry.ready();
    const { entityRefs } = parse(derivedBatchSchema, req.body, 'body');
    const body: EntityViewsBatchResponse = {
      items: await derived.viewsByRefs(entityRefs),
    };
    res.json(body);
  });

  router.get('/entities', async (req, res) => {
    await caller(req);
    const body: StoredEntityListResponse = { items: await entities.list() };
    res.json(body);
  });

  router.get('/blueprints/:blueprint/entities', async (req, res) => {
    await caller(req);
    const items: PortEntity[] = await entities.listOf(req.params.blueprint);
    res.json({ items });
  });

  router.get(
    '/blueprints/:blueprint/entities/:identifier',
    async (req, res) => {
      await caller(req);
      const entity = await entities.get(
        req.params.blueprint,
        req.params.identifier,
      );
      res.json({ entity });
    },
  );

  router.post('/blueprints/:blueprint/entities', async (req, res) => {
    const credentials = await caller(req);
    const query = parse(entityWriteQuerySchema, req.query, 'query');
    await authorize(
      credentials,
      query.upsert
        ? blueprintEntityUpdatePermission
        : blueprintEntityCreatePermission,
    );
    const document = parse(documentSchema, req.body, 'body');
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
        const credentials = await authorized(
          req,
          blueprintEntityUpdatePermission,
        );
        const document = parse(documentSchema, req.body, 'body');
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
      await authorized(req, blueprintEntityDeletePermission);
      await entities.delete(req.params.blueprint, req.params.identifier);
      res.status(204).end();
    },
  );

  return router;
}
