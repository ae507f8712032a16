import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import { ResponseError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import type { OrchestratorService } from '@plinth/plugin-orchestrator-node';
import { DateTime, Duration } from 'luxon';
import { explained, outputs, sideEffect } from './steps';
import { appRefOf, describeEnvironment, runFinished } from './common';

const APP =
  'The app: the entity ref of its Component or System, such as component:default/cartservice';
const ENVIRONMENT = 'The environment id, such as development or preview-42';

/** A duration as the orchestrator takes it, or an error naming the field. */
function isoDuration(field: string, text: string): Duration {
  const duration = Duration.fromISO(text);
  if (!duration.isValid || duration.toMillis() <= 0) {
    throw new Error(
      `${field} must be a positive ISO 8601 duration such as P5D (5 days) or PT8H (8 hours), not "${text}"`,
    );
  }
  return duration;
}

/** `Sat 12 Dec 2026, 14:05 UTC`. */
export function readableInstant(iso: string): string {
  return DateTime.fromISO(iso, { zone: 'utc' }).toFormat(
    "ccc d LLL yyyy, HH:mm 'UTC'",
  );
}

/** Days and hours of a duration, as a person says it. */
function spoken(duration: Duration): string {
  const { days, hours } = duration
    .shiftTo('days', 'hours', 'minutes')
    .normalize();
  const parts = [
    days ? `${days} day${days === 1 ? '' : 's'}` : '',
    hours ? `${hours} hour${hours === 1 ? '' : 's'}` : '',
  ].filter(Boolean);
  return parts.length ? parts.join(' ') : duration.toISO()!;
}

/**
 * `plinth:environment:create`: a new environment of an app, provisioned by
 * the orchestrator, with an optional TTL, owner and environment to copy.
 * @public
 */
export function createEnvironmentCreateAction(options: {
  orchestrator: OrchestratorService;
}) {
  const { orchestrator } = options;
  return createTemplateAction({
    id: 'plinth:environment:create',
    description:
      'Creates an environment of an app through the platform orchestrator, optionally with a TTL after which it is deleted, and waits until its resources are provisioned',
    supportsDryRun: true,
    examples: [
      {
        description: 'A developer environment that lives for 5 days',
        example: `steps:
  - id: environment
    name: Spin up a developer environment
    action: plinth:environment:create
    input:
      app: component:default/cartservice
      id: dev-ada
      type: development
      ttl: P5D
      owner: user:default/ada`,
      },
    ],
    schema: {
      input: {
        app: z => z.string().min(1).describe(APP),
        id: z =>
          z
            .string()
            .regex(/^[a-z][a-z0-9-]{0,62}$/)
            .describe(
              'The new environment id: lower-case letters, digits and "-", starting with a letter',
            ),
        type: z =>
          z
            .string()
            .min(1)
            .describe(
              'The environment type, such as development, ephemeral, staging or production',
            ),
        ttl: z =>
          z
            .string()
            .optional()
            .describe(
              'How long it lives, as an ISO 8601 duration (P5D is 5 days); it is deleted after that',
            ),
        owner: z =>
          z
            .string()
            .optional()
            .describe('Its owner, a user or group entity ref'),
        from: z =>
          z
            .string()
            .optional()
            .describe(
              'An environment whose workloads and values the new one starts with',
            ),
        wait: z =>
          z
            .boolean()
            .optional()
            .describe(
              'Whether to wait until its resources are provisioned (yes unless false)',
            ),
      },
      output: {
        environment: z => z.string().describe('The environment id'),
        status: z =>
          z
            .string()
            .describe(
              'Its status once created (or provisioned, when waited for)',
            ),
        expiresAt: z =>
          z
            .string()
            .optional()
            .describe('When it expires (ISO 8601), when it has a TTL'),
        expiresOn: z =>
          z
            .string()
            .optional()
            .describe(
              'When it expires, as people read it (Sat 12 Dec 2026, 14:05 UTC)',
            ),
      },
    },
    async handler(ctx) {
      const { id, type } = ctx.input;
      // A form's empty optional field arrives as "".
      const owner = ctx.input.owner || undefined;
      const from = ctx.input.from || undefined;
      const wait = ctx.input.wait !== false;
      const app = appRefOf(ctx.input.app);
      if (ctx.input.ttl) isoDuration('ttl', ctx.input.ttl);
      const credentials = await ctx.getInitiatorCredentials();
      const describe = `create environment ${id} (${type}${
        ctx.input.ttl
          ? `, for ${spoken(isoDuration('ttl', ctx.input.ttl))}`
          : ''
      }${from ? `, from ${from}` : ''}) of ${app}`;
      if (ctx.isDryRun) {
        // Reading changes nothing: a dry run says whether it would work.
        const existing = await explained(
          `read the environments of ${app}`,
          () => orchestrator.listEnvironments(app, { credentials }),
        );
        if (existing.some(e => e.id === id)) {
          throw new Error(`${app} already has an environment ${id}`);
        }
      }
      const created = await sideEffect(ctx, {
        key: `plinth:environment:create:${app}:${id}`,
        describe,
        dry: { status: 'dry-run', runId: null, expiresAt: null },
        run: async () => {
          const answer = await explained(describe, () =>
            orchestrator.createEnvironment(
              app,
              { id, type, owner, from, ttl: ctx.input.ttl },
              { credentials },
            ),
          );
          return {
            status: answer.environment.status as string,
            runId: answer.run?.id ?? null,
            expiresAt: answer.environment.expiresAt ?? null,
          };
        },
      });
      let status = created.status;
      if (!ctx.isDryRun && wait && created.runId) {
        const run = await orchestrator.waitForRun(app, id, created.runId, {
          credentials,
        });
        runFinished(run, `Provisioning environment ${id}`);
        status = (await orchestrator.getEnvironment(app, id, { credentials }))
          .environment.status;
        ctx.logger.info(`Environment ${id} is ${status}.`);
      }
      outputs(ctx, {
        environment: id,
        status,
        expiresAt: created.expiresAt,
        expiresOn: created.expiresAt && readableInstant(created.expiresAt),
      });
    },
  });
}

/**
 * `plinth:environment:extend`: more time for an environment with a TTL,
 * added to when it would expire.
 * @public
 */
export function createEnvironmentExtendAction(options: {
  orchestrator: OrchestratorService;
}) {
  const { orchestrator } = options;
  return createTemplateAction({
    id: 'plinth:environment:extend',
    description:
      'Extends the TTL of an environment: it expires that much later than it would have',
    supportsDryRun: true,
    examples: [
      {
        description: 'Three more days for a developer environment',
        example: `steps:
  - id: extend
    name: Extend the TTL by 3 days
    action: plinth:environment:extend
    input:
      app: component:default/cartservice
      environment: dev-ada
      by: P3D`,
      },
    ],
    schema: {
      input: {
        app: z => z.string().min(1).describe(APP),
        environment: z => z.string().min(1).describe(ENVIRONMENT),
        by: z =>
          z
            .string()
            .describe(
              'How much longer it lives, as an ISO 8601 duration (P3D is 3 days)',
            ),
      },
      output: {
        expiresAt: z => z.string().describe('When it now expires (ISO 8601)'),
      },
    },
    async handler(ctx) {
      const app = appRefOf(ctx.input.app);
      const { environment } = ctx.input;
      const by = isoDuration('by', ctx.input.by);
      const credentials = await ctx.getInitiatorCredentials();
      const current = await explained(
        `read environment ${environment} of ${app}`,
        () => orchestrator.getEnvironment(app, environment, { credentials }),
      );
      if (!current.environment.expiresAt) {
        throw new Error(
          `Environment ${environment} of ${app} has no TTL: it does not expire, so there is nothing to extend`,
        );
      }
      const expiresAt = Date.parse(current.environment.expiresAt);
      const wanted = expiresAt + by.toMillis();
      const describe = `extend environment ${environment} of ${app} by ${spoken(
        by,
      )}, to ${new Date(wanted).toISOString()}`;
      const answer = await sideEffect(ctx, {
        key: `plinth:environment:extend:${app}:${environment}`,
        describe,
        dry: { expiresAt: new Date(wanted).toISOString() },
        run: async () => {
          // The API sets a TTL from now: what is left plus the extension.
          const seconds = Math.ceil((wanted - Date.now()) / 1000);
          const updated = await explained(describe, () =>
            orchestrator.setTtl(app, environment, `PT${seconds}S`, {
              credentials,
            }),
          );
          return { expiresAt: updated.expiresAt ?? null };
        },
      });
      outputs(ctx, answer);
    },
  });
}

/**
 * `plinth:environment:lock`: no deployments to an environment (unless the
 * deployer may override locks) until it is unlocked.
 * @public
 */
export function createEnvironmentLockAction(options: {
  orchestrator: OrchestratorService;
}) {
  const { orchestrator } = options;
  return createTemplateAction({
    id: 'plinth:environment:lock',
    description:
      'Locks an environment with a reason: it refuses deployments until unlocked, except from those allowed to override locks',
    supportsDryRun: true,
    examples: [
      {
        description: 'Lock production during an incident',
        example: `steps:
  - id: lock
    name: Lock deployments
    action: plinth:environment:lock
    input:
      app: component:default/cartservice
      environment: production
      reason: Incident 231, payments failing`,
      },
    ],
    schema: {
      input: {
        app: z => z.string().min(1).describe(APP),
        environment: z => z.string().min(1).describe(ENVIRONMENT),
        reason: z =>
          z
            .string()
            .min(1)
            .max(500)
            .describe('Why, shown to whoever tries to deploy'),
      },
      output: {
        lockedBy: z => z.string().describe('Who locked it'),
      },
    },
    async handler(ctx) {
      const app = appRefOf(ctx.input.app);
      const { environment, reason } = ctx.input;
      const credentials = await ctx.getInitiatorCredentials();
      const current = await explained(
        `read environment ${environment} of ${app}`,
        () => orchestrator.getEnvironment(app, environment, { credentials }),
      );
      const describe = `lock ${describeEnvironment(
        current.environment,
      )}: ${reason}`;
      const answer = await sideEffect(ctx, {
        key: `plinth:environment:lock:${app}:${environment}`,
        describe,
        dry: { lockedBy: credentialsRef(credentials) },
        run: async () => {
          const locked = await explained(describe, () =>
            orchestrator.lock(app, environment, reason, { credentials }),
          );
          return { lockedBy: locked.lock?.by ?? credentialsRef(credentials) };
        },
      });
      outputs(ctx, answer);
    },
  });
}

/**
 * `plinth:environment:unlock`: deployments to an environment again.
 * @public
 */
export function createEnvironmentUnlockAction(options: {
  orchestrator: OrchestratorService;
}) {
  const { orchestrator } = options;
  return createTemplateAction({
    id: 'plinth:environment:unlock',
    description: 'Unlocks an environment: it takes deployments again',
    supportsDryRun: true,
    examples: [
      {
        description: 'Unlock production once the incident is over',
        example: `steps:
  - id: unlock
    name: Unlock deployments
    action: plinth:environment:unlock
    input:
      app: component:default/cartservice
      environment: production`,
      },
    ],
    schema: {
      input: {
        app: z => z.string().min(1).describe(APP),
        environment: z => z.string().min(1).describe(ENVIRONMENT),
      },
    },
    async handler(ctx) {
      const app = appRefOf(ctx.input.app);
      const { environment } = ctx.input;
      const credentials = await ctx.getInitiatorCredentials();
      const current = await explained(
        `read environment ${environment} of ${app}`,
        () => orchestrator.getEnvironment(app, environment, { credentials }),
      );
      if (!current.environment.lock) {
        ctx.logger.info(
          `Environment ${environment} of ${app} is not locked: nothing to do.`,
        );
        return;
      }
      const describe = `unlock ${describeEnvironment(current.environment)}`;
      await sideEffect(ctx, {
        key: `plinth:environment:unlock:${app}:${environment}`,
        describe,
        dry: null,
        run: async () => {
          await explained(describe, () =>
            orchestrator.unlock(app, environment, { credentials }),
          );
          return null;
        },
      });
    },
  });
}

/**
 * `plinth:environment:delete`: an environment and every resource in it.
 * @public
 */
export function createEnvironmentDeleteAction(options: {
  orchestrator: OrchestratorService;
}) {
  const { orchestrator } = options;
  return createTemplateAction({
    id: 'plinth:environment:delete',
    description:
      'Deletes an environment with its resources, and waits until they are gone',
    supportsDryRun: true,
    examples: [
      {
        description: 'Tear down a preview environment',
        example: `steps:
  - id: delete
    name: Delete the preview
    action: plinth:environment:delete
    input:
      app: component:default/cartservice
      environment: preview-42`,
      },
    ],
    schema: {
      input: {
        app: z => z.string().min(1).describe(APP),
        environment: z => z.string().min(1).describe(ENVIRONMENT),
        wait: z =>
          z
            .boolean()
            .optional()
            .describe(
              'Whether to wait until its resources are deleted (yes unless false)',
            ),
      },
    },
    async handler(ctx) {
      const app = appRefOf(ctx.input.app);
      const { environment } = ctx.input;
      const wait = ctx.input.wait !== false;
      const credentials = await ctx.getInitiatorCredentials();
      const current = await explained(
        `read environment ${environment} of ${app}`,
        () => orchestrator.getEnvironment(app, environment, { credentials }),
      );
      const names = current.resources.map(r => r.resId);
      const describe = `delete ${describeEnvironment(current.environment)}${
        names.length ? ` and its resources ${names.join(', ')}` : ''
      }`;
      const runId = await sideEffect(ctx, {
        key: `plinth:environment:delete:${app}:${environment}`,
        describe,
        dry: null,
        run: async () =>
          (
            await explained(describe, () =>
              orchestrator.deleteEnvironment(app, environment, {
                credentials,
              }),
            )
          ).id,
      });
      if (runId && wait) {
        const run = await waitForDeletion(
          orchestrator,
          app,
          environment,
          runId,
          credentials,
        );
        if (run) runFinished(run, `Deleting environment ${environment}`);
        ctx.logger.info(`Environment ${environment} of ${app} is deleted.`);
      }
    },
  });
}

/**
 * The deletion run once finished; undefined when the environment is gone
 * before its run could be read again (a deleted environment has no runs).
 */
async function waitForDeletion(
  orchestrator: OrchestratorService,
  app: string,
  environment: string,
  runId: string,
  credentials: BackstageCredentials,
) {
  try {
    return await orchestrator.waitForRun(app, environment, runId, {
      credentials,
    });
  } catch (error) {
    if (error instanceof ResponseError && error.response.status === 404) {
      return undefined;
    }
    throw error;
  }
}

function credentialsRef(credentials: BackstageCredentials): string {
  const principal = credentials.principal as { userEntityRef?: string };
  return principal.userEntityRef ?? 'the template';
}
