import { useEffect, useState } from 'react';

/**
 * The time now in milliseconds, renewed every `intervalMs` (a minute by
 * default): what a countdown to the minute needs.
 */
export function useNow(intervalMs: number = 60_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}
