import { act, render, screen } from '@testing-library/react';
import { TtlCountdown } from './TtlCountdown';

describe('TtlCountdown', () => {
  const now = Date.parse('2026-11-27T12:00:00Z');

  beforeEach(() => {
    jest.useFakeTimers({ now });
  });

  afterEach(() => {
    jest.useRealTimers();
  });

  it('counts down to the minute, every minute', () => {
    render(
      <TtlCountdown
        expiresAt={new Date(
          now + (3 * 60 + 20) * 60_000 + 30_000,
        ).toISOString()}
      />,
    );
    expect(screen.getByText('expires in 3 h 20 min')).toBeInTheDocument();
    act(() => {
      jest.advanceTimersByTime(60_000);
    });
    expect(screen.getByText('expires in 3 h 19 min')).toBeInTheDocument();
  });

  it('says when the time is up', () => {
    render(<TtlCountdown expiresAt={new Date(now + 30_000).toISOString()} />);
    expect(
      screen.getByText('expires in less than a minute'),
    ).toBeInTheDocument();
    act(() => {
      jest.advanceTimersByTime(60_000);
    });
    expect(screen.getByText('expired, to be deleted')).toBeInTheDocument();
  });

  it('says quietly that an environment has no TTL', () => {
    render(<TtlCountdown />);
    expect(screen.getByText('no TTL')).toBeInTheDocument();
  });
});
