/**
 * The Plinth scorecards plugin: Port-format scorecards in Backstage's UI —
 * the scorecards card on every entity (levels, rules, trend, exemptions),
 * the scorecards page (level distribution, summary by team, system or
 * domain, heat map, history) and the campaign pages. DORA metrics are the
 * DORA plugin's (`@plinth/plugin-dora`); the overview links to them through
 * the optional external route `dora`.
 *
 * The default export is the plugin for the new frontend system;
 * `scorecardsPlugin`, `ScorecardsPage`, `EntityScorecardsCard` and
 * `EntityScorecardsSummaryCard` serve apps of the old one.
 *
 * @packageDocumentation
 */

export { scorecardsFrontendPlugin as default } from './plugin';

export {
  scorecardsPlugin,
  ScorecardsPage,
  EntityScorecardsCard,
  EntityScorecardsSummaryCard,
} from './legacyPlugin';
export type { EntityScorecardsCardProps } from './components/EntityScorecardsCard';
export type { EntityScorecardsSummaryCardProps } from './components/EntityScorecardsSummaryCard';

export { scorecardsApiRef } from './api/ScorecardsApi';
export type {
  ExemptionFilter,
  ScorecardGroupBy,
  ScorecardHistoryWindow,
  ScorecardResultsFilter,
  ScorecardsApi,
} from './api/ScorecardsApi';
export { ScorecardsClient } from './api/ScorecardsClient';
