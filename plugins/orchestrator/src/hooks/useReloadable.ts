import { DependencyList, useRef } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';

/** What {@link useReloadable} gives. */
export interface Reloadable<T> {
  /** The latest value read, kept while it is read again or that fails. */
  value?: T;
  /** Why the latest read failed, if it did. */
  error?: unknown;
  loading: boolean;
  /** Reads again (unless a read is under way). */
  reload: () => void;
}

/**
 * `useAsyncRetry` that keeps its last value while it reads again, and when
 * reading again fails: a list polled every few seconds does not blink or
 * vanish on one failed read.
 */
export function useReloadable<T>(
  load: () => Promise<T>,
  deps: DependencyList,
): Reloadable<T> {
  const state = useAsyncRetry(load, deps);
  const last = useRef<T>();
  if (state.value !== undefined) {
    last.current = state.value;
  }
  return {
    value: state.value ?? last.current,
    error: state.error,
    loading: state.loading,
    reload: state.retry,
  };
}
