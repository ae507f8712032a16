import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { invalidInput } from '@plinth/backend-utils';
import { formatProblem } from '@plinth/plugin-blueprints-common';
import {
  Campaign,
  CampaignDetailsResponse,
  CampaignListResponse,
  EntityScorecardsResponse,
  EvaluateResponse,
  Exemption,
  ExemptionListResponse,
  Scorecard,
  scorecardHeader,
  ScorecardHistoryResponse,
  ScorecardListResponse,
  ScorecardResultsResponse,
  ScorecardSummaryResponse,
} from '@plinth/plugin-scorecards-common';
import type { ScorecardStore } from '../database/ScorecardStore';
import type { ScorecardRegistry } from '../definitions/ScorecardRegistry';
import type { EvaluationRequests } from '../evaluation/startEvaluation';
import type { ResultFilter, ScorecardQueries } from './ScorecardQueries';

const DAY = 86_400_000;
/** The window of a history when none is given. */
const DEFAULT_HISTORY_MS = 90 * DAY;
/** The longest window of a history. */
const MAX_HISTORY_MS = 731 * DAY;

/** An entity ref as results are keyed: `kind:namespace/name`, lowercased. */
export function normalizedRef(ref: string): string {
  return stringifyEntityRef(parseEntityRef(ref)).toLocaleLowerCase('en-US');
}

/** An exemption asked for, its fields checked for shape. */
export interface ExemptionRequest {
  scorecard: string;
  rule: string;
  entityRef: string;
  /** ISO 8601. */
  until: string;
  reason: string;
}

/** Options of {@link ScorecardsService}. */
export interface ScorecardsServiceOptions {
  store: ScorecardStore;
  registry: ScorecardRegistry;
  queries: ScorecardQueries;
  catalog: CatalogService;
  evaluation: EvaluationRequests;
  /** The clock, for tests. */
  now?: () => number;
}

/**
 * The scorecards backend's logic behind its API: scorecard definitions and
 * campaigns saved through the API (never those of files or the catalog),
 * exemptions, evaluation requests, and what each caller may read (results
 * of the entities they can see in the catalog).
 */
export class ScorecardsService {
  private readonly store: ScorecardStore;
  private readonly registry: ScorecardRegistry;
  private readonly queries: ScorecardQueries;
  private readonly catalog: CatalogService;
  private readonly evaluation: EvaluationRequests;
  private readonly now: () => number;

  constructor(options: ScorecardsServiceOptions) {
    this.store = options.store;
    this.registry = options.registry;
    this.queries = options.queries;
    this.catalog = options.catalog;
    this.evaluation = options.evaluation;
    this.now = options.now ?? Date.now;
  }

  /** Resolves once the definitions have been read a first time. */
  ready(): Promise<void> {
    return this.registry.ready();
  }

  // --- Definitions.

  listScorecards(): ScorecardListResponse {
    return {
      items: this.registry.scorecards().map(s => ({
        scorecard: s.scorecard,
        source: s.source,
        origin: s.origin,
      })),
      problems: this.registry.problems(),
    };
  }

  /**
   * Creates or replaces a scorecard of the API, and has it evaluated.
   * @throws InputError listing its problems, ConflictError when a file or
   * the catalog defines it
   */
  async saveScorecard(
    document: unknown,
    by: string,
  ): Promise<{ scorecard: Scorecard; created: boolean }> {
    const problems = this.registry.check(document);
    if (problems.length) throw invalidInput(problems, formatProblem);
    const scorecard = document as Scorecard;
    const existing = this.registry.get(scorecard.identifier);
    if (existing && existing.origin !== 'api') {
      throw new ConflictError(
        `scorecard "${scorecard.identifier}" is defined in ${existing.source}; change it there`,
      );
    }
    await this.store.saveDefinition(scorecard.identifier, scorecard, by);
    await this.registry.refresh();
    await this.evaluation.request();
    return { scorecard, created: !existing };
  }

  /**
   * Deletes a scorecard of the API.
   * @throws ConflictError when a file or the catalog defines it,
   * NotFoundError when the API has none of this id
   */
  async deleteScorecard(identifier: string): Promise<void> {
    const existing = this.registry.get(identifier);
    if (existing && existing.origin !== 'api') {
      throw new ConflictError(
        `scorecard "${identifier}" is defined in ${existing.source}; remove it there`,
      );
    }
    if (!(await this.store.deleteDefinition(identifier))) {
      throw new NotFoundError(
        `no scorecard "${identifier}" saved through the API`,
      );
    }
    await this.registry.refresh();
    await this.evaluation.request();
  }

  // --- Results.

