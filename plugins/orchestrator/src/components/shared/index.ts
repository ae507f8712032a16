export { EnvironmentStatusLine } from './EnvironmentStatusLine';
export { ErrorText } from './ErrorText';
export { TtlCountdown } from './TtlCountdown';
