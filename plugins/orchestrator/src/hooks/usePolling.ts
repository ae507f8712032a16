import { useEffect, useRef } from 'react';

/** How often the UI reads an environment again while a run works on it. */
export const POLL_MS = 3000;

/**
 * Calls `refresh` every `intervalMs` while `active`, and not at all
 * otherwise: a changing environment is read again until it settles.
 */
export function usePolling(
  refresh: () => void,
  active: boolean,
  intervalMs: number = POLL_MS,
): void {
  const latest = useRef(refresh);
  latest.current = refresh;
  useEffect(() => {
    if (!active) {
      return undefined;
    }
    const timer = setInterval(() => latest.current(), intervalMs);
    return () => clearInterval(timer);
  }, [active, intervalMs]);
}
