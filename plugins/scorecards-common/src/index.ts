/**
 * Port-format scorecards for Backstage: the scorecard, exemption and campaign
 * types, loading and checking definitions against blueprints, the evaluation
 * engine, the permissions and the HTTP contract of Plinth's scorecard
 * plugins. Isomorphic: used by the backend, the frontend and the CLI.
 *
 * @packageDocumentation
 */

export { DEFAULT_SCORECARD_LEVELS, levelsOf } from './scorecard/types';
export type {
  Campaign,
  Exemption,
  NumericThreshold,
  Scorecard,
  ScorecardLevel,
  ScorecardRule,
} from './scorecard/types';
export { SCORECARD_KIND, scorecardFromEntity } from './scorecard/entity';
export { checkScorecard } from './scorecard/checkScorecard';
export type { ScorecardDefinitionProblem } from './scorecard/checkScorecard';
export { loadScorecards } from './scorecard/loadScorecards';
export type {
  LoadedScorecards,
  ScorecardDocument,
  SourcedScorecard,
} from './scorecard/loadScorecards';
export { checkCampaign } from './campaign/checkCampaign';
export { compileScorecard } from './evaluate/evaluateScorecard';
export { scorecardRuleLabeler } from './evaluate/ruleLabels';
export type {
  CompiledScorecard,
  RuleResult,
  RuleStatus,
  ScorecardEvaluation,
} from './evaluate/evaluateScorecard';
export {
  scorecardCampaignCreatePermission,
  scorecardCampaignDeletePermission,
  scorecardCreatePermission,
  scorecardDeletePermission,
  scorecardEvaluatePermission,
  scorecardExemptionCreatePermission,
  scorecardExemptionDeletePermission,
  scorecardPermissions,
} from './permissions';
export type {
  CampaignDetailsResponse,
  CampaignFailingEntity,
  CampaignListResponse,
  CampaignProgress,
  CampaignSummary,
  EntityScorecard,
  EntityScorecardsResponse,
  EvaluateRequest,
  EvaluateResponse,
  ExemptionListResponse,
  ExemptionRequest,
  LevelChange,
  LevelDistribution,
  ScorecardHeader,
  ScorecardHistoryDay,
  ScorecardHistoryResponse,
  ScorecardListResponse,
  ScorecardOrigin,
  ScorecardResultRow,
  ScorecardResultsResponse,
  ScorecardSummaryResponse,
} from './api/types';
export { scorecardHeader } from './api/header';
export {
  DORA_SCORECARD_PROPERTIES,
  DORA_SCORECARD_PROPERTY_TITLES,
  doraScorecardValues,
} from './scorecard/doraInputs';
