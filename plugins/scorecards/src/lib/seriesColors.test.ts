import { SERIES_COLORS, seriesColor } from './seriesColors';

describe('seriesColor', () => {
  it('gives distinct colours, none of those that mean a verdict', () => {
    expect(new Set(SERIES_COLORS).size).toBe(SERIES_COLORS.length);
    // Tier and level greens, orange and red.
    for (const meaning of ['#2e7d32', '#8bd17c', '#e07a1f', '#c92a2a']) {
      expect(SERIES_COLORS).not.toContain(meaning);
    }
    expect(seriesColor(SERIES_COLORS.length)).toBe(seriesColor(0));
  });
});
