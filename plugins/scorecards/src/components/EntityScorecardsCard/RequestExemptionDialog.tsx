import { alertApiRef, useApi } from '@backstage/core-plugin-api';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogContentText from '@material-ui/core/DialogContentText';
import DialogTitle from '@material-ui/core/DialogTitle';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { Exemption, ScorecardHeader } from '@plinth/plugin-scorecards-common';
import { FormEvent, useState } from 'react';
import { scorecardsApiRef } from '../../api/ScorecardsApi';
import { HeaderRule } from '../../lib/grouping';
import { endOfDay, formatDate, isoDate } from '../../lib/window';

/** How far ahead the until date starts. */
const DEFAULT_DAYS = 30;

const useStyles = makeStyles(theme => ({
  field: { marginTop: theme.spacing(2) },
}));

/**
 * Asks until when and why an entity is let off a rule, and grants the
 * exemption (`POST /exemptions`).
 */
export function RequestExemptionDialog(props: {
  open: boolean;
  scorecard: ScorecardHeader;
  rule: HeaderRule;
  entityRef: string;
  onClose: () => void;
  /** After the backend granted the exemption. */
  onGranted: (exemption: Exemption) => void;
}) {
  const { scorecard, rule, entityRef, onClose, onGranted } = props;
  const classes = useStyles();
  const api = useApi(scorecardsApiRef);
  const alertApi = useApi(alertApiRef);
  const [until, setUntil] = useState(() => isoDate(DEFAULT_DAYS));
  const [reason, setReason] = useState('');
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<Error>();

  const untilInstant = endOfDay(until);
  const untilValid =
    untilInstant !== undefined && Date.parse(untilInstant) > Date.now();
  const valid = untilValid && reason.trim().length > 0;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!valid || !untilInstant) {
      return;
    }
    setSubmitting(true);
    setError(undefined);
    try {
      const exemption = await api.createExemption({
        scorecard: scorecard.identifier,
        rule: rule.identifier,
        entityRef,
        until: untilInstant,
        reason: reason.trim(),
      });
      alertApi.post({
        message: `Exempt from "${rule.title}" until ${formatDate(
          untilInstant,
        )}`,
        severity: 'success',
        display: 'transient',
      });
      onGranted(exemption);
    } catch (e) {
      setError(e instanceof Error ? e : new Error(String(e)));
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <Dialog
      open={props.open}
      onClose={submitting ? undefined : onClose}
      aria-labelledby="scorecards-exemption-title"
      fullWidth
      maxWidth="sm"
    >
      <form onSubmit={submit} noValidate>
        <DialogTitle id="scorecards-exemption-title">
          Request an exemption
        </DialogTitle>
        <DialogContent>
          <DialogContentText>
            Let {entityRef} off “{rule.title}” of {scorecard.title} until a
            date. The rule counts as passed meanwhile.
          </DialogContentText>
          <TextField
            className={classes.field}
            id="scorecards-exemption-until"
            label="Until"
            type="date"
            value={until}
            onChange={e => setUntil(e.target.value)}
            InputLabelProps={{ shrink: true }}
            inputProps={{ min: isoDate(1) }}
            error={!untilValid}
            helperText={
              untilValid
                ? 'The exemption ends at the end of this day'
                : 'A date after today'
            }
            required
            fullWidth
          />
          <TextField
            className={classes.field}
            id="scorecards-exemption-reason"
            label="Reason"
            value={reason}
            onChange={e => setReason(e.target.value)}
            helperText="Why the rule does not apply yet, for whoever reviews it"
            multiline
            minRows={3}
            required
            fullWidth
          />
          {error && (
            <Typography
              className={classes.field}
              color="error"
              role="alert"
              variant="body2"
            >
              The exemption was not granted: {error.message}
            </Typography>
          )}
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose} disabled={submitting}>
            Cancel
          </Button>
          <Button
            type="submit"
            color="primary"
            variant="contained"
            disabled={!valid || submitting}
          >
            Grant exemption
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
