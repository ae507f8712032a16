import type {
  BackstageCredentials,
  HttpAuthService,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError, NotFoundError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  AuthorizeResult,
  ResourcePermission,
} from '@backstage/plugin-permission-common';
import {
  bodyParserErrors,
  createRouteAuth,
  internalErrors,
  parseRequest,
  principalRef,
} from '@plinth/backend-utils';
import {
  orchestratorDeployLockedPermission,
  orchestratorDeployPermission,
  orchestratorEnvironmentCreatePermission,
  orchestratorEnvironmentDeletePermission,
  orchestratorEnvironmentLockPermission,
  orchestratorEnvironmentUpdatePermission,
  orchestratorPlatformManagePermission,
  orchestratorResourceSqlPermission,
  orchestratorValueWritePermission,
  RESOURCE_TYPES,
  type ResourceDefinition,
  type ResourceDriverView,
  type ResourceTypeView,
} from '@plinth/plugin-orchestrator-common';
import type { ResourceDriver } from '@plinth/plugin-orchestrator-node';
import express, { Request } from 'express';
import Router from 'express-promise-router';
import { Duration } from 'luxon';
import { z } from 'zod/v3';
import {
  environmentTypeSchema,
  resourceDefinitionSchema,
} from './definitionSchema';
import type { DeploymentService } from '../deployments/DeploymentService';
import { addDeploymentRoutes } from './deploymentRoutes';
import type { ResourceSqlService } from './ResourceSqlService';
import type { AppEntity, OrchestratorService } from './OrchestratorService';

/** What {@link createOrchestratorRouter} needs. */
export interface OrchestratorRouterOptions {
  httpAuth: HttpAuthService;
  logger: LoggerService;
  permissions: PermissionsService;
  catalog: CatalogService;
  service: OrchestratorService;
  /** Deployments; their routes are left out without it. */
  deployments?: DeploymentService;
  /** SQL on database resources; its route is left out without it. */
  resourceSql?: ResourceSqlService;
  drivers: ReadonlyMap<string, ResourceDriver>;
  /** Awaited before every route: the plugin has loaded. */
  ready?: () => Promise<void>;
}

/** The largest body taken: a Score file, a definition. */
const BODY_LIMIT = '1mb';
const YAML_TYPES = [
  'application/yaml',
  'application/x-yaml',
  'text/yaml',
  'text/plain',
];
/** The longest TTL: an environment that should live longer has none. */
const MAX_TTL_MS = 366 * 86_400_000;

const ID = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;
const KEY = /^[A-Za-z_][A-Za-z0-9_.-]{0,127}$/;

const ttlSchema = z.string().transform((value, ctx) => {
  const duration = Duration.fromISO(value);
  const ms = duration.isValid ? duration.toMillis() : NaN;
  if (!(ms > 0 && ms <= MAX_TTL_MS)) {
    ctx.addIssue({
      code: z.ZodIssueCode.custom,
      message:
        'must be an ISO 8601 duration from a minute to a year, such as PT8H or P3D',
    });
    return z.NEVER;
  }
  return ms;
});

const envIdSchema = z
  .string()
  .regex(
    ID,
    'must be 1 to 63 lowercase letters, digits or "-", starting and ending with a letter or digit',
  );

const createEnvironmentSchema = z
  .object({
    id: envIdSchema,
    type: z.string().min(1).max(64),
    owner: z.string().min(1).max(255).optional(),
    from: envIdSchema.optional(),
    ttl: ttlSchema.optional(),
  })
  .strict();

const updateEnvironmentSchema = z
  .object({
    ttl: ttlSchema.nullable().optional(),
    owner: z.string().min(1).max(255).optional(),
  })
  .strict()
  .refine(b => b.ttl !== undefined || b.owner !== undefined, {
    message:
      'must change ttl (an ISO 8601 duration, or null for none) or owner',
  });

const lockSchema = z
  .object({ reason: z.string().trim().min(1, 'must say why').max(500) })
  .strict();

const valueSchema = z
  .object({
    value: z.string().max(65_536),
    secret: z.boolean().default(false),
    description: z.string().max(500).optional(),
  })
  .strict();

const sqlSchema = z
  .object({
    sql: z
      .string()
      .trim()
      .min(1, 'must hold at least one statement')
      .max(1_000_000),
    dryRun: z.boolean().optional(),
  })
  .strict();

const explainSchema = z
  .object({
    app: z.string().min(1).max(255),
    environment: envIdSchema,
    envType: z.string().min(1).max(64).optional(),
    type: z.string().min(1).max(64),
    class: z.string().min(1).max(64).optional(),
    resId: z.string().min(1).max(255),
  })
  .strict();

