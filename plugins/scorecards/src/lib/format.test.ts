import { formatActual, plural } from './format';

describe('formatActual', () => {
  it('shows what a rule looked at', () => {
    expect(formatActual(62)).toBe('62');
    expect(formatActual(false)).toBe('false');
    expect(formatActual('weekly')).toBe('"weekly"');
    expect(formatActual('')).toBe('""');
    expect(formatActual(null)).toBe('no value');
    expect(formatActual({ coverage: 12, readme: null })).toBe(
      'coverage: 12, readme: no value',
    );
    expect(formatActual(['a', 'b'])).toBe('["a","b"]');
    expect(formatActual(undefined)).toBeUndefined();
  });

  it('rounds figures, keeping small ones readable', () => {
    expect(formatActual(0.0222222)).toBe('0.02');
    expect(formatActual(12.3456)).toBe('12.35');
    expect(formatActual(0.004)).toBe('0.004');
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
