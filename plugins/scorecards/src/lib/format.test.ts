import { formatActual, plural } from './format';

describe('formatActual', () => {
  it('shows what a rule looked at', () => {
    expect(formatActual(62)).toBe('62');
    expect(formatActual(false)).toBe('false');
    expect(formatActual('weekly')).toBe('"weekly"');
    expect(formatActual('')).toBe('""');
    expect(formatActual(null)).toBe('no value');
    expect(formatActual({ coverage: 12 })).toBe('{"coverage":12}');
    expect(formatActual(undefined)).toBeUndefined();
  });

  it('cuts long values', () => {
    const text = formatActual('x'.repeat(500))!;
    expect(text).toHaveLength(120);
    expect(text.endsWith('…')).toBe(true);
  });
});

describe('plural', () => {
  it('counts', () => {
    expect(plural(1, 'rule')).toBe('1 rule');
    expect(plural(2, 'entity', 'entities')).toBe('2 entities');
  });
});
