import { CompoundEntityRef } from '@backstage/catalog-model';
import { createApiRef } from '@backstage/core-plugin-api';
import {
  CampaignDetailsResponse,
  CampaignListResponse,
  DoraBucket,
  DoraDeploymentsResponse,
  DoraGroupBy,
  DoraMetricsReport,
  DoraTrendsReport,
  EntityScorecardsResponse,
  EvaluateRequest,
  EvaluateResponse,
  Exemption,
  ExemptionListResponse,
  ExemptionRequest,
  ScorecardHistoryResponse,
  ScorecardListResponse,
  ScorecardResultsResponse,
  ScorecardSummaryResponse,
} from '@plinth/plugin-scorecards-common';

/**
 * How {@link ScorecardsApi.getSummary} groups entities: by owning team, by
 * system, by domain, or by the value of a property (`property:<key>`).
 * @public
 */
export type ScorecardGroupBy =
  | 'team'
  | 'system'
  | 'domain'
  | `property:${string}`;

/**
 * Which entities {@link ScorecardsApi.getResults} returns; every entity when
 * empty.
 * @public
 */
export interface ScorecardResultsFilter {
  /** Only entities owned by this team. */
  team?: string;
  /** Only entities of this system. */
  system?: string;
  /** Only entities of this domain. */
  domain?: string;
}

/**
 * The days {@link ScorecardsApi.getHistory} covers, as ISO 8601 instants or
 * dates; the backend's default window when left out.
 * @public
 */
export interface ScorecardHistoryWindow {
  from?: string;
  to?: string;
}

/**
 * Which exemptions {@link ScorecardsApi.listExemptions} returns; every one
 * when empty.
 * @public
 */
export interface ExemptionFilter {
  /** Only those of this entity. */
  entityRef?: string;
  /** Only those of this scorecard's rules. */
  scorecard?: string;
}

/**
 * Which DORA events {@link ScorecardsApi.getDoraMetrics} and
 * {@link ScorecardsApi.getDoraTrends} measure and how they group them; the
 * backend's defaults (its default window, `production`, no grouping) for
 * what is left out.
 * @public
 */
export interface DoraMetricsQuery {
  /** The window's start, an ISO 8601 instant with a time zone. */
  from?: string;
  /** The window's end, an ISO 8601 instant with a time zone. */
  to?: string;
  /** The environment measured, e.g. `production`. */
  environment?: string;
  /** One result per entity, team, system, domain, or one for all (`none`). */
  groupBy?: DoraGroupBy;
  /** Only this entity (`kind:namespace/name`). */
  entityRef?: string;
  /** Only entities owned by this team (an entity ref). */
  team?: string;
  /** Only entities of this system. */
  system?: string;
  /** Only entities of this domain. */
  domain?: string;
}

/**
 * A {@link DoraMetricsQuery} with the length of the trend's buckets
 * (`week` when left out).
 * @public
 */
export interface DoraTrendsQuery extends DoraMetricsQuery {
  bucket?: DoraBucket;
}

/**
 * Which deployments {@link ScorecardsApi.getDoraDeployments} returns, the
 * latest first.
 * @public
 */
export interface DoraDeploymentsQuery {
  /** Only this entity's deployments. */
  entityRef?: string;
  /** Only deployments to this environment. */
  environment?: string;
  from?: string;
  to?: string;
  /** At most this many, 1 to 500; 50 when left out. */
  limit?: number;
}

/**
 * The scorecards backend (`/api/scorecards`), as the frontend uses it.
 *
 * Every method throws a `ResponseError` from `@backstage/errors` when the
 * backend answers with an error.
 *
 * @public
 */
export interface ScorecardsApi {
  /** Every scorecard in force, and the problems of those left out. */
  listScorecards(): Promise<ScorecardListResponse>;

  /**
   * The scorecards that apply to an entity, with its result on each; no
   * items (never a 404) when none applies.
   */
  getEntityScorecards(
    entityRef: string | CompoundEntityRef,
  ): Promise<EntityScorecardsResponse>;

  /** A scorecard's level distribution, overall and per group. */
  getSummary(
    scorecard: string,
    options?: { groupBy?: ScorecardGroupBy },
  ): Promise<ScorecardSummaryResponse>;

  /** Every entity's level and rule statuses on a scorecard (the heat map). */
  getResults(
    scorecard: string,
    filter?: ScorecardResultsFilter,
  ): Promise<ScorecardResultsResponse>;

  /** A scorecard's daily level distributions and pass counts, oldest first. */
  getHistory(
    scorecard: string,
    window?: ScorecardHistoryWindow,
  ): Promise<ScorecardHistoryResponse>;

  /**
   * Evaluates now rather than at the next scheduled run: one scorecard,
   * some entities, or everything. Needs `plinth.scorecard.evaluate`.
   */
  evaluate(request?: EvaluateRequest): Promise<EvaluateResponse>;

  /** The exemptions in force. */
  listExemptions(filter?: ExemptionFilter): Promise<ExemptionListResponse>;

  /**
   * Lets an entity off a rule until a date; the caller is the grantor.
   * Needs `plinth.scorecard.exemption.create`.
   */
  createExemption(request: ExemptionRequest): Promise<Exemption>;

  /** Revokes an exemption. Needs `plinth.scorecard.exemption.delete`. */
  deleteExemption(id: string): Promise<void>;

  /** Every campaign, with its progress. */
  listCampaigns(): Promise<CampaignListResponse>;

  /** One campaign, with its progress per team and per rule. */
  getCampaign(identifier: string): Promise<CampaignDetailsResponse>;

  /** The five DORA keys over a window, one result per group. */
  getDoraMetrics(query?: DoraMetricsQuery): Promise<DoraMetricsReport>;

  /** The five DORA keys per week or month, one series per group. */
  getDoraTrends(query?: DoraTrendsQuery): Promise<DoraTrendsReport>;

  /** Recent deployments with their incidents, the latest first. */
  getDoraDeployments(
    query?: DoraDeploymentsQuery,
  ): Promise<DoraDeploymentsResponse>;
}

/**
 * The {@link ScorecardsApi}, as plugins and apps reach it: `useApi(scorecardsApiRef)`.
 * @public
 */
export const scorecardsApiRef = createApiRef<ScorecardsApi>({
  id: 'plugin.scorecards.api',
});
