export { DeploymentStatusChip } from './DeploymentStatusChip';
export { EnvironmentStatusLine } from './EnvironmentStatusLine';
export { ErrorText } from './ErrorText';
export { RefusableButton } from './RefusableButton';
export { RelativeTime } from './RelativeTime';
export { TtlCountdown } from './TtlCountdown';
