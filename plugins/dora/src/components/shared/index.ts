export { DoraKeysTable } from './DoraKeysTable';
export { DoraSparkline } from './DoraSparkline';
export { TierChip } from './TierChip';
