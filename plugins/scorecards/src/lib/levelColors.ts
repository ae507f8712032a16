import { ScorecardLevel } from '@plinth/plugin-scorecards-common';

/**
 * The colours Port offers for scorecard levels (and enum values), as hex.
 * Port names them in camel case (`paleBlue`, `darkGray`); keys here are
 * lower case.
 */
const PORT_COLORS: Record<string, string> = {
  // Port's default levels: Basic, Bronze, Silver, Gold.
  paleblue: '#a9c8f5',
  bronze: '#b0713a',
  silver: '#bcc3cc',
  gold: '#e0b43c',
  // The rest of Port's palette.
  blue: '#2563c9',
  lightblue: '#7fb2f0',
  turquoise: '#0f7f7a',
  palebluegreen: '#a8e0d4',
  green: '#2e7d32',
  lightgreen: '#8bd17c',
  lime: '#a3d65c',
  olive: '#6b7a1a',
  yellow: '#f2c94c',
  orange: '#e07a1f',
  red: '#c92a2a',
  pink: '#d6336c',
  purple: '#7c3aed',
  brown: '#8a5a3b',
  darkgray: '#4b5563',
  gray: '#8b95a1',
  lightgray: '#d8dce3',
  black: '#1f2328',
  white: '#ffffff',
};

/** The colour of a level whose colour is neither a Port name nor CSS. */
export const UNKNOWN_LEVEL_COLOR = '#9e9e9e';

const CSS_COLOR =
  /^(#[0-9a-f]{3}([0-9a-f]{3})?|#[0-9a-f]{8}|(rgb|hsl)a?\([\d\s.,%/-]+\))$/i;

/**
 * The CSS colour of a level colour: one of Port's names (`paleBlue`,
 * `bronze`, `gold`, …, any case), or a CSS hex, `rgb()` or `hsl()` colour
 * taken as it is. Anything else is grey.
 */
export function levelColor(color: string | undefined): string {
  if (!color) {
    return UNKNOWN_LEVEL_COLOR;
  }
  const named = PORT_COLORS[color.trim().toLocaleLowerCase('en-US')];
  if (named) {
    return named;
  }
  return CSS_COLOR.test(color.trim()) ? color.trim() : UNKNOWN_LEVEL_COLOR;
}

/**
 * The colours of the DORA performance tiers, as the DORA plugin's tier
 * chips and charts show them (`plugins/dora/src/lib/doraTiers.ts`): elite
 * green, high light green, medium orange, low red.
 */
export const DORA_TIER_COLORS: Readonly<Record<string, string>> = {
  elite: PORT_COLORS.green,
  high: PORT_COLORS.lightgreen,
  medium: PORT_COLORS.orange,
  low: PORT_COLORS.red,
};

/**
 * A scorecard's levels as they are drawn: when the levels are DORA tiers
 * (each titled Elite, High, Medium or Low, as the DORA scorecard's are),
 * each in its tier's colour whatever the definition says, so that "High"
 * looks the same on a scorecard badge as on the DORA card beside it; any
 * other levels as defined.
 */
export function drawnLevels<T extends ScorecardLevel>(
  levels: ReadonlyArray<T>,
): T[] {
  const tierOf = (level: ScorecardLevel) =>
    level.title.trim().toLocaleLowerCase('en-US');
  const areTiers =
    levels.length > 0 &&
    levels.every(level => tierOf(level) in DORA_TIER_COLORS);
  return levels.map(level =>
    areTiers ? { ...level, color: DORA_TIER_COLORS[tierOf(level)] } : level,
  );
}

/** The CSS colour of each level, in the levels' order. */
export function levelPalette(levels: ReadonlyArray<ScorecardLevel>): string[] {
  return drawnLevels(levels).map(level => levelColor(level.color));
}

/**
 * Black or white, whichever reads better on a `#rrggbb` or `#rgb`
 * background; white for colours it cannot read.
 */
export function readableTextColor(background: string): string {
  let hex = background.replace('#', '');
  if (hex.length === 3) {
    hex = hex
      .split('')
      .map(c => c + c)
      .join('');
  }
  if (!/^[0-9a-f]{6}$/i.test(hex)) {
    return '#ffffff';
  }
  const [r, g, b] = [0, 2, 4].map(i => {
    const channel = parseInt(hex.slice(i, i + 2), 16) / 255;
    return channel <= 0.03928
      ? channel / 12.92
      : Math.pow((channel + 0.055) / 1.055, 2.4);
  });
  const luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  // White while it keeps WCAG AA contrast (4.5:1).
  return (1 + 0.05) / (luminance + 0.05) >= 4.5 ? '#ffffff' : '#1f2328';
}
