import { DEFAULT_SCORECARD_LEVELS } from '@plinth/plugin-scorecards-common';
import {
  DORA_TIER_COLORS,
  drawnLevels,
  levelColor,
  levelPalette,
  readableTextColor,
  UNKNOWN_LEVEL_COLOR,
} from './levelColors';

describe('levelColor', () => {
  it("maps Port's colour names, in any case", () => {
    expect(levelColor('paleBlue')).toBe('#a9c8f5');
    expect(levelColor('PALEBLUE')).toBe('#a9c8f5');
    expect(levelColor('gold')).toBe('#e0b43c');
    expect(levelColor('darkGray')).toBe('#4b5563');
  });

  it('takes CSS colours as they are', () => {
    expect(levelColor('#123456')).toBe('#123456');
    expect(levelColor('#abc')).toBe('#abc');
    expect(levelColor(' rgb(10, 20, 30) ')).toBe('rgb(10, 20, 30)');
    expect(levelColor('hsl(120 50% 40%)')).toBe('hsl(120 50% 40%)');
  });

  it('is grey for anything else, never a CSS injection', () => {
    expect(levelColor(undefined)).toBe(UNKNOWN_LEVEL_COLOR);
    expect(levelColor('mauve-ish')).toBe(UNKNOWN_LEVEL_COLOR);
    expect(levelColor('red; background: url(x)')).toBe(UNKNOWN_LEVEL_COLOR);
  });
});

describe('levelPalette', () => {
  it("colours Port's default levels apart, in order", () => {
    const palette = levelPalette(DEFAULT_SCORECARD_LEVELS);
    expect(palette).toHaveLength(4);
    expect(new Set(palette).size).toBe(4);
    expect(palette[3]).toBe(levelColor('gold'));
  });
});

describe('readableTextColor', () => {
  it('is dark on light colours and white on dark ones', () => {
    expect(readableTextColor(levelColor('gold'))).toBe('#1f2328');
    expect(readableTextColor(levelColor('paleBlue'))).toBe('#1f2328');
    expect(readableTextColor(levelColor('red'))).toBe('#ffffff');
    expect(readableTextColor('#000')).toBe('#ffffff');
    expect(readableTextColor('rgb(0,0,0)')).toBe('#ffffff');
  });
});

describe('drawnLevels', () => {
  it('draws DORA tiers in their tier colours, whatever the scorecard says', () => {
    const dora = [
      { title: 'Low', color: 'red' },
      { title: 'Medium', color: 'orange' },
      { title: 'High', color: 'yellow' },
      { title: 'Elite', color: 'green' },
    ];
    expect(drawnLevels(dora).map(level => level.color)).toEqual([
      '#c92a2a',
      '#e07a1f',
      // The DORA plugin's "High": light green, never yellow.
      '#8bd17c',
      '#2e7d32',
    ]);
    expect(levelPalette(dora)[2]).toBe(DORA_TIER_COLORS.high);
  });

  it('leaves any other levels as defined', () => {
    const risk = [
      { title: 'Low', color: 'green' },
      { title: 'High', color: 'red' },
      { title: 'Critical', color: 'black' },
    ];
    expect(drawnLevels(risk)).toEqual(risk);
    expect(drawnLevels(DEFAULT_SCORECARD_LEVELS)).toEqual(
      DEFAULT_SCORECARD_LEVELS,
    );
  });
});
