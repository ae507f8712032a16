import { act, render, screen } from '@testing-library/react';
import { Countdown } from './Countdown';

describe('Countdown', () => {
  beforeEach(() => {
    jest.useFakeTimers({ now: new Date('2027-01-15T17:58:00Z') });
  });
  afterEach(() => {
    jest.useRealTimers();
  });

  it('counts down every second until the timer runs out', () => {
    render(<Countdown value="2027-01-15T18:00:00Z" />);
    const timer = screen.getByRole('timer');
    expect(timer).toHaveTextContent('02m 00s left');
    expect(timer).toHaveAttribute('datetime', '2027-01-15T18:00:00.000Z');

    act(() => {
      jest.advanceTimersByTime(1000);
    });
    expect(screen.getByRole('timer')).toHaveTextContent('01m 59s left');

    act(() => {
      jest.advanceTimersByTime(120_000);
    });
    expect(screen.getByRole('timer')).toHaveTextContent(/^expired .*ago$/);
  });

  it('shows days and hours when there are any', () => {
    render(<Countdown value="2027-01-17T20:03:04Z" />);
    expect(screen.getByRole('timer')).toHaveTextContent('2d 2h 05m 04s left');
  });
});
