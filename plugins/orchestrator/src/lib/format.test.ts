import { formatRelative, plural } from './format';

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
