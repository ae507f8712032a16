export { EntityDoraCard } from './EntityDoraCard';
export type { EntityDoraCardProps } from './EntityDoraCard';
