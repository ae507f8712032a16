import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import type { ResourcePermission } from '@backstage/plugin-permission-common';
import { parseRequest } from '@plinth/backend-utils';
import { orchestratorDeployPermission } from '@plinth/plugin-orchestrator-common';
import type { Request, Router } from 'express';
import { z } from 'zod/v3';
import type { DeploymentService } from '../deployments/DeploymentService';
import type { AppEntity } from './OrchestratorService';

/** What the deployment routes borrow of the orchestrator's router. */
export interface DeploymentRouteContext {
  credentials(req: Request): Promise<BackstageCredentials>;
  appOf(req: Request, credentials: BackstageCredentials): Promise<AppEntity>;
  appChange(
    req: Request,
    permission: ResourcePermission,
  ): Promise<{
    credentials: BackstageCredentials;
    app: AppEntity;
    by: string;
  }>;
  mayChangeLocked(
    credentials: BackstageCredentials,
    app: string,
  ): Promise<boolean>;
  envParam(req: Request): string;
}

const NAME = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;
const nameSchema = z
  .string()
  .regex(
    NAME,
    'must be a workload name: 1 to 63 lowercase letters, digits or "-"',
  );
/** An image reference: no spaces or control characters, 512 at most. */
const imageSchema = z
  .string()
  .min(1)
  .max(512)
  .regex(
    /^[^\s\p{Cc}]+$/u,
    'must be an image reference, such as ghcr.io/acme/cart:1.4.2',
  );
const commentSchema = z.string().trim().max(500);

const strategySchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('rolling') }).strict(),
  z
    .object({
      type: z.literal('canary'),
      steps: z
        .array(
          z
            .object({
              weight: z.number().int().min(1).max(100),
              pauseSeconds: z.number().int().min(0).max(86_400).optional(),
            })
            .strict(),
        )
        .min(1)
        .max(20),
    })
    .strict(),
  z
    .object({
      type: z.literal('blue-green'),
      autoPromote: z.boolean().optional(),
    })
    .strict(),
]);

const replicasSchema = z.number().int().min(0).max(1000);
const scalingSchema = z
  .object({
    replicas: replicasSchema.optional(),
    autoscaling: z
      .object({
        minReplicas: replicasSchema.min(1),
        maxReplicas: replicasSchema.min(1),
        targetCpuPercent: z.number().int().min(1).max(100).optional(),
      })
      .strict()
      .refine(a => a.minReplicas <= a.maxReplicas, {
        message: 'minReplicas must not be more than maxReplicas',
      })
      .optional(),
  })
  .strict();

const workloadSchema = z
  .object({
    name: nameSchema,
    score: z.string().min(1).max(262_144).optional(),
    images: z.record(nameSchema, imageSchema).optional(),
    commit: z
      .object({
        sha: z
          .string()
          .regex(
            /^[0-9a-f]{7,64}$/i,
            'must be a commit hash (7 to 64 hex digits)',
          ),
        committedAt: z
          .string()
          .datetime({ offset: true, message: 'must be an ISO 8601 date-time' })
          .optional(),
        message: z.string().max(500).optional(),
      })
      .strict()
      .optional(),
    strategy: strategySchema.optional(),
    scaling: scalingSchema.optional(),
  })
  .strict();

const deploySchema = z
  .object({
    workloads: z.array(workloadSchema).max(50),
    remove: z.array(nameSchema).max(50).optional(),
    replace: z.boolean().optional(),
    comment: commentSchema.optional(),
  })
  .strict()
  .refine(body => body.workloads.length > 0 || (body.remove?.length ?? 0) > 0, {
    message: 'must give workloads to deploy, or workloads to remove',
  })
  .refine(
    body =>
      new Set(body.workloads.map(w => w.name)).size === body.workloads.length,
    { message: 'must name each workload once', path: ['workloads'] },
  );

const rollbackSchema = z.object({ comment: commentSchema.optional() }).strict();
const promoteSchema = z
  .object({
    from: z.string().regex(NAME, 'must be an environment id'),
    comment: commentSchema.optional(),
  })
  .strict();
const listQuery = z
  .object({ limit: z.coerce.number().int().min(1).max(200).default(20) })
  .strict();
const idParam = z
  .object({ deployment: z.string().uuid('must be a deployment id') })
  .passthrough();

/**
 * The deployment routes, under `…/environments/:env`: `GET` and `POST
 * /deployments`, `GET /deployments/:deployment` and `…/diff`, `POST
 * /deployments/:deployment/rollback`, and `POST /promote`. Deploying,
 * rolling back and promoting need the deploy permission on the app, and the
 * locked-deploy permission when the environment is locked.
 */
export function addDeploymentRoutes(
  router: Router,
  env: string,
  deployments: DeploymentService,
  context: DeploymentRouteContext,
): void {
  const { appOf, appChange, mayChangeLocked, envParam } = context;
  const deploymentId = (req: Request) =>
    parseRequest(idParam, req.params, 'path').deployment;

  /** The caller may deploy to the app's environment; and if locked. */
  async function deployer(req: Request) {
    const { app, by, credentials } = await appChange(
      req,
      orchestratorDeployPermission,
    );
    return {
      app,
      by,
      options: { allowLocked: await mayChangeLocked(credentials, app.ref) },
    };
  }

  router.get(`${env}/deployments`, async (req, res) => {
    const app = await appOf(req, await context.credentials(req));
    const { limit } = parseRequest(listQuery, req.query, 'query');
    res.json({ items: await deployments.list(app.ref, envParam(req), limit) });
  });

  router.post(`${env}/deployments`, async (req, res) => {
    const { app, by, options } = await deployer(req);
    const body = parseRequest(deploySchema, req.body, 'body');
    const deployment = await deployments.deploy(
      app.ref,
      envParam(req),
      body,
      by,
      options,
    );
    res.status(202).json({ deployment });
  });

  router.get(`${env}/deployments/:deployment`, async (req, res) => {
    const app = await appOf(req, await context.credentials(req));
    res.json({
      deployment: await deployments.get(
        app.ref,
        envParam(req),
        deploymentId(req),
      ),
    });
  });

  router.get(`${env}/deployments/:deployment/diff`, async (req, res) => {
    const app = await appOf(req, await context.credentials(req));
    res.json(await deployments.diff(app.ref, envParam(req), deploymentId(req)));
  });

  router.post(`${env}/deployments/:deployment/rollback`, async (req, res) => {
    const { app, by, options } = await deployer(req);
    const body = parseRequest(rollbackSchema, req.body ?? {}, 'body');
    const deployment = await deployments.rollback(
      app.ref,
      envParam(req),
      deploymentId(req),
      body,
      by,
      options,
    );
    res.status(202).json({ deployment });
  });

  router.post(`${env}/promote`, async (req, res) => {
    const { app, by, options } = await deployer(req);
    const body = parseRequest(promoteSchema, req.body, 'body');
    const deployment = await deployments.promote(
      app.ref,
      envParam(req),
      body,
      by,
      options,
    );
    res.status(202).json({ deployment });
  });
}
