/**
 * The narrowest a table's name column gets, in pixels: enough for a
 * scorecard, campaign, team or entity name on one line, where an equal
 * share of a narrow table would break it letter by letter.
 */
export const NAME_COLUMN_MIN_WIDTH = 200;
