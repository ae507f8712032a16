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

/** The CSS colour of each level, in the levels' order. */
export function levelPalette(levels: ReadonlyArray<ScorecardLevel>): string[] {
  return levels.map(level => levelColor(level.color));
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
