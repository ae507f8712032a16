import { Link } from '@backstage/core-components';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import HelpOutlineIcon from '@material-ui/icons/HelpOutline';
import {
  EntityScorecard,
  Exemption,
  RuleResult,
} from '@plinth/plugin-scorecards-common';
import { useState } from 'react';
import { useScorecardLinks } from '../../hooks/useScorecardLinks';
import { formatActual, plural } from '../../lib/format';
import { countStatuses, HeaderRule, rulesByLevel } from '../../lib/grouping';
import { currentLevelSince, levelSteps } from '../../lib/history';
import { drawnLevels, levelColor } from '../../lib/levelColors';
import { formatDate } from '../../lib/window';
import { LevelBadge, RuleStatusIcon } from '../shared';
import { LevelSparkline } from './LevelSparkline';
import { RequestExemptionDialog } from './RequestExemptionDialog';

const useStyles = makeStyles(theme => ({
  section: {
    '& + &': {
      marginTop: theme.spacing(3),
      paddingTop: theme.spacing(2),
      borderTop: `1px solid ${theme.palette.divider}`,
    },
  },
  header: {
    display: 'flex',
    alignItems: 'center',
    flexWrap: 'wrap',
    gap: theme.spacing(1.5),
  },
  title: { margin: 0 },
  level: { marginTop: theme.spacing(2) },
  levelTitle: {
    display: 'flex',
    alignItems: 'center',
    gap: theme.spacing(1),
    margin: theme.spacing(0, 0, 0.5),
  },
  swatch: { width: 10, height: 10, borderRadius: 2 },
  rules: { listStyle: 'none', margin: 0, padding: 0 },
  rule: {
    display: 'flex',
    alignItems: 'flex-start',
    gap: theme.spacing(1),
    padding: theme.spacing(0.75, 0),
  },
  icon: { paddingTop: 2, display: 'flex' },
  ruleBody: { flex: 1, minWidth: 0 },
  detail: { overflowWrap: 'anywhere' },
  action: { flexShrink: 0 },
}));

function RuleDetails(props: {
  result?: RuleResult;
  description?: string;
  /** The end of an exemption granted here, not yet in the result. */
  grantedUntil?: string;
}) {
  const classes = useStyles();
  const { result } = props;
  const lines: string[] = [];
  if (props.grantedUntil && result?.status !== 'exempt') {
    lines.push(
      `Exemption granted until ${formatDate(
        props.grantedUntil,
      )}: it applies at the next evaluation, within seconds`,
    );
  }
  if (!result) {
    lines.push('Not evaluated yet');
  } else if (result.status === 'exempt') {
    lines.push(`Exempt until ${formatDate(result.exemptUntil)}`);
  } else if (result.status === 'failed' || result.status === 'error') {
    if (result.reason) {
      lines.push(result.reason);
    }
    const actual = formatActual(result.actual);
    if (actual !== undefined) {
      lines.push(`Actual value: ${actual}`);
    }
  } else if (props.description) {
    lines.push(props.description);
  }
  return (
    <>
      {lines.map(line => (
        <Typography
          key={line}
          variant="body2"
          color="textSecondary"
          className={classes.detail}
        >
          {line}
        </Typography>
      ))}
    </>
  );
}

/** The key of an exemption in {@link EntityScorecardResult}'s `granted`. */
export function grantKey(scorecard: string, rule: string): string {
  return `${scorecard}/${rule}`;
}

/**
 * An entity's result on one scorecard: its level as a badge in the level's
 * colour and over time, then every rule by level (lowest first) with its
 * status, why it failed, or until when it is exempt.
 */
