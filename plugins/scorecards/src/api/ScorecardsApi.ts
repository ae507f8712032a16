import { CompoundEntityRef } from '@backstage/catalog-model';
import { createApiRef } from '@backstage/core-plugin-api';
import {
  CampaignDetailsResponse,
  CampaignListResponse,
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
}

/**
 * The {@link ScorecardsApi}, as plugins and apps reach it: `useApi(scorecardsApiRef)`.
 * @public
 */
export const scorecardsApiRef = createApiRef<ScorecardsApi>({
  id: 'plugin.scorecards.api',
});
