import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import Typography from '@material-ui/core/Typography';
import { MatchingCriteria } from '@plinth/plugin-orchestrator-common';
import { Fragment } from 'react';
import { criterionChips } from '../../lib/criteria';

/**
 * Where a definition applies: each criterion a line of chips that must all
 * hold (`env type: production` `app: CartService`), the lines joined by
 * `or`.
 */
export function CriteriaChips(props: {
  criteria: ReadonlyArray<MatchingCriteria>;
}) {
  if (props.criteria.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        Nowhere: it has no criteria
      </Typography>
    );
  }
  return (
    <>
      {props.criteria.map((criterion, index) => (
        <Fragment key={index}>
          {index > 0 && (
            <Typography variant="caption" color="textSecondary" component="p">
              or
            </Typography>
          )}
          <Box display="flex" flexWrap="wrap" style={{ gap: 4 }}>
            {criterionChips(criterion).map(chip => (
              <Chip
                key={chip.label}
                size="small"
                variant="outlined"
                label={chip.label}
                title={chip.title}
              />
            ))}
          </Box>
        </Fragment>
      ))}
    </>
  );
}
