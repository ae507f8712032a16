import Typography from '@material-ui/core/Typography';
import { errorMessage } from '../../lib/errors';

/**
 * What failed and why, as one sentence read out to screen readers:
 * `The environment was not created: Environment "preview" … exists already`.
 */
export function ErrorText(props: { what: string; error: unknown }) {
  return (
    <Typography color="error" role="alert" variant="body2">
      {props.what}: {errorMessage(props.error)}
    </Typography>
  );
}
