import { DoraMetricsQuery } from '../../api/DoraApi';
import { DoraSettings } from '../../lib/doraSettings';
import { historyWindow } from '../../lib/window';

/**
 * The query the settings stand for: their window ending now, their
 * environment, and their domain when one is chosen. The team is left to each
 * view.
 */
export function baseQuery(settings: DoraSettings): DoraMetricsQuery {
  return {
    ...historyWindow(settings.windowDays),
    environment: settings.environment,
    domain: settings.domain || undefined,
  };
}
