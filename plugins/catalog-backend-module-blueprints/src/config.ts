import {
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';

/** The module's settings, from `catalog.providers.plinthBlueprints`. */
export interface ModuleConfig {
  /** Port-format entity files and folders. */
  entityPaths: string[];
  /** The owner of entities of built-in kinds whose Port data names no team. */
  defaultOwner?: string;
  schedule: SchedulerServiceTaskScheduleDefinition;
}

const DEFAULT_SCHEDULE: SchedulerServiceTaskScheduleDefinition = {
  frequency: { seconds: 30 },
  timeout: { minutes: 3 },
  initialDelay: { seconds: 3 },
};

export function readModuleConfig(root: Config): ModuleConfig {
  const config = root.getOptionalConfig('catalog.providers.plinthBlueprints');
  return {
    entityPaths: config?.getOptionalStringArray('entities') ?? [],
    defaultOwner: config?.getOptionalString('defaultOwner'),
    schedule: config?.has('schedule')
      ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
          config.getConfig('schedule'),
        )
      : DEFAULT_SCHEDULE,
  };
}
