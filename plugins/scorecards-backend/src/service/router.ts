import {
  AuditorService,
  HttpAuthService,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  bodyParserErrors,
  createRouteAuth,
  internalErrors,
  parseRequest,
  principalRef,
} from '@plinth/backend-utils';
import {
  CampaignDetailsResponse,
  CampaignListResponse,
  EvaluateResponse,
  ExemptionListResponse,
  scorecardCampaignCreatePermission,
  scorecardCampaignDeletePermission,
  scorecardCreatePermission,
  scorecardDeletePermission,
  scorecardEvaluatePermission,
  scorecardExemptionCreatePermission,
  scorecardExemptionDeletePermission,
  ScorecardHistoryResponse,
  ScorecardListResponse,
  ScorecardResultsResponse,
  ScorecardSummaryResponse,
} from '@plinth/plugin-scorecards-common';
import type { JsonObject } from '@backstage/types';
import express, { Request } from 'express';
import Router from 'express-promise-router';
import { z } from 'zod/v3';
import { isEntityRef, ScorecardsService } from './ScorecardsService';

const isoDate = z
  .string({ invalid_type_error: 'must be given once' })
  .refine(
    v => /^\d{4}-\d{2}-\d{2}/.test(v) && !Number.isNaN(Date.parse(v)),
    'must be an ISO 8601 date',
  );

/** A JSON object; what is in it is checked by the service. */
const documentSchema = z.record(z.string(), z.unknown(), {
  invalid_type_error: 'must be a JSON object',
});

const summaryQuery = z.object({
  groupBy: z
    .string({ invalid_type_error: 'must be given once' })
    .regex(
      /^(team|system|domain|property:[A-Za-z0-9@_=-]+)$/,
      'must be team, system, domain or property:<key>',
    )
    .optional(),
});

const resultsQuery = z.object({
  team: z.string({ invalid_type_error: 'must be given once' }).optional(),
  system: z.string({ invalid_type_error: 'must be given once' }).optional(),
  domain: z.string({ invalid_type_error: 'must be given once' }).optional(),
});

const historyQuery = z.object({
  from: isoDate.optional(),
  to: isoDate.optional(),
});

const entityRef = z
  .string({ required_error: 'is required' })
  .max(1000, 'must be at most 1000 characters')
  .refine(
    isEntityRef,
    'must be an entity ref, kind:namespace/name (such as component:default/cart-service)',
  );

const evaluateBody = z
  .object({
    scorecard: z.string().min(1).optional(),
    entityRefs: z.array(entityRef).max(10_000).optional(),
  })
  .strict();

const exemptionBody = z
  .object({
    scorecard: z.string({ required_error: 'is required' }).min(1),
    rule: z.string({ required_error: 'is required' }).min(1),
    entityRef,
    until: isoDate,
    reason: z
      .string({ required_error: 'is required' })
      .trim()
      .min(1, 'must say why')
      .max(2000, 'must be at most 2000 characters'),
  })
  .strict();

const exemptionQuery = z.object({
  entityRef: entityRef.optional(),
  scorecard: z.string({ invalid_type_error: 'must be given once' }).optional(),
});

/** What {@link createRouter} needs. */
export interface RouterOptions {
  logger: LoggerService;
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  auditor: AuditorService;
  service: ScorecardsService;
}