const appParams = z.object({
  kind: z.string().min(1),
  namespace: z.string().min(1),
  name: z.string().min(1),
});

/**
 * The orchestrator's REST API, mounted at `/api/orchestrator`. Every route
 * is authenticated; an app's routes answer 404 for an app the caller may
 * not see in the catalog; every change needs its permission, those of an
 * app on the app (`catalog-entity`), so catalog rules such as ownership
 * apply. Secrets are never in a response: only that they are set.
 *
 * - `GET /environment-types`, `POST` and `DELETE /environment-types/:id`
 * - `GET /resource-types`, `GET /drivers`
 * - `GET /resource-definitions`, `PUT` and `DELETE /resource-definitions/:id`
 * - `POST /explain`: which definition a resource gets, and why
 * - `GET /platform/secrets`, `PUT` and `DELETE /platform/secrets/:key`
 * - `/apps/:kind/:namespace/:name/environments` (`GET`, `POST`), and under
 *   `/:env`: `GET`, `PATCH` (TTL, owner), `DELETE`, `PUT`/`DELETE /lock`,
 *   `PUT`/`DELETE /workloads/:name` (a Score file), `GET /runs/:id`,
 *   `GET /values`, `PUT`/`DELETE /values/:key`, and the deployments
 *   (`GET`/`POST /deployments`, `GET /deployments/:id` and `…/diff`,
 *   `POST /deployments/:id/rollback`, `POST /promote`)
 * - `/apps/:kind/:namespace/:name/values`: the app's shared values
 */
