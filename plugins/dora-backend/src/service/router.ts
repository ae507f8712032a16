import {
  HttpAuthService,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import {
  bodyParserErrors,
  createRouteAuth,
  internalErrors,
  parseRequest,
} from '@plinth/backend-utils';
import {
  doraEventsCreatePermission,
  normalizeEntityRef,
  parseIsoDateTime,
} from '@plinth/plugin-dora-common';
import express, { NextFunction, Request, Response } from 'express';
import Router from 'express-promise-router';
import { z } from 'zod/v3';
import type { DoraBatchItem, DoraMetricsService } from './DoraMetricsService';

/** The largest request body taken when none is configured: 10 MiB. */
export const DEFAULT_DORA_MAX_BATCH_BYTES = 10 * 1024 * 1024;

/** What {@link createDoraRouter} needs. */
export interface DoraRouterOptions {
  httpAuth: HttpAuthService;
  logger: LoggerService;
  permissions: PermissionsService;
  service: DoraMetricsService;
  /** The largest body of an events batch or webhook delivery, in bytes. */
  maxBatchBytes?: number;
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

/**
 * The DORA backend's REST API, mounted at `/api/dora`:
 *
 * - `POST /events`: a batch of events, a JSON array, `{"events": [...]}`
 *   or `application/x-ndjson`; needs `plinth.dora.events.create`.
 * - `POST /webhooks/:source`: a delivery to an event source's webhook (the
 *   sources modules add, e.g. `github`, `pagerduty`), authenticated by the
 *   source itself (the plugin lets `/webhooks` through unauthenticated).
 * - `GET /metrics`, `GET /trends`, `GET /deployments`: of the entities the
 *   caller may see in the catalog.
 *
 * A body over `maxBatchBytes` gets a 413, bad JSON and bad query parameters a
 * 400, each as Backstage's JSON error body.
 */
export async function createDoraRouter(
  options: DoraRouterOptions,
): Promise<express.Router> {
  const { service } = options;
  const limit = options.maxBatchBytes ?? DEFAULT_DORA_MAX_BATCH_BYTES;
  const auth = createRouteAuth(options);
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
    await auth.authorized(req, doraEventsCreatePermission);
    next();
  }

  router.post('/events', mayCreateEvents, json, ndjson, async (req, res) => {
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
  });

  // Deliveries authenticate with their source's signature or token.
  router.post('/webhooks/:source', raw, async (req, res) => {
    const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    res.json(
      await service.ingestDelivery(req.params.source, {
        header: name => req.header(name),
        is: types => Boolean(req.is(types)),
        body,
      }),
    );
  });

  // Reads are of the entities the caller may see in the catalog.
  router.get('/metrics', async (req, res) => {
    const credentials = await auth.credentials(req);
    const query = parseRequest(metricsQuerySchema, req.query, 'query');
    res.json(await service.metrics(metricsQuery(query), { credentials }));
  });

  router.get('/trends', async (req, res) => {
    const credentials = await auth.credentials(req);
    const query = parseRequest(trendsQuerySchema, req.query, 'query');
    res.json(
      await service.trends(
        { ...metricsQuery(query), bucket: query.bucket },
        { credentials },
      ),
    );
  });

  router.get('/deployments', async (req, res) => {
    const credentials = await auth.credentials(req);
    const query = parseRequest(deploymentsQuerySchema, req.query, 'query');
    res.json(
      await service.deployments(
        {
          entityRef: query.entityRef,
          environment: query.environment?.toLocaleLowerCase('en-US'),
          from: query.from,
          to: query.to,
          limit: query.limit,
        },
        { credentials },
      ),
    );
  });

  router.use(
    bodyParserErrors({
      tooLarge: max =>
        `the request body is larger than the limit of ${max} bytes (plinth.dora.maxBatchBytes); send the events in smaller batches`,
    }),
  );
  router.use(internalErrors(options));

  return router;
}
