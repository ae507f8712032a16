/**
 * The colours Port offers for `enumColors` (and `colors` of calculation
 * properties), as hex. Port names them in camel case; any CSS hex or
 * `rgb()` colour is taken as it is.
 */
const PORT_COLORS: Record<string, string> = {
  // Dark enough for white text at WCAG AA contrast (4.5:1)…
  blue: '#2563c9',
  turquoise: '#0f7f7a',
  orange: '#c2570c',
  purple: '#7c3aed',
  pink: '#c2185b',
  green: '#1e7e34',
  red: '#c92a2a',
  darkgray: '#4b5563',
  bronze: '#a0632d',
  olive: '#6b7a1a',
  brown: '#8a5a3b',
  black: '#1f2328',
  // …and light ones, for dark text.
  yellow: '#f2c94c',
  gold: '#e0b43c',
  silver: '#c0c5cc',
  palebluegreen: '#a8e0d4',
  paleblue: '#a9c8f5',
  lightgray: '#d8dce3',
  lime: '#a3d65c',
  white: '#ffffff',
};

const CSS_COLOR = /^(#[0-9a-f]{3}([0-9a-f]{3})?|rgba?\([\d\s.,%]+\))$/i;

/**
 * The CSS colour of a Port colour name (`red`, `lightGray`), or of a CSS
 * colour given as it is; `undefined` for anything else.
 */
export function portColor(name: string | undefined): string | undefined {
  if (!name) {
    return undefined;
  }
  const named = PORT_COLORS[name.toLocaleLowerCase('en-US')];
  if (named) {
    return named;
  }
  return CSS_COLOR.test(name.trim()) ? name.trim() : undefined;
}

/** Black or white, whichever reads better on a `#rrggbb` or `#rgb` background. */
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
  // White while it keeps WCAG AA contrast (4.5:1), as Port shows its chips.
  return (1 + 0.05) / (luminance + 0.05) >= 4.5 ? '#ffffff' : '#1f2328';
}
