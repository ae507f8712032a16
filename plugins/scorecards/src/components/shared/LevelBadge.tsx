import Chip from '@material-ui/core/Chip';
import { makeStyles } from '@material-ui/core/styles';
import { levelColor, readableTextColor } from '../../lib/levelColors';

const useStyles = makeStyles({
  badge: { fontWeight: 600 },
});

/**
 * A level as a chip in its colour: a Port colour name (`gold`) or a CSS
 * colour, with black or white text for contrast.
 */
export function LevelBadge(props: {
  title: string;
  color?: string;
  size?: 'small' | 'medium';
}) {
  const classes = useStyles();
  const background = levelColor(props.color);
  return (
    <Chip
      className={classes.badge}
      role="img"
      aria-label={`Level: ${props.title}`}
      label={props.title}
      size={props.size ?? 'small'}
      style={{
        backgroundColor: background,
        color: readableTextColor(background),
      }}
    />
  );
}
