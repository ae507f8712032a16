import Chip from '@material-ui/core/Chip';
import { portColor, readableTextColor } from '../../lib/enumColors';

/**
 * An enum value as a chip in its Port colour (`enumColors`), or a plain
 * outlined chip when the blueprint gives it none.
 */
export function EnumChip(props: { value: unknown; color?: string }) {
  const { value, color } = props;
  const background = portColor(color);
  const label = value === null ? 'null' : String(value);
  if (!background) {
    return <Chip size="small" variant="outlined" label={label} />;
  }
  return (
    <Chip
      size="small"
      label={label}
      style={{
        backgroundColor: background,
        color: readableTextColor(background),
      }}
    />
  );
}