export async function createOrchestratorRouter(
  options: OrchestratorRouterOptions,
): Promise<express.Router> {
  const { service, catalog, permissions } = options;
  const auth = createRouteAuth(options);
  const router = Router();
  router.use(express.json({ limit: BODY_LIMIT }));

  /** Whether the caller may change locked environments of the app. */
  async function mayChangeLocked(
    credentials: BackstageCredentials,
    app: string,
  ): Promise<boolean> {
    const [decision] = await permissions.authorize(
      [{ permission: orchestratorDeployLockedPermission, resourceRef: app }],
      { credentials },
    );
    return decision.result === AuthorizeResult.ALLOW;
  }

  /** The app of the path, if the caller may see it; a Component or System. */
  async function appOf(
    req: Request,
    credentials: BackstageCredentials,
  ): Promise<AppEntity> {
    const params = parseRequest(appParams, req.params, 'path');
    const ref = stringifyEntityRef({
      kind: params.kind,
      namespace: params.namespace,
      name: params.name,
    }).toLocaleLowerCase('en-US');
    const entity = await catalog.getEntityByRef(ref, { credentials });
    if (!entity) {
      throw new NotFoundError(
        `There is no app ${ref} in the catalog that you may see`,
      );
    }
    const kind = entity.kind.toLocaleLowerCase('en-US');
    if (kind !== 'component' && kind !== 'system') {
      throw new InputError(
        `path: ${ref} is a ${entity.kind}; apps are catalog Components or Systems`,
      );
    }
    const owner = (entity.spec as { owner?: unknown } | undefined)?.owner;
    return {
      ref,
      owner:
        typeof owner === 'string'
          ? stringifyEntityRef(
              parseEntityRef(owner, {
                defaultKind: 'group',
                defaultNamespace: entity.metadata.namespace ?? 'default',
              }),
            )
          : undefined,
    };
  }

  /** The caller, the app, and that they may do this to it. */
  async function appChange(req: Request, permission: ResourcePermission) {
    const credentials = await auth.credentials(req);
    const app = await appOf(req, credentials);
    await auth.authorize(credentials, permission, app.ref);
    return { credentials, app, by: principalRef(credentials) };
  }

  const envParam = (req: Request) =>
    parseRequest(
      z.object({ env: envIdSchema }).passthrough(),
      req.params,
      'path',
    ).env;

  // Platform: environment types, resource types, drivers, definitions

  router.get('/environment-types', async (req, res) => {
    await auth.credentials(req);
    res.json({ items: await service.environmentTypes() });
  });

  router.post('/environment-types', async (req, res) => {
    const credentials = await auth.authorized(
      req,
      orchestratorPlatformManagePermission,
    );
    const body = parseRequest(environmentTypeSchema, req.body, 'body');
    res
      .status(201)
      .json(await service.addEnvironmentType(body, principalRef(credentials)));
  });

  router.delete('/environment-types/:id', async (req, res) => {
    await auth.authorized(req, orchestratorPlatformManagePermission);
    await service.deleteEnvironmentType(req.params.id);
    res.status(204).end();
  });

  router.get('/resource-types', async (req, res) => {
    await auth.credentials(req);
    const drivers = [...options.drivers.values()];
    res.json({
      items: RESOURCE_TYPES.map(
        (type): ResourceTypeView => ({
          ...type,
          drivers: drivers
            .filter(d => d.resourceTypes.includes(type.type))
            .map(d => d.id),
        }),
      ),
    });
  });

  router.get('/drivers', async (req, res) => {
    await auth.credentials(req);
    res.json({
      items: [...options.drivers.values()]
        .map(
          (d): ResourceDriverView => ({
            id: d.id,
            resourceTypes: d.resourceTypes,
          }),
        )
        .sort((a, b) => a.id.localeCompare(b.id)),
    });
  });

  router.get('/resource-definitions', async (req, res) => {
    await auth.credentials(req);
    res.json({ items: await service.definitionViews() });
  });

  router.put('/resource-definitions/:id', async (req, res) => {
    const credentials = await auth.authorized(
      req,
      orchestratorPlatformManagePermission,
    );
    const body = parseRequest(
      resourceDefinitionSchema,
      { ...req.body, id: req.params.id },
      'body',
    );
    const result = await service.putDefinition(
      body as ResourceDefinition,
      principalRef(credentials),
    );
    res
      .status(result === 'created' ? 201 : 200)
      .json((await service.definitionViews()).find(d => d.id === body.id));
  });

  router.delete('/resource-definitions/:id', async (req, res) => {
    await auth.authorized(req, orchestratorPlatformManagePermission);
    await service.deleteDefinition(req.params.id);
    res.status(204).end();
  });

  router.post('/explain', async (req, res) => {
    const credentials = await auth.credentials(req);
    const body = parseRequest(explainSchema, req.body, 'body');
    const entity = await catalog.getEntityByRef(body.app, { credentials });
    if (!entity) {
      throw new NotFoundError(
        `There is no app ${body.app} in the catalog that you may see`,
      );
    }
    res.json(
      await service.explain({
        app: stringifyEntityRef(entity).toLocaleLowerCase('en-US'),
        env: body.environment,
        envType: body.envType,
        type: body.type,
        class: body.class,
        resId: body.resId,
      }),
    );
  });

  // Platform secrets, for resource definitions' secret inputs

  router.get('/platform/secrets', async (req, res) => {
    await auth.authorized(req, orchestratorPlatformManagePermission);
    res.json({ items: await service.listValues('', '') });
  });

  router.put('/platform/secrets/:key', async (req, res) => {
    const credentials = await auth.authorized(
      req,
      orchestratorPlatformManagePermission,
    );
    const key = parseRequest(
      z.object({ key: z.string().regex(KEY) }),
      req.params,
      'path',
    ).key;
    const body = parseRequest(
      valueSchema.omit({ secret: true }),
      req.body,
      'body',
    );
    res.json(
      await service.putValue(
        { app: '', env: '' },
        { ...body, key, secret: true },
        principalRef(credentials),
      ),
    );
  });

  router.delete('/platform/secrets/:key', async (req, res) => {
    await auth.authorized(req, orchestratorPlatformManagePermission);
    await service.deleteValue({ app: '', env: '' }, req.params.key);
    res.status(204).end();
  });

  // Apps' environments

  const APP = '/apps/:kind/:namespace/:name';
  const ENV = `${APP}/environments/:env`;

  router.get(`${APP}/environments`, async (req, res) => {
    const credentials = await auth.credentials(req);
    const app = await appOf(req, credentials);
    res.json({ items: await service.listEnvironments(app.ref) });
  });

  router.post(`${APP}/environments`, async (req, res) => {
    const { app, by } = await appChange(
      req,
      orchestratorEnvironmentCreatePermission,
    );
    const body = parseRequest(createEnvironmentSchema, req.body, 'body');
    const created = await service.createEnvironment(
      app,
      {
        id: body.id,
        type: body.type,
        owner: body.owner,
        from: body.from,
        ttlMs: body.ttl,
      },
      by,
    );
    res.status(201).json(created);
  });

  router.get(ENV, async (req, res) => {
    const credentials = await auth.credentials(req);
    const app = await appOf(req, credentials);
    res.json(await service.getEnvironment(app.ref, envParam(req)));
  });

  router.patch(ENV, async (req, res) => {
    const { app } = await appChange(
      req,
      orchestratorEnvironmentUpdatePermission,
    );
    const body = parseRequest(updateEnvironmentSchema, req.body, 'body');
    res.json(
      await service.updateEnvironment(app.ref, envParam(req), {
        ttlMs: body.ttl,
        owner: body.owner,
      }),
    );
  });

  router.delete(ENV, async (req, res) => {
    const { app, by, credentials } = await appChange(
      req,
      orchestratorEnvironmentDeletePermission,
    );
    const run = await service.deleteEnvironment(app.ref, envParam(req), by, {
      allowLocked: await mayChangeLocked(credentials, app.ref),
    });
    res.status(202).json({ run });
  });

  router.put(`${ENV}/lock`, async (req, res) => {
    const { app, by } = await appChange(
      req,
      orchestratorEnvironmentLockPermission,
    );
    const body = parseRequest(lockSchema, req.body, 'body');
    res.json(await service.lockEnvironment(app.ref, envParam(req), body, by));
  });

  router.delete(`${ENV}/lock`, async (req, res) => {
    const { app, by } = await appChange(
      req,
      orchestratorEnvironmentLockPermission,
    );
    res.json(await service.lockEnvironment(app.ref, envParam(req), null, by));
  });

  router.put(
    `${ENV}/workloads/:workload`,
    express.text({ limit: BODY_LIMIT, type: YAML_TYPES }),
    async (req, res) => {
      const { app, by, credentials } = await appChange(
        req,
        orchestratorDeployPermission,
      );
      const env = envParam(req);
      let score: string;
      if (typeof req.body === 'string') score = req.body;
      else {
        score = parseRequest(
          z.object({ score: z.string().min(1) }).strict(),
          req.body,
          'body',
        ).score;
      }
      const file = `${req.params.workload}/score.yaml`;
      const result = await service.putWorkload(app.ref, env, score, by, {
        allowLocked: await mayChangeLocked(credentials, app.ref),
        file,
        name: req.params.workload,
      });
      res.status(202).json(result);
    },
  );

  router.delete(`${ENV}/workloads/:workload`, async (req, res) => {
    const { app, by, credentials } = await appChange(
      req,
      orchestratorDeployPermission,
    );
    const run = await service.deleteWorkload(
      app.ref,
      envParam(req),
      req.params.workload,
      by,
      { allowLocked: await mayChangeLocked(credentials, app.ref) },
    );
    res.status(202).json({ run });
  });

  router.get(`${ENV}/runs/:run`, async (req, res) => {
    const credentials = await auth.credentials(req);
    const app = await appOf(req, credentials);
    res.json(await service.getRun(app.ref, envParam(req), req.params.run));
  });

  if (options.deployments) {
    addDeploymentRoutes(router, ENV, options.deployments, {
      credentials: req => auth.credentials(req),
      appOf,
      appChange,
      mayChangeLocked,
      envParam,
    });
  }

  if (options.resourceSql) {
    const resourceSql = options.resourceSql;
    // SQL on a database resource: the SQL permission on the app, and the
    // locked-deploy one to change a locked environment.
    router.post(`${ENV}/resources/:resId/sql`, async (req, res) => {
      const { app, by, credentials } = await appChange(
        req,
        orchestratorResourceSqlPermission,
      );
      const body = parseRequest(sqlSchema, req.body, 'body');
      const result = await resourceSql.run(
        { app: app.ref, env: envParam(req), resId: req.params.resId },
        { sql: body.sql, dryRun: body.dryRun ?? false },
        by,
        { allowLocked: await mayChangeLocked(credentials, app.ref) },
      );
      res.json(result);
    });
  }

  // Shared values and secrets: of the app, of an environment

  for (const [path, scoped] of [
    [`${APP}/values`, false],
    [`${ENV}/values`, true],
  ] as const) {
    router.get(path, async (req, res) => {
      const credentials = await auth.credentials(req);
      const app = await appOf(req, credentials);
      res.json({
        items: await service.listValues(app.ref, scoped ? envParam(req) : ''),
      });
    });
    router.put(`${path}/:key`, async (req, res) => {
      const { app, by } = await appChange(
        req,
        orchestratorValueWritePermission,
      );
      const key = parseRequest(
        z
          .object({
            key: z
              .string()
              .regex(
                KEY,
                'must be 1 to 128 letters, digits, "_", "." or "-", not starting with a digit',
              ),
          })
          .passthrough(),
        req.params,
        'path',
      ).key;
      const body = parseRequest(valueSchema, req.body, 'body');
      res.json(
        await service.putValue(
          { app: app.ref, env: scoped ? envParam(req) : '' },
          { ...body, key },
          by,
        ),
      );
    });
    router.delete(`${path}/:key`, async (req, res) => {
      const { app } = await appChange(req, orchestratorValueWritePermission);
      await service.deleteValue(
        { app: app.ref, env: scoped ? envParam(req) : '' },
        req.params.key,
      );
      res.status(204).end();
    });
  }

  router.use(
    bodyParserErrors({
      tooLarge: max =>
        `the request body is larger than the limit of ${max} bytes; a Score file or a definition is far smaller`,
    }),
  );
  router.use(internalErrors(options));
  return router;
}
