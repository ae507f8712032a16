export { EntityDoraSummaryCard } from './EntityDoraSummaryCard';
export type { EntityDoraSummaryCardProps } from './EntityDoraSummaryCard';
