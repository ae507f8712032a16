import {
  HttpAuthService,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  AuthenticationError,
  CustomErrorBase,
  InputError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  doraEventsCreatePermission,
  normalizeEntityRef,
  parseIsoDateTime,
} from '@plinth/plugin-scorecards-common';
import express, { NextFunction, Request, Response } from 'express';
import Router from 'express-promise-router';
import { z } from 'zod/v3';
import type { DoraBatchItem, DoraService } from './DoraService';
import {
  tokenMatches,
  verifyGitHubSignature,
  verifyPagerDutySignature,
} from './webhooks/signatures';

/** The largest request body taken when none is configured: 10 MiB. */
export const DEFAULT_DORA_MAX_BATCH_BYTES = 10 * 1024 * 1024;

/** The shared secrets of the webhooks; a webhook without one is disabled. */
export interface DoraWebhooksConfig {
  github?: {
    /** The secret of the GitHub webhook, to check `X-Hub-Signature-256`. */
    secret: string;
  };
  pagerduty?: {
    /** A token PagerDuty sends in an `X-Plinth-Token` custom header. */
    token?: string;
    /** The subscription's signing secret, to check `X-PagerDuty-Signature`. */
    signingSecret?: string;
  };
}

/** What {@link createDoraRouter} needs. */
export interface DoraRouterOptions {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  logger: LoggerService;
  service: DoraService;
  /** The largest body of an events batch or webhook delivery, in bytes. */
  maxBatchBytes?: number;
  webhooks?: DoraWebhooksConfig;
}

/** A request body over the configured limit (HTTP 413). */
export class PayloadTooLargeError extends CustomErrorBase {
  name = 'PayloadTooLargeError' as const;
  statusCode = 413;
}

const once = (what = 'a string') =>
  z.string({ invalid_type_error: `must be given once, as ${what}` });

const dateParam = once('an ISO 8601 date-time')
  .transform((value, ctx) => {
    const ms = parseIsoDateTime(value);
    if (ms === undefined) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        message:
          'must be an ISO 8601 date-time with a time zone, e.g. 2024-05-01T00:00:00Z (encode + as %2B)',
      });
      return z.NEVER;
    }
    return ms;
  })
  .optional();

/** An entity ref, in normal form; other facet values are kept as they are. */
const refParam = (kind: 'entity' | 'facet') =>
  once()
    .min(1, 'must not be empty')
    .transform((value, ctx) => {
      const ref = normalizeEntityRef(value);
      if (ref !== undefined || kind === 'facet') return ref ?? value;
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        message: 'must be an entity ref kind:namespace/name',
      });
      return z.NEVER;
    })
    .optional();

const metricsQuerySchema = z.object({
  from: dateParam,
  to: dateParam,
  environment: once().min(1).max(64).optional(),
  groupBy: z
    .enum(['entity', 'team', 'system', 'domain', 'none'], {
      errorMap: () => ({
        message: 'must be one of entity, team, system, domain, none',
      }),
    })
    .optional(),
  entityRef: refParam('entity'),
  team: refParam('facet'),
  system: refParam('facet'),
  domain: refParam('facet'),
});

const trendsQuerySchema = metricsQuerySchema.extend({
  bucket: z
    .enum(['week', 'month', 'quarter'], {
      errorMap: () => ({ message: 'must be week, month or quarter' }),
    })
    .default('week'),
});

const deploymentsQuerySchema = z.object({
  entityRef: refParam('entity'),
  environment: once().min(1).max(64).optional(),
  from: dateParam,
  to: dateParam,
  limit: once('a whole number')
    .regex(/^\d+$/, 'must be a whole number from 1 to 500')
    .transform(Number)
    .refine(n => n >= 1 && n <= 500, 'must be a whole number from 1 to 500')
    .default('50'),
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
        .join('; '),
    );
  }
  return result.data;
}

function metricsQuery(query: z.output<typeof metricsQuerySchema>) {
  const filter = Object.fromEntries(
    (['entityRef', 'team', 'system', 'domain'] as const)
      .filter(key => query[key] !== undefined)
      .map(key => [key, query[key]]),
  );
  return {
    from: query.from,
    to: query.to,
    environment: query.environment,
    groupBy: query.groupBy,
    filter,
  };
}

const NDJSON_TYPES = [
  'application/x-ndjson',
  'application/jsonl',
  'application/jsonlines',
  'application/x-jsonlines',
];
const JSON_TYPES = ['application/json', 'application/*+json'];

/** The events of a JSON Lines body: one per non-blank line. */
function linesOf(body: string): DoraBatchItem[] {
  const items: DoraBatchItem[] = [];
  body.split(/\r?\n/).forEach((text, i) => {
    if (text.trim() === '') return;
    try {
      items.push({ value: JSON.parse(text), line: i + 1 });
    } catch (error) {
      items.push({
        value: undefined,
        line: i + 1,
        error: `not valid JSON: ${(error as Error).message}`,
      });
    }
  });
  return items;
}

function jsonOf(body: Buffer, what: string): unknown {
  try {
    return JSON.parse(body.toString('utf8'));
  } catch (error) {
    throw new InputError(
      `the ${what} body is not valid JSON: ${(error as Error).message}`,
    );
  }
}

/**
 * The DORA part of the scorecards API (mounted with the plugin's router,
 * e.g. at `/api/scorecards`):
 *
 * - `POST /dora/events`: a batch of events, a JSON array, `{"events": [...]}`
 *   or `application/x-ndjson`; needs `plinth.dora.events.create`.
 * - `POST /dora/webhooks/github`, `POST /dora/webhooks/pagerduty`: webhook
 *   deliveries, authenticated by their shared secrets (the plugin must let
 *   `/dora/webhooks` through unauthenticated).
 * - `GET /dora/metrics`, `GET /dora/trends`, `GET /dora/deployments`.
 *
 * A body over `maxBatchBytes` gets a 413, bad JSON and bad query parameters a
 * 400, each as Backstage's JSON error body.
 */
