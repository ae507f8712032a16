import { formatDuration, formatRelative, plural } from './format';

describe('plural', () => {
  it('counts in the singular or the plural', () => {
    expect(plural(1, 'app')).toBe('1 app');
    expect(plural(0, 'app')).toBe('0 apps');
    expect(plural(2, 'entity', 'entities')).toBe('2 entities');
  });
});

describe('formatRelative', () => {
  it('says how long ago', () => {
    expect(
      formatRelative(new Date(Date.now() - 3 * 86_400_000).toISOString()),
    ).toBe('3 days ago');
  });
});

describe('formatDuration', () => {
  it('says how long, to the second under an hour', () => {
    expect(formatDuration(400)).toBe('under a second');
    expect(formatDuration(42_000)).toBe('42 s');
    expect(formatDuration(185_000)).toBe('3 min 5 s');
    expect(formatDuration(120_000)).toBe('2 min');
    expect(formatDuration(62 * 60_000)).toBe('1 h 2 min');
  });
});
