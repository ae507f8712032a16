import type { Problem } from '@plinth/plugin-blueprints-common';
import type { RuleResult, RuleStatus } from '../evaluate/evaluateScorecard';
import type {
  Campaign,
  Exemption,
  Scorecard,
  ScorecardLevel,
} from '../scorecard/types';

/**
 * Where a scorecard was defined.
 * @public
 */
export type ScorecardOrigin = 'file' | 'catalog' | 'api';

/**
 * `GET /scorecards`: the scorecards in force, and the problems of those left out.
 * @public
 */
export interface ScorecardListResponse {
  items: Array<{
    scorecard: Scorecard;
    source: string;
    origin: ScorecardOrigin;
  }>;
  problems: Problem[];
}

/**
 * A scorecard as a result shows it: enough to draw levels and rules.
 * @public
 */
export interface ScorecardHeader {
  identifier: string;
  title: string;
  blueprint: string;
  levels: ScorecardLevel[];
  rules: Array<{
    identifier: string;
    title: string;
    description?: string;
    level: string;
  }>;
}

/**
 * One level change in an entity's history.
 * @public
 */
export interface LevelChange {
  level: string;
  levelIndex: number;
  /** ISO 8601: when the entity reached this level. */
  at: string;
}

/**
 * An entity's result on one scorecard, with its level history.
 * @public
 */
export interface EntityScorecard {
  scorecard: ScorecardHeader;
  level: string;
  levelIndex: number;
  rules: RuleResult[];
  /** ISO 8601. */
  evaluatedAt: string;
  /** Oldest first; at most the last 90 days, and the level before them. */
  history: LevelChange[];
}

/**
 * `GET /entity/:kind/:namespace/:name`: the scorecards that apply to an entity.
 * @public
 */
export interface EntityScorecardsResponse {
  entityRef: string;
  items: EntityScorecard[];
}

/**
 * How many entities are at each level, and each rule's pass rate.
 * @public
 */
export interface LevelDistribution {
  total: number;
  /** Level title → number of entities at that level. */
  levels: Record<string, number>;
  /** Rule identifier → entities passing it (exempt included). */
  passing: Record<string, number>;
}

/**
 * `GET /scorecards/:id/summary?groupBy=`: the level distribution, overall
 * and per group (`team`, `system`, `domain`, or `property:<key>`).
 * @public
 */
export interface ScorecardSummaryResponse {
  scorecard: ScorecardHeader;
  groupBy?: string;
  overall: LevelDistribution;
  groups: Array<LevelDistribution & { group: string }>;
}

/**
 * One entity's row in a scorecard's results (the heat map).
 * @public
 */
export interface ScorecardResultRow {
  entityRef: string;
  title: string;
  teams: string[];
  system?: string;
  domain?: string;
  level: string;
  levelIndex: number;
  /** Rule identifier → status. */
  rules: Record<string, RuleStatus>;
}

/**
 * `GET /scorecards/:id/results?team=&system=&domain=`: every entity's result.
 * @public
 */
export interface ScorecardResultsResponse {
  scorecard: ScorecardHeader;
  items: ScorecardResultRow[];
}

/**
 * One day of a scorecard's history: its last evaluation that day.
 * @public
 */
export interface ScorecardHistoryDay extends LevelDistribution {
  /** `YYYY-MM-DD` (UTC). */
  day: string;
}

/**
 * `GET /scorecards/:id/history?from=&to=`: daily level distributions and
 * pass counts, oldest first.
 * @public
 */
export interface ScorecardHistoryResponse {
  scorecard: ScorecardHeader;
  days: ScorecardHistoryDay[];
}

/**
 * `POST /evaluate`: what to evaluate now (everything when empty).
 * @public
 */
export interface EvaluateRequest {
  scorecard?: string;
  entityRefs?: string[];
}

/**
 * `POST /evaluate`'s answer (202 Accepted): what was put in hand. Results
 * follow within seconds, evaluated by one replica at a time.
 * @public
 */
export interface EvaluateResponse {
  /** Scorecards to be evaluated in full. */
  scorecards: string[];
  /** How many entities were queued. */
  entityRefs: number;
}

/**
 * `POST /exemptions`: grant an exemption (the grantor is the caller).
 * @public
 */
export interface ExemptionRequest {
  scorecard: string;
  rule: string;
  entityRef: string;
  until: string;
  reason: string;
}

/**
 * `GET /exemptions?entityRef=&scorecard=`.
 * @public
 */
export interface ExemptionListResponse {
  items: Exemption[];
}

/**
 * A campaign's progress, overall or for one team.
 * @public
 */
export interface CampaignProgress {
  /** Entities in scope passing every rule of the campaign (exempt included). */
  passing: number;
  total: number;
  /** passing / total, 0 when there is nothing in scope. */
  share: number;
}

/**
 * A campaign with its progress.
 * @public
 */
export interface CampaignSummary {
  campaign: Campaign;
  origin: 'config' | 'api';
  progress: CampaignProgress;
  /** Whether `progress.share` has reached the target. */
  done: boolean;
}

/**
 * `GET /campaigns`.
 * @public
 */
export interface CampaignListResponse {
  items: CampaignSummary[];
}

/**
 * `GET /campaigns/:id`: the campaign's progress per team, and per rule.
 * @public
 */
export interface CampaignDetailsResponse extends CampaignSummary {
  teams: Array<CampaignProgress & { team: string }>;
  rules: Array<{
    scorecard: string;
    rule: string;
    title: string;
    passing: number;
    total: number;
  }>;
  /** The entities in scope still failing a rule, by title. */
  failing: CampaignFailingEntity[];
}

/**
 * An entity in a campaign's scope that still fails one of its rules: who
 * owns it, and each rule it fails with the reason.
 * @public
 */
export interface CampaignFailingEntity {
  entityRef: string;
  title: string;
  /** The owning teams, as group names; empty when it has none. */
  teams: string[];
  rules: Array<{
    scorecard: string;
    rule: string;
    title: string;
    /** Why it fails, in words, when the evaluation said. */
    reason?: string;
  }>;
}
