export { LevelBadge } from './LevelBadge';
export {
  describeDistribution,
  LevelDistributionBar,
} from './LevelDistributionBar';
export { RuleStatusIcon, STATUS_LABELS } from './RuleStatusIcon';
export { TargetProgressBar } from './TargetProgressBar';