  /** The scorecards of an entity, none when the caller cannot see it. */
  async entityScorecards(
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<EntityScorecardsResponse> {
    const ref = normalizedRef(entityRef);
    const seen = await this.visible([ref], credentials);
    return {
      entityRef: ref,
      items: seen.has(ref) ? await this.queries.entityScorecards(ref) : [],
    };
  }

  summary(
    identifier: string,
    groupBy: string | undefined,
  ): Promise<ScorecardSummaryResponse> {
    return this.queries.summary(identifier, groupBy);
  }

  /** Every result of a scorecard the caller can see, filtered. */
  async results(
    identifier: string,
    filter: ResultFilter,
    credentials: BackstageCredentials,
  ): Promise<ScorecardResultsResponse> {
    const rows = await this.queries.results(identifier, filter);
    const seen = await this.visible(
      rows.map(r => r.entityRef),
      credentials,
    );
    return {
      scorecard: scorecardHeader(this.scorecard(identifier)),
      items: rows.filter(r => seen.has(r.entityRef)),
    };
  }

  /**
   * A scorecard's daily distributions over a window: the 90 days up to `to`
   * (now by default), at most two years.
   * @throws InputError for a window backwards or too long
   */
  async history(
    identifier: string,
    window: { from?: number; to?: number },
  ): Promise<ScorecardHistoryResponse> {
    const to = window.to ?? this.now();
    const from = window.from ?? to - DEFAULT_HISTORY_MS;
    if (from > to) throw new InputError('query from: must not be after to');
    if (to - from > MAX_HISTORY_MS) {
      throw new InputError('query from: the window is at most two years');
    }
    const days = await this.queries.history(identifier, from, to);
    return { scorecard: scorecardHeader(this.scorecard(identifier)), days };
  }

  /**
   * Asks for an evaluation: of some entities on every scorecard, or in full
   * of one scorecard or all.
   * @throws NotFoundError for an unknown scorecard
   */
  async evaluate(request: {
    scorecard?: string;
    entityRefs?: string[];
  }): Promise<EvaluateResponse> {
    const { scorecard } = request;
    if (scorecard && !this.registry.get(scorecard)) {
      throw new NotFoundError(`no scorecard "${scorecard}"`);
    }
    const refs = (request.entityRefs ?? []).map(normalizedRef);
    let scorecards: string[] = [];
    if (refs.length) {
      await this.store.enqueue(refs);
    } else {
      scorecards = scorecard
        ? [scorecard]
        : this.registry.scorecards().map(s => s.scorecard.identifier);
      await this.store.resetFingerprints(scorecards);
    }
    await this.evaluation.request();
    return { scorecards, entityRefs: refs.length };
  }

  // --- Exemptions.

  async listExemptions(filter: {
    entityRef?: string;
    scorecard?: string;
  }): Promise<ExemptionListResponse> {
    return {
      items: await this.store.activeExemptions(
        {
          entityRefs: filter.entityRef
            ? [normalizedRef(filter.entityRef)]
            : undefined,
          scorecard: filter.scorecard,
        },
        this.now(),
      ),
    };
  }

  /**
   * Exempts an entity from a rule until a time, and has it evaluated again.
   * @throws InputError for an unknown scorecard or rule, or an end in the past
   */
  async grantExemption(
    request: ExemptionRequest,
    grantedBy: string,
  ): Promise<Exemption> {
    const registered = this.registry.get(request.scorecard);
    if (!registered) {
      throw new InputError(
        `body scorecard: no scorecard "${request.scorecard}"`,
      );
    }
    if (!registered.scorecard.rules.some(r => r.identifier === request.rule)) {
      throw new InputError(
        `body rule: scorecard "${request.scorecard}" has no rule "${request.rule}"`,
      );
    }
    const now = this.now();
    if (Date.parse(request.until) <= now) {
      throw new InputError('body until: must be in the future');
    }
    const entityRef = normalizedRef(request.entityRef);
    const exemption = await this.store.addExemption(
      { ...request, entityRef, grantedBy },
      now,
    );
    await this.store.enqueue([entityRef]);
    await this.evaluation.request();
    return exemption;
  }

  /**
   * Ends an exemption now, and has its entity evaluated again.
   * @throws NotFoundError when none of this id is in force
   */
  async revokeExemption(id: string, revokedBy: string): Promise<Exemption> {
    const revoked = await this.store.revokeExemption(id, revokedBy, this.now());
    if (!revoked) throw new NotFoundError(`no exemption "${id}" in force`);
    await this.store.enqueue([revoked.entityRef]);
    await this.evaluation.request();
    return revoked;
  }

  // --- Campaigns.

  async campaigns(): Promise<CampaignListResponse> {
    return { items: await this.queries.campaigns() };
  }

  campaign(identifier: string): Promise<CampaignDetailsResponse> {
    return this.queries.campaign(identifier);
  }

  /**
   * Creates or replaces a campaign of the API.
   * @throws InputError listing its problems, ConflictError when app-config
   * defines it
   */
  async saveCampaign(
    document: unknown,
    by: string,
  ): Promise<{ campaign: Campaign; created: boolean }> {
    const problems = this.registry.checkCampaign(document);
    if (problems.length) throw invalidInput(problems, formatProblem);
    const campaign = document as Campaign;
    const existing = this.registry.campaign(campaign.identifier);
    if (existing && existing.origin !== 'api') {
      throw new ConflictError(
        `campaign "${campaign.identifier}" is defined in app-config; change it there`,
      );
    }
    await this.store.saveCampaign(campaign.identifier, campaign, by);
    await this.registry.refresh();
    return { campaign, created: !existing };
  }

  /** @throws NotFoundError when the API has no campaign of this id */
  async deleteCampaign(identifier: string): Promise<void> {
    if (!(await this.store.deleteCampaign(identifier))) {
      throw new NotFoundError(
        `no campaign "${identifier}" saved through the API`,
      );
    }
    await this.registry.refresh();
  }

  // --- Helpers.

  private scorecard(identifier: string): Scorecard {
    const registered = this.registry.get(identifier);
    if (!registered) throw new NotFoundError(`no scorecard "${identifier}"`);
    return registered.scorecard;
  }

  /** Which of these refs the caller may see in the catalog. */
  private async visible(
    refs: string[],
    credentials: BackstageCredentials,
  ): Promise<Set<string>> {
    const seen = new Set<string>();
    for (let i = 0; i < refs.length; i += 1000) {
      const slice = refs.slice(i, i + 1000);
      const { items } = await this.catalog.getEntitiesByRefs(
        { entityRefs: slice, fields: ['kind'] },
        { credentials },
      );
      slice.forEach((ref, j) => items[j] && seen.add(ref));
    }
    return seen;
  }
}
