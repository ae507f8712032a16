/**
 * The narrowest a table's name column gets, in pixels: enough for an
 * entity or property name on one line (`example-website`, `production`),
 * where an equal share of a narrow table would break it letter by letter.
 */
export const NAME_COLUMN_MIN_WIDTH = 220;
