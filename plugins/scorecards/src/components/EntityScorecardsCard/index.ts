export { EntityScorecardsCard } from './EntityScorecardsCard';
export type { EntityScorecardsCardProps } from './EntityScorecardsCard';
