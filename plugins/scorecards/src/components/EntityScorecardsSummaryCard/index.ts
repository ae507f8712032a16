export { EntityScorecardsSummaryCard } from './EntityScorecardsSummaryCard';
export type { EntityScorecardsSummaryCardProps } from './EntityScorecardsSummaryCard';
