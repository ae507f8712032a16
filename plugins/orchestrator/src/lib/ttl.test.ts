import {
  DAY_MS,
  extendedTtl,
  formatRemaining,
  HOUR_MS,
  MINUTE_MS,
  ttlFromHours,
} from './ttl';

describe('formatRemaining', () => {
  it('says how long is left to the minute', () => {
    expect(formatRemaining(3 * HOUR_MS + 20 * MINUTE_MS + 59_000)).toBe(
      '3 h 20 min',
    );
    expect(formatRemaining(2 * HOUR_MS)).toBe('2 h');
    expect(formatRemaining(45 * MINUTE_MS)).toBe('45 min');
    expect(formatRemaining(2 * DAY_MS + 4 * HOUR_MS + 5 * MINUTE_MS)).toBe(
      '2 d 4 h',
    );
    expect(formatRemaining(DAY_MS)).toBe('1 d');
    expect(formatRemaining(30_000)).toBe('less than a minute');
  });
});

describe('extendedTtl', () => {
  const now = Date.parse('2026-11-27T12:00:00Z');

  it('adds to the time left', () => {
    const expiresAt = new Date(
      now + 3 * HOUR_MS + 20 * MINUTE_MS,
    ).toISOString();
    expect(extendedTtl(expiresAt, 4 * HOUR_MS, now)).toBe('PT440M');
    expect(extendedTtl(expiresAt, DAY_MS, now)).toBe('PT1640M');
  });

  it('counts from now for an environment without TTL or already expired', () => {
    expect(extendedTtl(undefined, 4 * HOUR_MS, now)).toBe('PT240M');
    expect(
      extendedTtl(new Date(now - HOUR_MS).toISOString(), 4 * HOUR_MS, now),
    ).toBe('PT240M');
  });
});

describe('ttlFromHours', () => {
  it('takes whole hours from one to a year', () => {
    expect(ttlFromHours('8')).toBe('PT8H');
    expect(ttlFromHours(' 24 ')).toBe('PT24H');
    expect(ttlFromHours('')).toBeUndefined();
    expect(ttlFromHours('0')).toBeNull();
    expect(ttlFromHours('1.5')).toBeNull();
    expect(ttlFromHours('9000')).toBeNull();
    expect(ttlFromHours('soon')).toBeNull();
  });
});