export function EntityScorecardResult(props: {
  result: EntityScorecard;
  entityRef: string;
  /** Whether to offer exemptions from failed rules. */
  canRequestExemption: boolean;
  /**
   * Exemptions granted here by `scorecard/rule`, until the results show
   * them.
   */
  granted: ReadonlyMap<string, Exemption>;
  /** After an exemption was granted. */
  onExemptionGranted: (exemption: Exemption) => void;
}) {
  const { result, entityRef } = props;
  const { scorecard } = result;
  const classes = useStyles();
  const links = useScorecardLinks();
  const [exempting, setExempting] = useState<HeaderRule>();

  const level = drawnLevels(scorecard.levels)[result.levelIndex];
  const since = currentLevelSince(result.history, result.levelIndex);
  const counts = countStatuses(result.rules);
  const steps = levelSteps(
    result.history,
    { level: result.level, levelIndex: result.levelIndex },
    result.evaluatedAt,
  );
  const scorecardLink = links.scorecard(scorecard.identifier);
  const headingId = `scorecards-card-${scorecard.identifier.replace(
    /[^A-Za-z0-9_-]/g,
    '_',
  )}`;

  return (
    <section className={classes.section} aria-labelledby={headingId}>
      <div className={classes.header}>
        <Typography
          id={headingId}
          variant="h6"
          component="h3"
          className={classes.title}
        >
          {scorecardLink ? (
            <Link to={scorecardLink}>{scorecard.title}</Link>
          ) : (
            scorecard.title
          )}
        </Typography>
        <LevelBadge title={result.level} color={level?.color} />
        <LevelSparkline
          steps={steps}
          levels={scorecard.levels}
          color={levelColor(level?.color)}
        />
      </div>
      <Typography variant="body2" color="textSecondary">
        {[
          since ? `${result.level} since ${formatDate(since)}` : undefined,
          `${counts.passed} of ${plural(result.rules.length, 'rule')} passed`,
          counts.exempt ? `${counts.exempt} exempt` : undefined,
          `evaluated ${formatDate(result.evaluatedAt)}`,
        ]
          .filter(Boolean)
          .join(' · ')}
      </Typography>

      {rulesByLevel(scorecard, result.rules).map(group => (
        <div key={group.index} className={classes.level}>
          <Typography
            variant="subtitle2"
            component="h4"
            className={classes.levelTitle}
          >
            <span
              className={classes.swatch}
              style={{
                backgroundColor: levelColor(
                  group.level &&
                    drawnLevels(scorecard.levels)[group.index]?.color,
                ),
              }}
            />
            {group.level?.title ?? 'Other rules'}
          </Typography>
          <ul className={classes.rules}>
            {group.rules.map(({ rule, result: ruleResult }) => {
              const granted = props.granted.get(
                grantKey(scorecard.identifier, rule.identifier),
              );
              return (
                <li key={rule.identifier} className={classes.rule}>
                  <span className={classes.icon}>
                    {ruleResult ? (
                      <RuleStatusIcon status={ruleResult.status} />
                    ) : (
                      <HelpOutlineIcon
                        fontSize="small"
                        color="disabled"
                        titleAccess="Not evaluated"
                      />
                    )}
                  </span>
                  <div className={classes.ruleBody}>
                    <Typography variant="body2">{rule.title}</Typography>
                    <RuleDetails
                      result={ruleResult}
                      description={rule.description}
                      grantedUntil={granted?.until}
                    />
                  </div>
                  {props.canRequestExemption &&
                    !granted &&
                    (ruleResult?.status === 'failed' ||
                      ruleResult?.status === 'error') && (
                      <Button
                        className={classes.action}
                        size="small"
                        color="primary"
                        aria-label={`Request exemption from ${rule.title}`}
                        onClick={() => setExempting(rule)}
                      >
                        Request exemption
                      </Button>
                    )}
                </li>
              );
            })}
          </ul>
        </div>
      ))}

      {exempting && (
        <RequestExemptionDialog
          open
          scorecard={scorecard}
          rule={exempting}
          entityRef={entityRef}
          onClose={() => setExempting(undefined)}
          onGranted={exemption => {
            setExempting(undefined);
            props.onExemptionGranted(exemption);
          }}
        />
      )}
    </section>
  );
}
