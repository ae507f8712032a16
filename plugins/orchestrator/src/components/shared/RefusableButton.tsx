import Button, { ButtonProps } from '@material-ui/core/Button';
import Tooltip from '@material-ui/core/Tooltip';

/**
 * A button that, when the user may see but not take its action (a locked
 * environment, say), is disabled with the reason on hover; a plain button
 * otherwise.
 */
export function RefusableButton(
  props: ButtonProps & {
    /** Why the action is refused; the button is enabled without one. */
    refusal?: string;
  },
) {
  const { refusal, disabled, ...rest } = props;
  if (!refusal) {
    return <Button disabled={disabled} {...rest} />;
  }
  // A disabled button gets no hover: the tooltip sits on its wrapper.
  return (
    <Tooltip title={refusal}>
      <span>
        <Button disabled {...rest} />
      </span>
    </Tooltip>
  );
}
