import { formatInstant, formatRelative } from '../../lib/format';

/** An instant relative to now (`3 hours ago`), the instant itself on hover. */
export function RelativeTime(props: { at: string }) {
  return (
    <time dateTime={props.at} title={formatInstant(props.at)}>
      {formatRelative(props.at)}
    </time>
  );
}
