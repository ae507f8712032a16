import { doraBuckets, parseIsoDateTime } from './time';

describe('time', () => {
  it('reads ISO 8601 date-times with a zone', () => {
    expect(parseIsoDateTime('2024-02-29T23:59:59.999Z')).toBe(
      Date.UTC(2024, 1, 29, 23, 59, 59, 999),
    );
    expect(parseIsoDateTime('2024-03-01T01:00:00+01:00')).toBe(
      Date.UTC(2024, 2, 1),
    );
    expect(parseIsoDateTime('2023-02-29T00:00:00Z')).toBeUndefined();
    expect(parseIsoDateTime('2024-03-01 00:00:00Z')).toBeUndefined();
  });

  it('cuts a window into weeks from Monday and months, clamped', () => {
    const from = Date.UTC(2024, 0, 31); // a Wednesday
    const to = Date.UTC(2024, 1, 14);
    expect(
      doraBuckets(from, to, 'week').map(b => new Date(b.start).toISOString()),
    ).toEqual([
      '2024-01-31T00:00:00.000Z',
      '2024-02-05T00:00:00.000Z',
      '2024-02-12T00:00:00.000Z',
    ]);
    expect(doraBuckets(from, to, 'month')).toEqual([
      { start: from, end: Date.UTC(2024, 1, 1) },
      { start: Date.UTC(2024, 1, 1), end: to },
    ]);
    expect(
      doraBuckets(Date.UTC(2024, 1, 14), Date.UTC(2024, 7, 2), 'quarter'),
    ).toEqual([
      { start: Date.UTC(2024, 1, 14), end: Date.UTC(2024, 3, 1) },
      { start: Date.UTC(2024, 3, 1), end: Date.UTC(2024, 6, 1) },
      { start: Date.UTC(2024, 6, 1), end: Date.UTC(2024, 7, 2) },
    ]);
    expect(() => doraBuckets(0, Date.UTC(2030, 0, 1), 'week')).toThrow(
      'the window has more than 530 buckets of a week',
    );
  });
});
