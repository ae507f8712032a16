export { PropertyValue } from './PropertyValue';
export { EnumChip } from './EnumChip';
export { RelativeTime } from './RelativeTime';
export { Countdown } from './Countdown';
