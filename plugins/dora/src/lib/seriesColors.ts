/**
 * Colours for chart lines that stand for things (a rule, a team, a
 * service), not for a judgement: distinct, readable on light and dark
 * themes, and none of the colours that mean something (a tier or level's
 * green, light green, orange and red; a status's green and red), so a line
 * is never read as a verdict.
 */
export const SERIES_COLORS: ReadonlyArray<string> = [
  '#2563c9',
  '#7c3aed',
  '#0f7f7a',
  '#c2185b',
  '#8a5a3b',
  '#4b5563',
  '#7fb2f0',
  '#6b7a1a',
];

/** The colour of the `index`th series, repeating past the palette's end. */
export function seriesColor(index: number): string {
  return SERIES_COLORS[index % SERIES_COLORS.length];
}
