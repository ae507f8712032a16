import type { PortQuery } from '@plinth/plugin-blueprints-common';

/**
 * A level of a scorecard. Levels are ordered, lowest first; the first is
 * the level every entity starts at, and has no rules.
 * @public
 */
export interface ScorecardLevel {
  title: string;
  /** One of Port's level colours (`paleBlue`, `bronze`, `silver`, `gold`, `red`, …) or a CSS colour. */
  color: string;
}

/**
 * Plinth's numeric rule: a number property (a DORA metric, an aggregation, a
 * coverage figure) against a threshold. Unlike a query condition its result
 * keeps how far the value is from the threshold.
 * @public
 */
export interface NumericThreshold {
  property: string;
  operator: '>' | '>=' | '<' | '<=';
  value: number;
}

/**
 * A rule of a scorecard: passing it is needed for `level` and every level
 * above. Either a Port `query` or a Plinth `threshold`.
 * @public
 */
export interface ScorecardRule {
  identifier: string;
  title?: string;
  description?: string;
  level: string;
  query?: PortQuery;
  threshold?: NumericThreshold;
}

/**
 * A scorecard in Port's format, accepted unchanged, with Plinth's numeric
 * rules: rules grouped into levels, over the entities of one blueprint that
 * match `filter`.
 * @public
 */
export interface Scorecard {
  identifier: string;
  title?: string;
  description?: string;
  blueprint: string;
  filter?: PortQuery;
  /** Lowest first. Defaults to {@link DEFAULT_SCORECARD_LEVELS}. */
  levels?: ScorecardLevel[];
  rules: ScorecardRule[];
}

/**
 * Port's default levels: Basic, Bronze, Silver, Gold.
 * @public
 */
export const DEFAULT_SCORECARD_LEVELS: ReadonlyArray<ScorecardLevel> = [
  { title: 'Basic', color: 'paleBlue' },
  { title: 'Bronze', color: 'bronze' },
  { title: 'Silver', color: 'silver' },
  { title: 'Gold', color: 'gold' },
];

/**
 * The levels of a scorecard, its own or the defaults.
 * @public
 */
export function levelsOf(scorecard: Scorecard): ReadonlyArray<ScorecardLevel> {
  return scorecard.levels && scorecard.levels.length > 0
    ? scorecard.levels
    : DEFAULT_SCORECARD_LEVELS;
}

/**
 * An entity let off one rule of a scorecard until a date: the rule counts as
 * passed meanwhile.
 * @public
 */
export interface Exemption {
  id: string;
  scorecard: string;
  rule: string;
  entityRef: string;
  /** ISO 8601: the exemption ends at this instant. */
  until: string;
  reason: string;
  /** The user entity ref of who granted it. */
  grantedBy: string;
  /** ISO 8601. */
  createdAt: string;
}

/**
 * A campaign (initiative): a set of scorecard rules every entity in scope
 * should pass by a deadline; done when `target` of them do.
 * @public
 */
export interface Campaign {
  identifier: string;
  title: string;
  description?: string;
  /** ISO 8601 date or instant. */
  deadline: string;
  /** The share of entities (0–1) that must pass every rule. Defaults to 1. */
  target?: number;
  rules: Array<{ scorecard: string; rule: string }>;
}
