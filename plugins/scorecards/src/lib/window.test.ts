import {
  daysLeft,
  endOfDay,
  formatDaysLeft,
  historyWindow,
  isoDate,
  isOverdue,
} from './window';

const now = new Date('2026-11-27T15:30:00Z');

describe('historyWindow', () => {
  it('covers the given number of days, today included, from the start of the first', () => {
    expect(historyWindow(30, now)).toEqual({
      from: '2026-10-29T00:00:00.000Z',
      to: '2026-11-27T15:30:00.000Z',
    });
    expect(historyWindow(365, now).from).toBe('2025-11-28T00:00:00.000Z');
    expect(historyWindow(1, now).from).toBe('2026-11-27T00:00:00.000Z');
  });
});

describe('daysLeft', () => {
  it('counts calendar days to a date deadline, then days overdue', () => {
    expect(daysLeft('2026-12-31', now)).toBe(34);
    expect(daysLeft('2026-11-27', now)).toBe(0);
    expect(daysLeft('2026-11-20', now)).toBe(-7);
  });

  it('takes instants too, and nothing for what does not parse', () => {
    expect(daysLeft('2026-11-28T01:00:00Z', now)).toBe(1);
    expect(daysLeft('soon', now)).toBeUndefined();
  });
});

describe('isOverdue', () => {
  it('is not overdue on the day of a date deadline', () => {
    expect(isOverdue('2026-11-27', now)).toBe(false);
    expect(isOverdue('2026-11-26', now)).toBe(true);
    expect(isOverdue('2026-11-27T12:00:00Z', now)).toBe(true);
  });
});

describe('formatDaysLeft', () => {
  it('reads as a deadline', () => {
    expect(formatDaysLeft(12)).toBe('12 days left');
    expect(formatDaysLeft(1)).toBe('1 day left');
    expect(formatDaysLeft(0)).toBe('due today');
    expect(formatDaysLeft(-1)).toBe('1 day overdue');
    expect(formatDaysLeft(-7)).toBe('7 days overdue');
    expect(formatDaysLeft(undefined)).toBe('no valid deadline');
  });
});

describe('endOfDay', () => {
  it('ends an exemption at the end of the chosen day', () => {
    const until = endOfDay('2027-01-31')!;
    expect(new Date(until).getTime()).toBeGreaterThan(
      new Date('2027-01-30T12:00:00Z').getTime(),
    );
    expect(until.endsWith('Z')).toBe(true);
    expect(endOfDay('31/01/2027')).toBeUndefined();
    expect(endOfDay('2027-02-31')).toBeUndefined();
  });

  it('counts from today', () => {
    expect(isoDate(0, now)).toMatch(/^2026-11-2[78]$/);
  });
});
