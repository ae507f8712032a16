import {
  RootLifecycleService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { HumanDuration } from '@backstage/types';
import type { BlueprintRegistry } from './BlueprintRegistry';

/**
 * Keeps the registry fresh: its first load once the whole backend is up
 * (the catalog may be one of its plugins; a request before then waits for
 * it), then one replica at a time reading the sources again, and every
 * replica picking up what was saved.
 */
export async function scheduleRegistry(options: {
  registry: BlueprintRegistry;
  scheduler: SchedulerService;
  rootLifecycle: RootLifecycleService;
  refreshInterval: HumanDuration;
}): Promise<void> {
  const { registry, scheduler, refreshInterval } = options;
  options.rootLifecycle.addStartupHook(() => {
    registry.start();
  });
  await scheduler.scheduleTask({
    id: 'blueprints-refresh',
    frequency: refreshInterval,
    initialDelay: refreshInterval,
    timeout: { minutes: 5 },
    scope: 'global',
    fn: () => registry.refresh(),
  });
  await scheduler.scheduleTask({
    id: 'blueprints-reload',
    frequency: refreshInterval,
    initialDelay: refreshInterval,
    timeout: { minutes: 1 },
    scope: 'local',
    fn: () => registry.reload(),
  });
}