export async function createDoraRouter(
  options: DoraRouterOptions,
): Promise<express.Router> {
  const { httpAuth, permissions, service } = options;
  const limit = options.maxBatchBytes ?? DEFAULT_DORA_MAX_BATCH_BYTES;
  const webhooks = options.webhooks ?? {};
  const router = Router();

  const json = express.json({ limit, type: JSON_TYPES });
  const ndjson = express.text({ limit, type: NDJSON_TYPES });
  const raw = express.raw({ limit, type: () => true });

  /** Who calls, if they may send events; before the body is read. */
  async function mayCreateEvents(
    req: Request,
    _res: Response,
    next: NextFunction,
  ) {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const [decision] = await permissions.authorize(
      [{ permission: doraEventsCreatePermission }],
      { credentials },
    );
    if (decision.result === AuthorizeResult.DENY) {
      throw new NotAllowedError(
        `not allowed: ${doraEventsCreatePermission.name}`,
      );
    }
    next();
  }

  async function caller(req: Request) {
    await httpAuth.credentials(req, { allow: ['user', 'service'] });
  }

  router.post(
    '/dora/events',
    mayCreateEvents,
    json,
    ndjson,
    async (req, res) => {
      let items: DoraBatchItem[];
      if (req.is(NDJSON_TYPES)) {
        items = linesOf(typeof req.body === 'string' ? req.body : '');
      } else if (req.is(JSON_TYPES)) {
        const body = req.body;
        const events = Array.isArray(body) ? body : body?.events;
        if (!Array.isArray(events)) {
          throw new InputError(
            'the body must be a JSON array of events, or an object {"events": [...]}',
          );
        }
        items = events.map(value => ({ value }));
      } else {
        throw new InputError(
          'the body must be application/json (an array of events, or {"events": [...]}) or application/x-ndjson (one event a line)',
        );
      }
      res.json(await service.ingest(items));
    },
  );

  router.post('/dora/webhooks/github', raw, async (req, res) => {
    const secret = webhooks.github?.secret;
    if (!secret) {
      throw new NotFoundError(
        'the GitHub webhook is not enabled: set plinth.dora.webhooks.github.secret',
      );
    }
    const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    if (
      !verifyGitHubSignature(body, secret, req.header('x-hub-signature-256'))
    ) {
      throw new AuthenticationError(
        'the X-Hub-Signature-256 header does not match the body signed with the configured secret',
      );
    }
    const eventName = req.header('x-github-event');
    if (!eventName) {
      throw new InputError('the X-GitHub-Event header is missing');
    }
    let payload: unknown;
    if (req.is('application/x-www-form-urlencoded')) {
      const form = new URLSearchParams(body.toString('utf8')).get('payload');
      if (form === null) {
        throw new InputError('the form body has no payload field');
      }
      payload = jsonOf(Buffer.from(form, 'utf8'), 'GitHub payload');
    } else {
      payload = jsonOf(body, 'GitHub');
    }
    res.json(await service.ingestGitHub(eventName, payload));
  });

  router.post('/dora/webhooks/pagerduty', raw, async (req, res) => {
    const { token, signingSecret } = webhooks.pagerduty ?? {};
    if (!token && !signingSecret) {
      throw new NotFoundError(
        'the PagerDuty webhook is not enabled: set plinth.dora.webhooks.pagerduty.token or .signingSecret',
      );
    }
    const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    if (
      signingSecret &&
      !verifyPagerDutySignature(
        body,
        signingSecret,
        req.header('x-pagerduty-signature'),
      )
    ) {
      throw new AuthenticationError(
        'the X-PagerDuty-Signature header does not match the body signed with the configured secret',
      );
    }
    if (token && !tokenMatches(token, req.header('x-plinth-token'))) {
      throw new AuthenticationError(
        'the X-Plinth-Token header does not hold the configured token',
      );
    }
    res.json(await service.ingestPagerDuty(jsonOf(body, 'PagerDuty')));
  });

  router.get('/dora/metrics', async (req, res) => {
    await caller(req);
    const query = parse(metricsQuerySchema, req.query, 'query');
    res.json(await service.metrics(metricsQuery(query)));
  });

  router.get('/dora/trends', async (req, res) => {
    await caller(req);
    const query = parse(trendsQuerySchema, req.query, 'query');
    res.json(
      await service.trends({ ...metricsQuery(query), bucket: query.bucket }),
    );
  });

  router.get('/dora/deployments', async (req, res) => {
    await caller(req);
    const query = parse(deploymentsQuerySchema, req.query, 'query');
    res.json(
      await service.deployments({
        entityRef: query.entityRef,
        environment: query.environment?.toLocaleLowerCase('en-US'),
        from: query.from,
        to: query.to,
        limit: query.limit,
      }),
    );
  });

  // The body parsers' errors, as Backstage's error types: the app's error
  // handler turns them into 4xx JSON bodies.
  router.use(
    (error: any, _req: Request, _res: Response, next: NextFunction) => {
      if (error?.type === 'entity.too.large') {
        next(
          new PayloadTooLargeError(
            `the request body is larger than the limit of ${limit} bytes (plinth.dora.maxBatchBytes); send the events in smaller batches`,
          ),
        );
      } else if (error?.type === 'entity.parse.failed') {
        next(new InputError(`the body is not valid JSON: ${error.message}`));
      } else if (
        error?.type === 'encoding.unsupported' ||
        error?.type === 'charset.unsupported'
      ) {
        next(new InputError(error.message));
      } else {
        next(error);
      }
    },
  );

  return router;
}
