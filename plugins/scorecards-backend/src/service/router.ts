import {
  AuditorService,
  BackstageCredentials,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import {
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  AuthorizeResult,
  BasicPermission,
} from '@backstage/plugin-permission-common';
import {
  CampaignDetailsResponse,
  CampaignListResponse,
  EntityScorecardsResponse,
  EvaluateResponse,
  Exemption,
  ExemptionListResponse,
  scorecardCampaignCreatePermission,
  scorecardCampaignDeletePermission,
  scorecardCreatePermission,
  scorecardDeletePermission,
  scorecardEvaluatePermission,
  scorecardExemptionCreatePermission,
  scorecardExemptionDeletePermission,
  ScorecardHistoryResponse,
  scorecardHeader,
  ScorecardListResponse,
  ScorecardResultsResponse,
  ScorecardSummaryResponse,
} from '@plinth/plugin-scorecards-common';
import { formatProblem, Problem } from '@plinth/plugin-blueprints-common';
import express, { Request } from 'express';
import Router from 'express-promise-router';
import { z } from 'zod/v3';
import type { ScorecardStore } from '../database/ScorecardStore';
import type { ScorecardQueries } from './ScorecardQueries';
import type { ScorecardRegistry } from './ScorecardRegistry';

const DAY = 86_400_000;

const isoDate = z
  .string({ invalid_type_error: 'must be given once' })
  .refine(
    v => /^\d{4}-\d{2}-\d{2}/.test(v) && !Number.isNaN(Date.parse(v)),
    'must be an ISO 8601 date',
  );

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

const entityRef = z.string({ required_error: 'is required' }).refine(v => {
  try {
    parseEntityRef(v);
    return v.includes(':');
  } catch {
    return false;
  }
}, 'must be an entity ref: kind:namespace/name');

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

/** An entity ref as results are keyed: `kind:namespace/name`, lowercased. */
function normalizedRef(ref: string): string {
  return stringifyEntityRef(parseEntityRef(ref)).toLocaleLowerCase('en-US');
}

/** Parses a request part with a zod schema, or throws an InputError naming every field. */
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

/**
 * The InputError (HTTP 400) for a definition that does not validate; the
 * body carries the problems as a list too (`error.problems`).
 */
function invalidInput(problems: Problem[]): InputError {
  return Object.assign(new InputError(problems.map(formatProblem).join('\n')), {
    problems,
  });
}

/** What {@link createRouter} needs. */
export interface RouterOptions {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  auditor: AuditorService;
  catalog: CatalogService;
  store: ScorecardStore;
  registry: ScorecardRegistry;
  queries: ScorecardQueries;
  /** Asks for an evaluation run now (queued entities and changed scorecards). */
  requestEvaluation: () => Promise<void>;
}

/**
 * The scorecards backend's REST API, mounted at `/api/scorecards`. Every
 * route needs a user or service; every change needs its permission, and
 * exemptions are audited.
 */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const {
    httpAuth,
    permissions,
    auditor,
    catalog,
    store,
    registry,
    queries,
    requestEvaluation,
  } = options;
  const router = Router();
  router.use(express.json({ limit: '1mb' }));

  async function caller(req: Request): Promise<BackstageCredentials> {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    await registry.ready();
    return credentials;
  }

  async function authorized(
    req: Request,
    permission: BasicPermission,
  ): Promise<BackstageCredentials> {
    const credentials = await caller(req);
    const [decision] = await permissions.authorize([{ permission }], {
      credentials,
    });
    if (decision.result === AuthorizeResult.DENY) {
      throw new NotAllowedError(`not allowed: ${permission.name}`);
    }
    return credentials;
  }

  function principalOf(credentials: BackstageCredentials): string {
    const principal = credentials.principal as {
      type: string;
      userEntityRef?: string;
      subject?: string;
    };
    return principal.userEntityRef ?? principal.subject ?? principal.type;
  }

  /** Which of these refs the caller may see in the catalog. */
  async function visible(
    refs: string[],
    credentials: BackstageCredentials,
  ): Promise<Set<string>> {
    const seen = new Set<string>();
    for (let i = 0; i < refs.length; i += 1000) {
      const slice = refs.slice(i, i + 1000);
      const { items } = await catalog.getEntitiesByRefs(
        { entityRefs: slice, fields: ['kind'] },
        { credentials },
      );
      slice.forEach((ref, j) => items[j] && seen.add(ref));
    }
    return seen;
  }

  // --- Definitions.

  router.get('/scorecards', async (req, res) => {
    await caller(req);
    const body: ScorecardListResponse = {
      items: registry.scorecards().map(s => ({
        scorecard: s.scorecard,
        source: s.source,
        origin: s.origin,
      })),
      problems: registry.problems(),
    };
    res.json(body);
  });

  router.post('/scorecards', async (req, res) => {
    const credentials = await authorized(req, scorecardCreatePermission);
    const problems = registry.check(req.body);
    if (problems.length) throw invalidInput(problems);
    const existing = registry.get(req.body.identifier);
    if (existing && existing.origin !== 'api') {
      throw new ConflictError(
        `scorecard "${req.body.identifier}" is defined in ${existing.source}; change it there`,
      );
    }
    await store.saveDefinition(
      req.body.identifier,
      req.body,
      principalOf(credentials),
    );
    await registry.refresh();
    await requestEvaluation();
    res.status(existing ? 200 : 201).json({ scorecard: req.body });
  });

  router.delete('/scorecards/:id', async (req, res) => {
    await authorized(req, scorecardDeletePermission);
    const existing = registry.get(req.params.id);
    if (existing && existing.origin !== 'api') {
      throw new ConflictError(
        `scorecard "${req.params.id}" is defined in ${existing.source}; remove it there`,
      );
    }
    if (!(await store.deleteDefinition(req.params.id))) {
      throw new NotFoundError(
        `no scorecard "${req.params.id}" saved through the API`,
      );
    }
    await registry.refresh();
    await requestEvaluation();
    res.status(204).end();
  });

  // --- Results.

  router.get('/entity/:kind/:namespace/:name', async (req, res) => {
    const credentials = await caller(req);
    const ref = stringifyEntityRef({
      kind: req.params.kind,
      namespace: req.params.namespace,
      name: req.params.name,
    }).toLocaleLowerCase('en-US');
    const seen = await visible([ref], credentials);
    const body: EntityScorecardsResponse = {
      entityRef: ref,
      items: seen.has(ref) ? await queries.entityScorecards(ref) : [],
    };
    res.json(body);
  });

  router.get('/scorecards/:id/summary', async (req, res) => {
    await caller(req);
    const { groupBy } = parse(summaryQuery, req.query, 'query');
    const body: ScorecardSummaryResponse = await queries.summary(
      req.params.id,
      groupBy,
    );
    res.json(body);
  });

  router.get('/scorecards/:id/results', async (req, res) => {
    const credentials = await caller(req);
    const filter = parse(resultsQuery, req.query, 'query');
    const rows = await queries.results(req.params.id, filter);
    const seen = await visible(
      rows.map(r => r.entityRef),
      credentials,
    );
    const body: ScorecardResultsResponse = {
      scorecard: scorecardHeader(registry.get(req.params.id)!.scorecard),
      items: rows.filter(r => seen.has(r.entityRef)),
    };
    res.json(body);
  });

  router.get('/scorecards/:id/history', async (req, res) => {
    await caller(req);
    const query = parse(historyQuery, req.query, 'query');
    const to = query.to ? Date.parse(query.to) : Date.now();
    const from = query.from ? Date.parse(query.from) : to - 90 * DAY;
    if (from > to) throw new InputError('query from: must not be after to');
    if (to - from > 731 * DAY) {
      throw new InputError('query from: the window is at most two years');
    }
    const days = await queries.history(req.params.id, from, to);
    const body: ScorecardHistoryResponse = {
      scorecard: scorecardHeader(registry.get(req.params.id)!.scorecard),
      days,
    };
    res.json(body);
  });

  router.post('/evaluate', async (req, res) => {
    await authorized(req, scorecardEvaluatePermission);
    const { scorecard, entityRefs } = parse(
      evaluateBody,
      req.body ?? {},
      'body',
    );
    if (scorecard && !registry.get(scorecard)) {
      throw new NotFoundError(`no scorecard "${scorecard}"`);
    }
    const refs = (entityRefs ?? []).map(r => normalizedRef(r));
    let scorecards: string[] = [];
    if (refs.length === 0) {
      scorecards = scorecard
        ? [scorecard]
        : registry.scorecards().map(s => s.scorecard.identifier);
    }
    if (refs.length) await store.enqueue(refs);
    else await store.resetFingerprints(scorecards);
    await requestEvaluation();
    const body: EvaluateResponse = { scorecards, entityRefs: refs.length };
    res.status(202).json(body);
  });

  // --- Exemptions.

  router.get('/exemptions', async (req, res) => {
    await caller(req);
    const query = parse(exemptionQuery, req.query, 'query');
    const body: ExemptionListResponse = {
      items: await store.activeExemptions(
        {
          entityRefs: query.entityRef
            ? [normalizedRef(query.entityRef)]
            : undefined,
          scorecard: query.scorecard,
        },
        Date.now(),
      ),
    };
    res.json(body);
  });

  router.post('/exemptions', async (req, res) => {
    const audit = await auditor.createEvent({
      eventId: 'exemption-grant',
      severityLevel: 'medium',
      request: req,
    });
    try {
      const credentials = await authorized(
        req,
        scorecardExemptionCreatePermission,
      );
      const body = parse(exemptionBody, req.body, 'body');
      const scorecard = registry.get(body.scorecard);
      if (!scorecard) {
        throw new InputError(
          `body scorecard: no scorecard "${body.scorecard}"`,
        );
      }
      if (!scorecard.scorecard.rules.some(r => r.identifier === body.rule)) {
        throw new InputError(
          `body rule: scorecard "${body.scorecard}" has no rule "${body.rule}"`,
        );
      }
      if (Date.parse(body.until) <= Date.now()) {
        throw new InputError('body until: must be in the future');
      }
      const ref = normalizedRef(body.entityRef);
      const exemption: Exemption = await store.addExemption(
        { ...body, entityRef: ref, grantedBy: principalOf(credentials) },
        Date.now(),
      );
      await store.enqueue([ref]);
      await requestEvaluation();
      await audit.success({
        meta: {
          id: exemption.id,
          scorecard: exemption.scorecard,
          rule: exemption.rule,
          entityRef: exemption.entityRef,
          until: exemption.until,
          reason: exemption.reason,
        },
      });
      res.status(201).json(exemption);
    } catch (error) {
      await audit.fail({ error: error as Error });
      throw error;
    }
  });

  router.delete('/exemptions/:id', async (req, res) => {
    const audit = await auditor.createEvent({
      eventId: 'exemption-revoke',
      severityLevel: 'medium',
      request: req,
      meta: { id: req.params.id },
    });
    try {
      const credentials = await authorized(
        req,
        scorecardExemptionDeletePermission,
      );
      const revoked = await store.revokeExemption(
        req.params.id,
        principalOf(credentials),
        Date.now(),
      );
      if (!revoked) {
        throw new NotFoundError(`no exemption "${req.params.id}" in force`);
      }
      await store.enqueue([revoked.entityRef]);
      await requestEvaluation();
      await audit.success();
      res.status(204).end();
    } catch (error) {
      await audit.fail({ error: error as Error });
      throw error;
    }
  });

  // --- Campaigns.

  router.get('/campaigns', async (req, res) => {
    await caller(req);
    const body: CampaignListResponse = { items: await queries.campaigns() };
    res.json(body);
  });

  router.get('/campaigns/:id', async (req, res) => {
    await caller(req);
    const body: CampaignDetailsResponse = await queries.campaign(req.params.id);
    res.json(body);
  });

  router.post('/campaigns', async (req, res) => {
    const credentials = await authorized(
      req,
      scorecardCampaignCreatePermission,
    );
    const problems = registry.checkCampaign(req.body);
    if (problems.length) throw invalidInput(problems);
    const existing = registry.campaign(req.body.identifier);
    if (existing && existing.origin !== 'api') {
      throw new ConflictError(
        `campaign "${req.body.identifier}" is defined in app-config; change it there`,
      );
    }
    await store.saveCampaign(
      req.body.identifier,
      req.body,
      principalOf(credentials),
    );
    await registry.refresh();
    res.status(existing ? 200 : 201).json({ campaign: req.body });
  });

  router.delete('/campaigns/:id', async (req, res) => {
    await authorized(req, scorecardCampaignDeletePermission);
    if (!(await store.deleteCampaign(req.params.id))) {
      throw new NotFoundError(
        `no campaign "${req.params.id}" saved through the API`,
      );
    }
    await registry.refresh();
    res.status(204).end();
  });

  return router;
}
