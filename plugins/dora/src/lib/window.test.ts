import { formatDate, historyWindow } from './window';

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

describe('formatDate', () => {
  it('shows a dash for nothing and what does not parse as it is', () => {
    expect(formatDate(undefined)).toBe('—');
    expect(formatDate('soon')).toBe('soon');
    expect(formatDate('2026-11-27T10:05:00.000Z')).toMatch(/2026/);
  });
});
