export { EntityScorecardsContent } from './EntityScorecardsContent';
export type { EntityScorecardsTabCard } from './EntityScorecardsContent';