/**
 * The scorecards backend's REST API, mounted at `/api/scorecards`. Every
 * route needs a user or service; every change needs its permission, and
 * exemptions are audited.
 */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { auditor, service } = options;
  const auth = createRouteAuth({ ...options, ready: () => service.ready() });
  const router = Router();
  router.use(express.json({ limit: '1mb' }));

  /** Runs a change as an audited event: success with its meta, or failure. */
  async function audited<T>(
    req: Request,
    eventId: string,
    change: () => Promise<{ result: T; meta?: JsonObject }>,
    meta?: JsonObject,
  ): Promise<T> {
    const audit = await auditor.createEvent({
      eventId,
      severityLevel: 'medium',
      request: req,
      ...(meta ? { meta } : {}),
    });
    try {
      const { result, meta: successMeta } = await change();
      await audit.success(successMeta ? { meta: successMeta } : undefined);
      return result;
    } catch (error) {
      await audit.fail({ error: error as Error });
      throw error;
    }
  }

  // --- Definitions.

  router.get('/scorecards', async (req, res) => {
    await auth.credentials(req);
    const body: ScorecardListResponse = service.listScorecards();
    res.json(body);
  });

  router.post('/scorecards', async (req, res) => {
    const credentials = await auth.authorized(req, scorecardCreatePermission);
    const document = parseRequest(documentSchema, req.body, 'body');
    const { scorecard, created } = await service.saveScorecard(
      document,
      principalRef(credentials),
    );
    res.status(created ? 201 : 200).json({ scorecard });
  });

  router.delete('/scorecards/:id', async (req, res) => {
    await auth.authorized(req, scorecardDeletePermission);
    await service.deleteScorecard(req.params.id);
    res.status(204).end();
  });

  // --- Results.

  router.get('/entity/:kind/:namespace/:name', async (req, res) => {
    const credentials = await auth.credentials(req);
    // An EntityScorecardsResponse, serialized by the service (its card
    // cache keeps cards as JSON): sent as res.json would send it.
    const body = await service.entityScorecards(
      stringifyEntityRef(req.params),
      credentials,
    );
    res.type('application/json').send(body);
  });

  router.get('/scorecards/:id/summary', async (req, res) => {
    const credentials = await auth.credentials(req);
    const { groupBy } = parseRequest(summaryQuery, req.query, 'query');
    const body: ScorecardSummaryResponse = await service.summary(
      req.params.id,
      groupBy,
      credentials,
    );
    res.json(body);
  });

  router.get('/scorecards/:id/results', async (req, res) => {
    const credentials = await auth.credentials(req);
    const filter = parseRequest(resultsQuery, req.query, 'query');
    const body: ScorecardResultsResponse = await service.results(
      req.params.id,
      filter,
      credentials,
    );
    res.json(body);
  });

  router.get('/scorecards/:id/history', async (req, res) => {
    const credentials = await auth.credentials(req);
    const query = parseRequest(historyQuery, req.query, 'query');
    const body: ScorecardHistoryResponse = await service.history(
      req.params.id,
      {
        from: query.from ? Date.parse(query.from) : undefined,
        to: query.to ? Date.parse(query.to) : undefined,
      },
      credentials,
    );
    res.json(body);
  });

  router.post('/evaluate', async (req, res) => {
    await auth.authorized(req, scorecardEvaluatePermission);
    const request = parseRequest(evaluateBody, req.body ?? {}, 'body');
    const body: EvaluateResponse = await service.evaluate(request);
    res.status(202).json(body);
  });

  // --- Exemptions.

  router.get('/exemptions', async (req, res) => {
    const credentials = await auth.credentials(req);
    const query = parseRequest(exemptionQuery, req.query, 'query');
    const body: ExemptionListResponse = await service.listExemptions(
      query,
      credentials,
    );
    res.json(body);
  });

  router.post('/exemptions', async (req, res) => {
    const exemption = await audited(req, 'exemption-grant', async () => {
      const credentials = await auth.authorized(
        req,
        scorecardExemptionCreatePermission,
      );
      const request = parseRequest(exemptionBody, req.body, 'body');
      const granted = await service.grantExemption(request, credentials);
      const { id, scorecard, rule, until, reason } = granted;
      return {
        result: granted,
        meta: {
          id,
          scorecard,
          rule,
          entityRef: granted.entityRef,
          until,
          reason,
        },
      };
    });
    res.status(201).json(exemption);
  });

  router.delete('/exemptions/:id', async (req, res) => {
    await audited(
      req,
      'exemption-revoke',
      async () => {
        const credentials = await auth.authorized(
          req,
          scorecardExemptionDeletePermission,
        );
        await service.revokeExemption(req.params.id, principalRef(credentials));
        return { result: undefined };
      },
      { id: req.params.id },
    );
    res.status(204).end();
  });

  // --- Campaigns.

  router.get('/campaigns', async (req, res) => {
    const credentials = await auth.credentials(req);
    const body: CampaignListResponse = await service.campaigns(credentials);
    res.json(body);
  });

  router.get('/campaigns/:id', async (req, res) => {
    const credentials = await auth.credentials(req);
    const body: CampaignDetailsResponse = await service.campaign(
      req.params.id,
      credentials,
    );
    res.json(body);
  });

  router.post('/campaigns', async (req, res) => {
    const credentials = await auth.authorized(
      req,
      scorecardCampaignCreatePermission,
    );
    const document = parseRequest(documentSchema, req.body, 'body');
    const { campaign, created } = await service.saveCampaign(
      document,
      principalRef(credentials),
    );
    res.status(created ? 201 : 200).json({ campaign });
  });

  router.delete('/campaigns/:id', async (req, res) => {
    await auth.authorized(req, scorecardCampaignDeletePermission);
    await service.deleteCampaign(req.params.id);
    res.status(204).end();
  });

  router.use(bodyParserErrors());
  router.use(internalErrors(options));

  return router;
}
