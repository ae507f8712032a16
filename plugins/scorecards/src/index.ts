/**
 * The Plinth scorecards plugin: Port-format scorecards in Backstage's UI —
 * the scorecards card on every entity (levels, rules, trend, exemptions),
 * the scorecards page (level distribution, summary by team, system or
 * domain, heat map, history), the campaign pages, and DORA metrics (a card
 * on every entity and dashboards for developers, managers and executives).
 *
 * The default export is the plugin for the new frontend system;
 * `scorecardsPlugin`, `ScorecardsPage`, `EntityScorecardsCard` and
 * `EntityDoraCard` serve apps of the old one.
 *
 * @packageDocumentation
 */

export { scorecardsFrontendPlugin as default } from './plugin';

export {
  scorecardsPlugin,
  ScorecardsPage,
  EntityScorecardsCard,
  EntityDoraCard,
} from './legacyPlugin';
export type { EntityScorecardsCardProps } from './components/EntityScorecardsCard';
export type { EntityDoraCardProps } from './components/EntityDoraCard';

export { scorecardsApiRef } from './api/ScorecardsApi';
export type {
  DoraDeploymentsQuery,
  DoraMetricsQuery,
  DoraTrendsQuery,
  ExemptionFilter,
  ScorecardGroupBy,
  ScorecardHistoryWindow,
  ScorecardResultsFilter,
  ScorecardsApi,
} from './api/ScorecardsApi';
export { ScorecardsClient } from './api/ScorecardsClient';
