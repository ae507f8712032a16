/**
 * Port's query operators over a property.
 * @public
 */
export type PortPropertyOperator =
  | '='
  | '!='
  | '>'
  | '<'
  | '>='
  | '<='
  | 'contains'
  | 'doesNotContains'
  | 'beginsWith'
  | 'doesNotBeginsWith'
  | 'endsWith'
  | 'doesNotEndsWith'
  | 'containsAny'
  | 'in'
  | 'notIn'
  | 'isEmpty'
  | 'isNotEmpty'
  | 'between'
  | 'notBetween';

/**
 * A date range for `between` / `notBetween`: explicit bounds, or one of Port's
 * presets relative to now.
 * @public
 */
export type PortDateRange =
  | { from: string; to: string }
  | {
      preset:
        | 'today'
        | 'tomorrow'
        | 'yesterday'
        | 'lastWeek'
        | 'last2Weeks'
        | 'lastMonth'
        | 'last3Months'
        | 'last6Months'
        | 'last12Months';
    };

/**
 * A condition on a property: a plain, mirror, calculation or aggregation
 * property, or a meta-property such as `$team` or `$updatedAt`.
 * @public
 */
export interface PortPropertyRule {
  property: string;
  operator: PortPropertyOperator;
  value?: unknown;
  /** Negates the condition (Port allows it on property rules). */
  not?: boolean;
}

/**
 * A condition on a relation: its target identifier(s), or whether it is set.
 * @public
 */
export interface PortRelationRule {
  relation: string;
  operator: '=' | '!=' | 'in' | 'notIn' | 'isEmpty' | 'isNotEmpty';
  value?: unknown;
  not?: boolean;
}

/**
 * A Port query: rules (or nested queries) joined by `and` or `or`. Port's
 * scorecards call the list `conditions`, its search API `rules`; both are read.
 * @public
 */
export interface PortQuery {
  combinator: 'and' | 'or';
  rules?: PortQueryRule[];
  conditions?: PortQueryRule[];
}

/**
 * One member of a query.
 * @public
 */
export type PortQueryRule = PortPropertyRule | PortRelationRule | PortQuery;
